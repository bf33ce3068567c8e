package dev.awssig.post;

import dev.awssig.Algorithms;
import dev.awssig.SigningConfig;
import dev.awssig.post.internal.PostFormSigningEngine;
import java.util.Objects;

/**
 * Signs browser-based upload forms with Signature Version 2 or 4.
 *
 * <p>SigV4 adds the {@code x-amz-algorithm}, {@code x-amz-credential}, {@code x-amz-date} (and
 * {@code x-amz-security-token}) conditions and fields, and signs the Base64 policy with the SigV4
 * signing key of the clock's date: {@code x-amz-signature = hex(HMAC-SHA256(key, policy))}.
 * SigV2 sends {@code AWSAccessKeyId}, {@code policy} and
 * {@code signature = Base64(HMAC-SHA1(secret, policy))}. A security token (from session
 * credentials, or given with {@link PostFormRequest.Builder#securityToken(String)}, which wins) is
 * sent both as a field and as a policy condition, as S3 and DevPay require.
 *
 * <pre>{@code
 * PostFormSigner signer = PostFormSigner.v4(SigningConfig.builder()
 *         .credentialsProvider(provider).region("us-east-1").clock(Clock.systemUTC()).build());
 * PostForm form = signer.sign(request);
 * String page = form.toHtml();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PostFormSigner {
    /**
     * The signature version of a form.
     *
     * @since 0.1.0
     */
    public enum Version {
        /** Signature Version 2 ({@code AWSAccessKeyId}, {@code signature}). */
        V2,
        /** Signature Version 4 ({@code x-amz-credential}, {@code x-amz-signature}). */
        V4
    }

    private final Version version;
    private final PostFormSigningEngine engine;

    private PostFormSigner(Version version, SigningConfig config) {
        this.version = version;
        this.engine = new PostFormSigningEngine(version, config);
    }

    /**
     * A SigV4 form signer: credentials provider, region (required), clock and service
     * (default {@code s3}) from the config.
     *
     * @param config the config
     * @return the signer
     * @throws IllegalArgumentException if the config has no credentials provider or region
     * @since 0.1.0
     */
    public static PostFormSigner v4(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return new PostFormSigner(Version.V4, config);
    }

    /**
     * A SigV2 form signer: credentials provider and clock from the config (the region, if set,
     * picks the default endpoint).
     *
     * @param config the config
     * @return the signer
     * @throws IllegalArgumentException if the config has no credentials provider
     * @since 0.1.0
     */
    public static PostFormSigner v2(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return new PostFormSigner(Version.V2, config);
    }

    /**
     * The signature version.
     *
     * @return V2 or V4
     * @since 0.1.0
     */
    public Version version() {
        return version;
    }

    /**
     * The algorithm name: {@link Algorithms#SIGV4} or {@link Algorithms#SIGV2_S3}.
     *
     * @return the name
     * @since 0.1.0
     */
    public String algorithm() {
        return version == Version.V4 ? Algorithms.SIGV4 : Algorithms.SIGV2_S3;
    }

    /**
     * Signs a form: completes the policy, encodes it, signs it and lays out the fields.
     *
     * @param request what to sign
     * @return the form
     * @throws IllegalArgumentException if the form could not pass its own policy (a field no
     *     condition covers, a value a condition rejects, no key, an expiration not after the
     *     clock's time), or a verbatim policy document
     *     lacks the conditions the signer's fields need
     * @since 0.1.0
     */
    public PostForm sign(PostFormRequest request) {
        Objects.requireNonNull(request, "request");
        PostFormSigningEngine.Signed form = engine.sign(request);
        return new PostForm(form.action, form.bucket, form.fields, form.policy);
    }

    /**
     * Signs a Base64 policy as it is, with the configured credentials and the clock's date (for
     * SigV4): the value of the {@code x-amz-signature} or {@code signature} field.
     *
     * @param policyBase64 the {@code policy} field value
     * @return hex (SigV4) or Base64 (SigV2) signature
     * @since 0.1.0
     */
    public String signature(String policyBase64) {
        Objects.requireNonNull(policyBase64, "policyBase64");
        return engine.signature(policyBase64);
    }

    /**
     * Region, service, clock and version; never credentials.
     *
     * @return a description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "PostFormSigner[" + engine + "]";
    }
}
