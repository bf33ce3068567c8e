package dev.awssig.v4a.support;

import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.SignableRequest;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.crt.auth.signing.AwsSigner;
import software.amazon.awssdk.crt.auth.signing.AwsSigningConfig;
import software.amazon.awssdk.crt.auth.signing.AwsSigningResult;
import software.amazon.awssdk.crt.auth.signing.AwsSigningUtils;
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.http.HttpRequest;
import software.amazon.awssdk.crt.http.HttpRequestBodyStream;

/**
 * The oracle: aws-c-auth's SigV4a through aws-crt-java, the native signer the AWS SDKs use.
 * Converts requests both ways, signs, and verifies with the CRT's own
 * {@code AwsSigningUtils.verifySigv4aEcdsaSignature} (which rebuilds the canonical request from
 * the unsigned request, requires it to equal the one given, and checks the ECDSA signature of
 * its string to sign with the given public key).
 */
public final class Crt {
    private Crt() {
    }

    /** What to sign and how, in the CRT's terms. */
    public static final class Spec {
        public Credentials credentials;
        public String regionSet;
        public String service;
        public long epochMillis;
        public boolean s3;
        public boolean contentShaHeader;
        /** The signed-body value, or null: the CRT hashes the body itself. */
        public String signedBodyValue;
        public long expires;

