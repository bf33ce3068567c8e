package dev.awssig;

import dev.awssig.internal.OptionNames;

/**
 * What a presigner does when the temporary credentials that sign a URL expire before the URL
 * would: a request made with the URL after the credentials expired fails ({@code ExpiredToken}
 * for an STS session token, {@code InvalidAccessKeyId} or {@code AccessDenied} elsewhere), which
 * is baffling to whoever holds a URL that says it is still valid.
 *
 * <p>Every presigner of this project reads {@link #OPTION} from its {@link SigningConfig}; the
 * default is {@link #WARN}. Credentials without an {@link Credentials#expiration() expiration}
 * (long-term keys) never trigger it.
 * <pre>{@code
 * SigningConfig config = SigningConfig.builder()
 *         .credentialsProvider(CredentialsProviders.defaultChain())
 *         .region("us-east-1").service("s3")
 *         .option(PresignExpiryPolicy.OPTION, PresignExpiryPolicy.CAP)
 *         .build();
 * }</pre>
 *
 * @since 0.2.0
 */
public enum PresignExpiryPolicy {
    /**
     * Presign as asked, and say in {@link PresignedUrl#warnings()} when the credentials expire
     * first (the default).
     *
     * @since 0.2.0
     */
    WARN,

    /**
     * Shorten the URL's expiry to the credentials' expiration (whole seconds) and say so in
     * {@link PresignedUrl#warnings()}; refuse, as {@link #REFUSE} does, when the credentials have
     * less than a second left.
     *
     * @since 0.2.0
     */
    CAP,

    /**
     * Refuse with a {@link SigningException} naming both instants.
     *
     * @since 0.2.0
     */
    REFUSE;

    /**
     * The option under which a {@link SigningConfig} carries the policy for its presigners.
     *
     * @since 0.2.0
     */
    public static final SigningOption<PresignExpiryPolicy> OPTION =
            OptionNames.own("presign.credentialsExpiry", PresignExpiryPolicy.class, false);
}
