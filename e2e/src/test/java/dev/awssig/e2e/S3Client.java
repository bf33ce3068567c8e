package dev.awssig.e2e;

import dev.awssig.SignableRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal path-style S3 client over {@link S3Http}: it builds each request (URL encoded by
 * {@link S3Paths}, headers, body), hands it to a {@link RequestSigner} (one per signing mode under
 * test) and sends what the signer returns, or hands it to a {@link Transport} that signs and sends
 * it itself (an HTTP client adapter). It knows nothing about signing.
 */
final class S3Client {
    /**
     * Turns an unsigned request into the request to put on the wire.
     */
    @FunctionalInterface
    interface RequestSigner {
        /**
         * Signs a request.
         *
         * @param unsigned the request, its payload the body bytes (or empty)
         * @param body the body bytes (the same as the payload; handy for modes that send them
         *     differently, such as {@code UNSIGNED-PAYLOAD} or {@code aws-chunked})
         * @return the request to send; its payload is what goes on the wire
         */
        SignableRequest sign(SignableRequest unsigned, byte[] body);
    }

    /**
     * Sends an unsigned request with a client that signs it itself (an HTTP client adapter).
     */
    @FunctionalInterface
    interface Transport {
        /**
         * Sends a request.
         *
         * @param method the method
         * @param url the absolute URL, already encoded
         * @param headers the headers to send
         * @param body the body, or null for none
         * @return the response
         */
        S3Http.Response send(String method, String url, Map<String, String> headers, byte[] body);
    }

    private final String endpoint;
    private final Transport transport;

    S3Client(String endpoint, RequestSigner signer) {
        this.endpoint = endpoint;
        this.transport = (method, url, headers, body) -> {
            SignableRequest.Builder b = SignableRequest.builder().method(method).uri(url);
            headers.forEach(b::header);
            byte[] bytes = body == null ? new byte[0] : body;
            b.payload(dev.awssig.Payload.ofBytes(bytes));
            return S3Http.send(signer.sign(b.build(), bytes), null);
        };
    }

    S3Client(String endpoint, Transport transport) {
        this.endpoint = endpoint;
        this.transport = transport;
    }

    /** Sends one request through the signer (or the signing transport). */
    S3Http.Response send(String method, String rawPathAndQuery, Map<String, String> headers, byte[] body) {
        return transport.send(method, endpoint + rawPathAndQuery, headers, body);
    }

    S3Http.Response createBucket(String bucket) {
        return send("PUT", "/" + bucket, Map.of(), null);
    }

    S3Http.Response put(String bucket, String key, byte[] body) {
        return put(bucket, key, body, Map.of());
    }

    S3Http.Response put(String bucket, String key, byte[] body, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Content-Type", "application/octet-stream");
        return send("PUT", S3Paths.objectPath(bucket, key), h, body);
    }

    S3Http.Response get(String bucket, String key) {
        return send("GET", S3Paths.objectPath(bucket, key), Map.of(), null);
    }

    S3Http.Response getRange(String bucket, String key, String range) {
        return send("GET", S3Paths.objectPath(bucket, key), Map.of("Range", range), null);
    }

    S3Http.Response head(String bucket, String key) {
        return send("HEAD", S3Paths.objectPath(bucket, key), Map.of(), null);
    }

    S3Http.Response delete(String bucket, String key) {
        return send("DELETE", S3Paths.objectPath(bucket, key), Map.of(), null);
    }

    /**
     * ListObjectsV2 with the given parameters (unencoded; this encodes them).
     *
     * @param bucket the bucket
     * @param params parameter name to value, in the order to send
     * @return the response
     */
    S3Http.Response list(String bucket, Map<String, String> params) {
        StringBuilder q = new StringBuilder("/").append(bucket).append("?list-type=2");
        params.forEach((k, v) -> q.append('&').append(S3Paths.encodeQuery(k)).append('=')
                .append(S3Paths.encodeQuery(v)));
        return send("GET", q.toString(), Map.of(), null);
    }

    /** Starts a multipart upload and returns its id. */
    String initiateMultipart(String bucket, String key) {
        S3Http.Response r = send("POST", S3Paths.objectPath(bucket, key) + "?uploads", Map.of(), null);
        List<String> ids = r.xmlTexts("UploadId");
        if (r.status() != 200 || ids.isEmpty()) {
            throw new AssertionError("initiate multipart upload: " + r.describe());
        }
        return ids.get(0);
    }

    S3Http.Response uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] part) {
        return send("PUT", S3Paths.objectPath(bucket, key) + "?partNumber=" + partNumber + "&uploadId="
                + S3Paths.encodeQuery(uploadId), Map.of(), part);
    }

    S3Http.Response completeMultipart(String bucket, String key, String uploadId, List<String> etags) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(etags.get(i))
                    .append("</ETag></Part>");
        }
        xml.append("</CompleteMultipartUpload>");
        return send("POST", S3Paths.objectPath(bucket, key) + "?uploadId=" + S3Paths.encodeQuery(uploadId),
                Map.of("Content-Type", "application/xml"), xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