        AwsSigningConfig config(AwsSigningConfig.AwsSignatureType type) {
            AwsSigningConfig c = new AwsSigningConfig();
            c.setAlgorithm(AwsSigningConfig.AwsSigningAlgorithm.SIGV4_ASYMMETRIC);
            c.setSignatureType(type);
            c.setRegion(regionSet);
            c.setService(service);
            c.setTime(epochMillis);
            c.setCredentials(new software.amazon.awssdk.crt.auth.credentials.Credentials(
                    credentials.accessKeyId().getBytes(StandardCharsets.UTF_8),
                    credentials.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                    credentials.sessionToken().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null)));
            c.setUseDoubleUriEncode(!s3);
            c.setShouldNormalizeUriPath(!s3);
            c.setSignedBodyHeader(type == AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS && contentShaHeader
                    ? AwsSigningConfig.AwsSignedBodyHeaderType.X_AMZ_CONTENT_SHA256
                    : AwsSigningConfig.AwsSignedBodyHeaderType.NONE);
            boolean request = type == AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS
                    || type == AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_QUERY_PARAMS;
            if (signedBodyValue != null && request) {
                c.setSignedBodyValue(signedBodyValue); // a chunk or trailer is always hashed
            }
            if (type == AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_QUERY_PARAMS) {
                c.setExpirationInSeconds(expires);
            }
            return c;
        }
    }

    /** The request in the CRT's form: method, encoded path and query, headers (with Host), body. */
    public static HttpRequest request(SignableRequest r, byte[] body) {
        List<HttpHeader> headers = new ArrayList<>();
        boolean host = false;
        for (Headers.Header h : r.headers().entries()) {
            headers.add(new HttpHeader(h.name(), h.value()));
            host |= h.name().equalsIgnoreCase("host");
        }
        if (!host) {
            headers.add(0, new HttpHeader("Host", r.hostHeaderValue()));
        }
        String target = r.rawPath() + r.rawQuery().map(q -> "?" + q).orElse("");
        return new HttpRequest(r.method(), target, headers.toArray(new HttpHeader[0]), body == null ? null : body(body));
    }

    /** Our request from the CRT's signed one. */
    public static SignableRequest fromCrt(HttpRequest signed, String host, byte[] body) {
        SignableRequest.Builder b = SignableRequest.builder().method(signed.getMethod())
                .uri("https://" + host + signed.getEncodedPath());
        for (HttpHeader h : signed.getHeaders()) {
            b.header(h.getName(), h.getValue());
        }
        return b.payload(dev.awssig.Payload.ofBytes(body)).build();
    }

    private static HttpRequestBodyStream body(byte[] body) {
        return new HttpRequestBodyStream() {
            private final ByteBuffer in = ByteBuffer.wrap(body);

            @Override
            public boolean sendRequestBody(ByteBuffer out) {
                int n = Math.min(in.remaining(), out.remaining());
                ByteBuffer slice = in.slice();
                slice.limit(n);
                out.put(slice);
                in.position(in.position() + n);
                return in.remaining() == 0;
            }

            @Override
            public boolean resetPosition() {
                in.position(0);
                return true;
            }

            @Override
            public long getLength() {
                return body.length;
            }
        };
    }

    /** Signs with headers. */
    public static HttpRequest signHeaders(SignableRequest r, byte[] body, Spec spec) {
        try (AwsSigningConfig c = spec.config(AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS)) {
            return AwsSigner.signRequest(request(r, body), c).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the CRT could not sign", e);
        }
    }

    /** Signs with headers and returns the result (the signed request and the signature). */
    public static AwsSigningResult signHeadersResult(SignableRequest r, byte[] body, Spec spec) {
        try (AwsSigningConfig c = spec.config(AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS)) {
            return AwsSigner.sign(request(r, body), c).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the CRT could not sign", e);
        }
    }

    /** Presigns. */
    public static HttpRequest presign(SignableRequest r, byte[] body, Spec spec) {
        try (AwsSigningConfig c = spec.config(AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_QUERY_PARAMS)) {
            return AwsSigner.signRequest(request(r, body), c).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the CRT could not presign", e);
        }
    }

    /**
     * Whether the CRT accepts a signature of an unsigned request: its canonical request must
     * equal {@code canonicalRequest} and the signature must verify with the public key.
     */
    public static boolean verifies(SignableRequest unsigned, byte[] body, Spec spec, boolean presigned,
                                   String canonicalRequest, String hexSignature, ECPublicKey key) {
        try (AwsSigningConfig c = spec.config(presigned ? AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_QUERY_PARAMS
                : AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS)) {
            return AwsSigningUtils.verifySigv4aEcdsaSignature(request(unsigned, body), canonicalRequest, c,
                    hexSignature.getBytes(StandardCharsets.US_ASCII), x(key), y(key));
        }
    }

    /** Whether the CRT accepts an ECDSA signature (hex) of a string to sign. */
    public static boolean verifiesRaw(String stringToSign, String hexSignature, ECPublicKey key) {
        return AwsSigningUtils.verifyRawSha256EcdsaSignature(stringToSign.getBytes(StandardCharsets.UTF_8),
                hexSignature.getBytes(StandardCharsets.US_ASCII), x(key), y(key));
    }

    /** Signs one aws-chunked chunk after {@code previous}: the padded hex signature. */
    public static String signChunk(byte[] chunk, String previous, Spec spec) {
        try (AwsSigningConfig c = spec.config(AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_CHUNK)) {
            c.setSignedBodyHeader(AwsSigningConfig.AwsSignedBodyHeaderType.NONE);
            byte[] sig = AwsSigner.signChunk(body(chunk), previous.getBytes(StandardCharsets.US_ASCII), c).get();
            return new String(sig, StandardCharsets.US_ASCII);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the CRT could not sign a chunk", e);
        }
    }

    /** Signs the trailer headers after {@code previous}: the padded hex signature. */
    public static String signTrailer(List<HttpHeader> trailer, String previous, Spec spec) {
        try (AwsSigningConfig c = spec.config(AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_TRAILING_HEADERS)) {
            c.setSignedBodyHeader(AwsSigningConfig.AwsSignedBodyHeaderType.NONE);
            byte[] sig = AwsSigner.sign(trailer, previous.getBytes(StandardCharsets.US_ASCII), c).get().getSignature();
            return new String(sig, StandardCharsets.US_ASCII);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the CRT could not sign a trailer", e);
        }
    }

    /** The x coordinate as 64 hex digits. */
    public static String x(ECPublicKey key) {
        return hex32(key.getW().getAffineX());
    }

    /** The y coordinate as 64 hex digits. */
    public static String y(ECPublicKey key) {
        return hex32(key.getW().getAffineY());
    }

    private static String hex32(BigInteger v) {
        String h = v.toString(16);
        return "0".repeat(64 - h.length()) + h;
    }
}
