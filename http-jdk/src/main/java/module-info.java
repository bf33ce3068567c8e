/**
 * Signs {@code java.net.http} requests with awssig: {@link dev.awssig.http.jdk.HttpRequestSigner}
 * signs one {@link java.net.http.HttpRequest}, {@link dev.awssig.http.jdk.SigningHttpClient}
 * signs every request an {@link java.net.http.HttpClient} sends. The signer is found through the
 * SPI ({@link dev.awssig.HttpSigning}).
 *
 * @since 0.2.0
 */
module dev.awssig.http.jdk {
    requires transitive dev.awssig;
    requires transitive java.net.http;

    exports dev.awssig.http.jdk;
}
