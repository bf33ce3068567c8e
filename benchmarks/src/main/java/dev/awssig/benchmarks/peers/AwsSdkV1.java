package dev.awssig.benchmarks.peers;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.AWS4Signer;
import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.auth.SdkClock;
import com.amazonaws.http.HttpMethodName;
import com.amazonaws.services.s3.internal.AWSS3V4Signer;
import com.amazonaws.services.s3.internal.S3QueryStringSigner;
import com.amazonaws.services.s3.internal.S3Signer;
import com.amazonaws.services.s3.request.S3HandlerContextKeys;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.Date;
import java.util.List;

/**
 * The AWS SDK for Java v1 signers ({@code com.amazonaws:aws-java-sdk-core} / {@code -s3}):
 * {@link AWS4Signer} (and its S3 subclass {@link AWSS3V4Signer}), the SigV2 S3 header signer
 * {@link S3Signer} and the SigV2 query-string signer {@link S3QueryStringSigner}. As in the SDK,
 * the request object is mutable and built per request; the S3 SigV2 signers are created per
 * request (they take the verb and resource path), the SigV4 signer is shared.
 */
public final class AwsSdkV1 {
    private AwsSdkV1() {
    }

    /**
     * Credentials.
     *
     * @param accessKey access key id
     * @param secret secret
     * @param sessionToken token or null
     * @return SDK v1 credentials
     */
    public static AWSCredentials credentials(String accessKey, String secret, String sessionToken) {
        return sessionToken == null ? new BasicAWSCredentials(accessKey, secret)
                : new BasicSessionCredentials(accessKey, secret, sessionToken);
    }

    /**
     * The SigV4 signer the SDK uses for a service: {@link AWSS3V4Signer} for S3 (no double URI
     * encoding, {@code x-amz-content-sha256}, {@code UNSIGNED-PAYLOAD} when presigning),
     * {@link AWS4Signer} otherwise. Its clock is fixed at {@code time}.
     *
     * @param service service name
     * @param region region
     * @param time signing time
     * @return the signer
     */
    public static AWS4Signer sigV4(String service, String region, Date time) {
        AWS4Signer signer;
        if (service.equals("s3")) {
            signer = new AWSS3V4Signer();
            // AWSS3V4Signer has no constructor taking a clock; the presign expiry is computed
            // against that clock, so fix it (once, at setup) as AWS4Signer(SdkClock) would.
            setClock(signer, new SdkClock.MockClock(time));
        } else {
            signer = new AWS4Signer(new SdkClock.MockClock(time));
        }
        signer.setServiceName(service);
        signer.setRegionName(region);
        signer.setOverrideDate(time);
        return signer;
    }

    private static void setClock(AWS4Signer signer, SdkClock clock) {
        try {
            Field f = AWS4Signer.class.getDeclaredField("clock");
            f.setAccessible(true);
            f.set(signer, clock);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot fix the clock of the AWS SDK v1 signer", e);
        }
    }

    /**
     * A new, unsigned SDK v1 request.
     *
     * @param serviceName the SDK's service name (for example "Amazon S3")
     * @param method HTTP method
     * @param endpoint scheme and host
     * @param resourcePath the path
     * @param params query parameters: name, value, ...
     * @param headers headers: name, value, ...
     * @return the request
     */
    public static DefaultRequest<Void> request(String serviceName, HttpMethodName method, URI endpoint,
            String resourcePath, List<String> params, List<String> headers) {
        DefaultRequest<Void> r = new DefaultRequest<>(serviceName);
        r.setHttpMethod(method);
        r.setEndpoint(endpoint);
        r.setResourcePath(resourcePath);
        for (int i = 0; i < params.size(); i += 2) {
            r.addParameter(params.get(i), params.get(i + 1));
        }
        for (int i = 0; i < headers.size(); i += 2) {
            r.addHeader(headers.get(i), headers.get(i + 1));
        }
        return r;
    }

    /**
     * Asks {@link AWSS3V4Signer} to sign the payload hash (as {@code S3ClientOptions
     * .payloadSigningEnabled} does) instead of sending {@code UNSIGNED-PAYLOAD} over HTTPS.
     *
     * @param request the request
     * @return the request
     */
    public static DefaultRequest<Void> signPayload(DefaultRequest<Void> request) {
        request.addHandlerContext(S3HandlerContextKeys.IS_PAYLOAD_SIGNING_ENABLED, Boolean.TRUE);
        return request;
    }

    /**
     * The SigV2 S3 header signer, with its signing time fixed (the SDK reads the system clock in
     * {@code getSignatureDate}; this override is the only change).
     */
    public static final class FixedTimeS3Signer extends S3Signer {
        private final Date time;

        /**
         * A signer for one request.
         *
         * @param verb HTTP method
         * @param resourcePath canonical resource ({@code /bucket/key})
         * @param time signing time
         */
        public FixedTimeS3Signer(String verb, String resourcePath, Date time) {
            super(verb, resourcePath);
            this.time = time;
        }

        @Override
        protected Date getSignatureDate(int offsetInSeconds) {
            return time;
        }
    }

    /**
     * A SigV2 query-string (presign) signer.
     *
     * @param verb HTTP method
     * @param resourcePath canonical resource
     * @param expiration expiry
     * @return the signer
     */
    public static S3QueryStringSigner sigV2Query(String verb, String resourcePath, Date expiration) {
        return new S3QueryStringSigner(verb, resourcePath, expiration);
    }
}
