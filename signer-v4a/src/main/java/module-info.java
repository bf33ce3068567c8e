/**
 * AWS Signature Version 4a ({@code AWS4-ECDSA-P256-SHA256}) on the JDK's EC: key derivation,
 * header signing, presigned URLs, aws-chunked streaming uploads and their verifier.
 *
 * @provides dev.awssig.spi.SignerProvider
 * @since 0.2.0
 */
@SuppressWarnings("module") // the module name dev.awssig.v4a has a digit by design
module dev.awssig.v4a {
    requires transitive dev.awssig;
    requires transitive dev.awssig.v4;
    requires org.slf4j;

    exports dev.awssig.v4a;

    provides dev.awssig.spi.SignerProvider with dev.awssig.v4a.internal.SigV4aProvider;
}
