/**
 * AWS Signature Version 2: the S3 {@code Authorization: AWS id:signature} header, S3
 * query-string authentication (presigned URLs with {@code Expires}), the query API's
 * {@code SignatureVersion=2}, and verifiers for all three.
 *
 * @provides dev.awssig.spi.SignerProvider {@code AWS-S3-V2} and {@code AWS-QUERY-V2}
 * @since 0.1.0
 */
@SuppressWarnings("module") // the module name is fixed by the project design (dev.awssig.v2)
module dev.awssig.v2 {
    requires transitive dev.awssig;

    exports dev.awssig.v2;

    provides dev.awssig.spi.SignerProvider with
            dev.awssig.v2.internal.S3V2Provider,
            dev.awssig.v2.internal.QueryV2Provider;
}
