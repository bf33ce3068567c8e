/**
 * awssig for {@code java.net.http}: {@link dev.awssig.http.jdk.HttpRequestSigner} and
 * {@link dev.awssig.http.jdk.SigningHttpClient}.
 *
 * @since 0.2.0
 */
package dev.awssig.http.jdk;
