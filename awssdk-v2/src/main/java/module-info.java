/**
 * awssig as the AWS SDK for Java v2's own signer: {@link dev.awssig.awssdk.AwssigHttpSigner}, an
 * {@code HttpSigner} of the SDK's {@code http-auth-spi}, and {@link dev.awssig.awssdk.AwssigAuthScheme},
 * the {@code aws.auth#sigv4} auth scheme that uses it. The signer is found through awssig's SPI;
 * the SDK is the application's.
 *
 * @since 0.2.0
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // the SDK has automatic module names
module dev.awssig.awssdk {
    requires transitive dev.awssig;
    requires transitive software.amazon.awssdk.http.auth.spi;
    requires transitive software.amazon.awssdk.identity.spi;
    requires transitive software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.auth.aws;
    requires software.amazon.awssdk.checksums;
    requires software.amazon.awssdk.checksums.spi;
    requires software.amazon.awssdk.utils;
    requires org.reactivestreams;

    exports dev.awssig.awssdk;
}
