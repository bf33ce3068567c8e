package dev.awssig.awssdk;

import java.util.Objects;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * The SDK's SigV4 auth scheme ({@code aws.auth#sigv4}) with awssig as its signer: register it on
 * any SDK v2 client and every request the client signs with SigV4 is signed by awssig. Credentials
 * come from the client's credentials provider, as with the SDK's own scheme.
 *
 * <pre>{@code
 * S3Client s3 = S3Client.builder().region(Region.EU_WEST_1)
 *         .putAuthScheme(AwssigAuthScheme.create())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class AwssigAuthScheme implements AuthScheme<AwsCredentialsIdentity> {
    private final AwssigHttpSigner signer;

    private AwssigAuthScheme(AwssigHttpSigner signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * The scheme with {@link AwssigHttpSigner#create()}.
     *
     * @return the auth scheme
     * @since 0.2.0
     */
    public static AwssigAuthScheme create() {
        return new AwssigAuthScheme(AwssigHttpSigner.create());
    }

    /**
     * The scheme with a configured signer.
     *
     * @param signer the signer
     * @return the auth scheme
     * @since 0.2.0
     */
    public static AwssigAuthScheme of(AwssigHttpSigner signer) {
        return new AwssigAuthScheme(signer);
    }

    /**
     * {@code aws.auth#sigv4}, the id the SDK's SigV4 scheme has, so this one replaces it.
     *
     * @return the scheme id
     * @since 0.2.0
     */
    @Override
    public String schemeId() {
        return AwsV4AuthScheme.SCHEME_ID;
    }

    /**
     * The client's AWS credentials provider.
     *
     * @param providers the client's identity providers
     * @return the credentials provider
     * @since 0.2.0
     */
    @Override
    public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        Objects.requireNonNull(providers, "providers");
        return providers.identityProvider(AwsCredentialsIdentity.class);
    }

    /**
     * The awssig signer.
     *
     * @return the signer
     * @since 0.2.0
     */
    @Override
    public HttpSigner<AwsCredentialsIdentity> signer() {
        return signer;
    }

    /**
     * The scheme id and the signer; never credentials.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "AwssigAuthScheme[" + schemeId() + ", " + signer + "]";
    }
}
