package dev.awssig.devpay;

import dev.awssig.CredentialsProvider;
import dev.awssig.Presigner;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.Verifier;
import dev.awssig.devpay.internal.DevPayPresigner;
import dev.awssig.devpay.internal.DevPaySigner;
import dev.awssig.devpay.internal.DevPayVerifier;
import dev.awssig.devpay.internal.NoSessionTokenCredentials;
import dev.awssig.devpay.internal.SecurityToken;
import java.util.Objects;
import java.util.function.Function;

/**
 * The DevPay decorator. A DevPay product signs requests on its customers' behalf with its own
 * access key, and adds the customer's {@link DevPayTokens tokens} in
 * {@code x-amz-security-token}, where the inner signer signs them like any other
 * {@code x-amz-*} header or parameter:
 * <ul>
 *   <li>{@link #signer(Signer, DevPayTokens) header-signed requests}: the
 *       {@code x-amz-security-token} header holds the user token, or
 *       {@code userToken,productToken} for {@link DevPayTokens#legacy(String, String) legacy}
 *       tokens;</li>
 *   <li>{@link #presigner(Presigner, DevPayTokens) presigned URLs}: the
 *       {@code x-amz-security-token} query parameter holds the user token, percent-encoded in the
 *       URL; SigV2 signs it as if it were a header, with its decoded value, SigV4 in its
 *       canonical query (named {@code X-Amz-Security-Token} there, like SigV4's other
 *       parameters). Legacy tokens are refused: the product token would be in clear text in the
 *       URL;</li>
 *   <li>browser POST forms: the user token goes into the {@code x-amz-security-token} field and
 *       a policy condition, both; give {@link DevPayTokens#postFormSecurityToken()} to the form
 *       signer of {@code post-policy} as its security token.</li>
 * </ul>
 *
 * <p>The decorators refuse a request that already carries {@code x-amz-security-token}, and fail
 * with {@link IllegalStateException} if the inner signer replaced or duplicated the token (which
 * is what a signer with session credentials may do: DevPay signs with long-term keys) or did not
 * sign it. Since an inner signer may also quietly drop its session token in favour of the one
 * already present, build inner signers with {@link #signer(Function, SigningConfig, DevPayTokens)}
 * (or over {@link #withoutSessionToken(CredentialsProvider)}) to have session credentials
 * refused with a clear message; the SPI providers do this for you. Tokens never appear in a log line, a {@code toString()} or an exception message.
 *
 * <pre>{@code
 * DevPayTokens tokens = DevPayTokens.of(userToken);
 * Signer signer = DevPay.signer(sigV4Signer, tokens);
 * SignedRequest signed = signer.sign(request);   // carries x-amz-security-token, signed
 * PresignedUrl url = DevPay.presigner(sigV4Presigner, tokens).presign(request, Duration.ofMinutes(10));
 * }</pre>
 *
 * <p>The same decorators are available by name through the SPI:
 * {@code Signers.discover().signer(Algorithms.devpay(Algorithms.SIGV4), config)} with the
 * tokens in {@link DevPayOptions}.
 *
 * @since 0.1.0
 */
public final class DevPay {
    /**
     * The name of the header, query parameter and POST form field that carries the tokens.
     *
     * @since 0.1.0
     */
    public static final String SECURITY_TOKEN = SecurityToken.NAME;

    private DevPay() {
    }

    /**
     * Decorates a signer: every request it signs carries the DevPay tokens in the
     * {@code x-amz-security-token} header, signed by the inner signer.
     *
     * @param inner a SigV2 (S3) or SigV4 signer, configured with the product's long-term
     *     credentials (no session token)
     * @param tokens the customer's tokens
     * @return the decorated signer, whose algorithm is {@code DEVPAY+<inner algorithm>}
     * @throws IllegalArgumentException if the inner signer is the query API's SigV2, which signs
     *     no header, or is already a DevPay signer
     * @since 0.1.0
     */
    public static Signer signer(Signer inner, DevPayTokens tokens) {
        return new DevPaySigner(inner, tokens);
    }

