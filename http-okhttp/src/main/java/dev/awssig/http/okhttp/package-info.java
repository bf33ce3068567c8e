/**
 * awssig for OkHttp 5: {@link dev.awssig.http.okhttp.AwsSigningInterceptor}.
 *
 * @since 0.2.0
 */
package dev.awssig.http.okhttp;
