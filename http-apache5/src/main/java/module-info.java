/**
 * Signs Apache HttpClient 5 requests with awssig: {@link dev.awssig.http.apache5.AwsSigningExec}
 * for the classic client and {@link dev.awssig.http.apache5.AwsSigningAsyncExec} for the async
 * one, both exec-chain handlers that run after the protocol stage. The signer is found through
 * the SPI ({@link dev.awssig.HttpSigning}); HttpClient is the application's.
 *
 * @since 0.2.0
 */
// "module": the name dev.awssig.http.apache5 ends in a digit by design; HttpClient 5 has automatic module names
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module dev.awssig.http.apache5 {
    requires transitive dev.awssig;
    requires transitive org.apache.httpcomponents.client5.httpclient5;
    requires transitive org.apache.httpcomponents.core5.httpcore5;

    exports dev.awssig.http.apache5;
}