    /**
     * Decorates a presigner: every URL it presigns carries the user token as the
     * {@code x-amz-security-token} query parameter, signed by the inner presigner.
     *
     * @param inner a SigV2 (S3) or SigV4 presigner, configured with the product's long-term
     *     credentials (no session token)
     * @param tokens the customer's tokens, of the current version ({@link DevPayTokens#of(String)})
     * @return the decorated presigner, whose algorithm is {@code DEVPAY+<inner algorithm>}
     * @throws IllegalArgumentException for {@link DevPayTokens#legacy(String, String) legacy}
     *     tokens: the product token would travel in clear text in the URL, so refresh the user
     *     token with {@code RefreshUserToken} and use {@link DevPayTokens#of(String)}
     * @since 0.1.0
     */
    public static Presigner presigner(Presigner inner, DevPayTokens tokens) {
        return new DevPayPresigner(inner, tokens);
    }

    /**
     * Creates the inner signer from a config whose credentials provider is
     * {@link #withoutSessionToken(CredentialsProvider) guarded against session tokens}, and
     * decorates it. Prefer this to {@link #signer(Signer, DevPayTokens)} when you construct the
     * inner signer yourself: an inner signer may quietly leave out its own session token when the
     * request already carries {@code x-amz-security-token}, so only the credentials tell.
     *
     * <pre>{@code
     * Signer signer = DevPay.signer(SigV4Signer::create, config, DevPayTokens.of(userToken));
     * }</pre>
     *
     * @param factory creates the inner signer from a config, for example {@code SigV4Signer::create}
     * @param config the product's config (credentials provider, region, service, clock, options)
     * @param tokens the customer's tokens
     * @return the decorated signer; signing fails with {@link IllegalStateException} if the
     *     credentials carry a session token
     * @throws IllegalArgumentException as {@link #signer(Signer, DevPayTokens)}, or if the config
     *     has no credentials provider
     * @since 0.1.0
     */
    public static Signer signer(Function<SigningConfig, ? extends Signer> factory, SigningConfig config,
                                DevPayTokens tokens) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(tokens, "tokens");
        return new DevPaySigner(factory.apply(guarded(config)), tokens);
    }

    /**
     * Creates the inner presigner from a config whose credentials provider is
     * {@link #withoutSessionToken(CredentialsProvider) guarded against session tokens}, and
     * decorates it (see {@link #signer(Function, SigningConfig, DevPayTokens)}).
     *
     * @param factory creates the inner presigner from a config, for example {@code S3V2Signer::create}
     * @param config the product's config
     * @param tokens the customer's tokens, of the current version ({@link DevPayTokens#of(String)})
     * @return the decorated presigner; presigning fails with {@link IllegalStateException} if the
     *     credentials carry a session token
     * @throws IllegalArgumentException for legacy tokens, as {@link #presigner(Presigner, DevPayTokens)},
     *     or if the config has no credentials provider
     * @since 0.1.0
     */
    public static Presigner presigner(Function<SigningConfig, ? extends Presigner> factory, SigningConfig config,
                                      DevPayTokens tokens) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isLegacy()) {
            throw new IllegalArgumentException(SecurityToken.PRESIGN_REFUSAL);
        }
        return new DevPayPresigner(factory.apply(guarded(config)), tokens);
    }

    private static SigningConfig guarded(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return config.toBuilder().credentialsProvider(withoutSessionToken(config.requireCredentialsProvider())).build();
    }

    /**
     * Decorates a verifier for the receiving side: the inner verifier checks the signature
     * (which covers the token), then the request must carry exactly one non-blank
     * {@code x-amz-security-token} (header or query parameter); a request without one is
     * rejected with {@code MissingSecurityHeader}. Which customer the token belongs to is for
     * the caller to decide.
     *
     * @param inner the verifier of the inner algorithm
     * @return the decorated verifier, whose algorithm is {@code DEVPAY+<inner algorithm>}
     * @since 0.1.0
     */
    public static Verifier verifier(Verifier inner) {
        return new DevPayVerifier(inner);
    }

    /**
     * Guards a credentials provider for use under a DevPay decorator: resolving credentials
     * that carry a session token fails with an {@link IllegalStateException} that explains why
     * (DevPay signs with the product's long-term keys; {@code x-amz-security-token} belongs to
     * the DevPay tokens). The SPI providers apply it to the config they are given.
     *
     * @param credentialsProvider the provider of the product's credentials
     * @return a provider that refuses session credentials
     * @since 0.1.0
     */
    public static CredentialsProvider withoutSessionToken(CredentialsProvider credentialsProvider) {
        return credentialsProvider instanceof NoSessionTokenCredentials ? credentialsProvider
                : new NoSessionTokenCredentials(credentialsProvider);
    }
}
