/**
 * Signs OkHttp 5 requests with awssig: {@link dev.awssig.http.okhttp.AwsSigningInterceptor}, an
 * {@code okhttp3.Interceptor} for {@code addInterceptor} or {@code addNetworkInterceptor}. The
 * signer is found through the SPI ({@link dev.awssig.HttpSigning}); OkHttp is the application's.
 *
 * @since 0.2.0
 */
module dev.awssig.http.okhttp {
    requires transitive dev.awssig;
    requires transitive okhttp3;

    exports dev.awssig.http.okhttp;
}
