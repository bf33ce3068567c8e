/**
 * The DevPay decorator: the customer's DevPay tokens as {@code x-amz-security-token} over any
 * SigV2 (S3), SigV4 or SigV4a signer, presigner or verifier; registered in the SPI as
 * {@code DEVPAY+AWS4-HMAC-SHA256}, {@code DEVPAY+AWS4-ECDSA-P256-SHA256} and {@code DEVPAY+AWS-S3-V2}.
 *
 * @provides dev.awssig.spi.SignerProvider
 * @since 0.1.0
 */
module dev.awssig.devpay {
    requires transitive dev.awssig;
    requires org.slf4j;

    exports dev.awssig.devpay;

    provides dev.awssig.spi.SignerProvider with
            dev.awssig.devpay.internal.DevPaySigV4Provider,
            dev.awssig.devpay.internal.DevPaySigV4aProvider,
            dev.awssig.devpay.internal.DevPaySigV2Provider;
}
