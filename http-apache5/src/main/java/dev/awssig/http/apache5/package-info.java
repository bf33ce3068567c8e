/**
 * awssig for Apache HttpClient 5: {@link dev.awssig.http.apache5.AwsSigningExec} (classic) and
 * {@link dev.awssig.http.apache5.AwsSigningAsyncExec} (async).
 *
 * @since 0.2.0
 */
package dev.awssig.http.apache5;
