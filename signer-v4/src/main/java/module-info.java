/**
 * AWS Signature Version 4: header signing, presigned URLs, aws-chunked streaming uploads and
 * their verifiers.
 *
 * @provides dev.awssig.spi.SignerProvider
 * @since 0.1.0
 */
@SuppressWarnings("module") // the module name dev.awssig.v4 ends in a digit by design
module dev.awssig.v4 {
    requires transitive dev.awssig;
    requires org.slf4j;

    exports dev.awssig.v4;
    exports dev.awssig.v4.internal to dev.awssig.v4a;

    provides dev.awssig.spi.SignerProvider with dev.awssig.v4.internal.SigV4Provider;
}
