/**
 * A verifying Jakarta Servlet filter for S3-compatible servers, gateways and proxies:
 * {@link dev.awssig.servlet.VerifyingFilter} detects how each request is authenticated (SigV4,
 * SigV4a, SigV2; header, presigned, aws-chunked, browser POST), verifies it with the signers
 * found through the {@link dev.awssig.spi.SignerProvider} SPI, answers S3's XML errors, and hands
 * the application a request whose body is the verified, decoded payload.
 *
 * @since 0.2.0
 */
module dev.awssig.servlet {
    requires transitive dev.awssig;
    requires transitive jakarta.servlet;
    requires static dev.awssig.post;
    requires org.slf4j;

    exports dev.awssig.servlet;
}
