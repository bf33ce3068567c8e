package dev.awssig.devpay;

import dev.awssig.Algorithms;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.internal.UriEncoding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small stand-in for a real signer/presigner, to see exactly what the decorator hands to the
 * inner signer and what it does with the result. Its "string to sign" follows the SigV2 shape:
 * every {@code x-amz-*} header, and on presigning every {@code x-amz-*} query parameter
 * (decoded), as {@code name:value} lines. The "signature" is not cryptographic; round trips
 * with the real signers are in {@code DevPayRoundTripTest}.
 */
final class FakeSigner implements Signer, Presigner {
    static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");

    private final String algorithm;
    private final String sessionToken;
    private final boolean signsSecurityToken;
    private final List<SignableRequest> received = new ArrayList<>();

    private FakeSigner(String algorithm, String sessionToken, boolean signsSecurityToken) {
        this.algorithm = algorithm;
        this.sessionToken = sessionToken;
        this.signsSecurityToken = signsSecurityToken;
    }

    /** An S3 SigV2-like fake with long-term credentials. */
    static FakeSigner v2() {
        return new FakeSigner(Algorithms.SIGV2_S3, null, true);
    }

    /** A SigV4-like fake (reports signed headers) with long-term credentials. */
    static FakeSigner v4() {
        return new FakeSigner(Algorithms.SIGV4, null, true);
    }

    /** A fake of any algorithm name. */
    static FakeSigner named(String algorithm) {
        return new FakeSigner(algorithm, null, true);
    }

    /** A fake whose credentials carry a session token, which it adds like a real signer would. */
    static FakeSigner withSessionToken(String algorithm, String sessionToken) {
        return new FakeSigner(algorithm, sessionToken, true);
    }

    /** A fake that leaves x-amz-security-token out of what it signs. */
    static FakeSigner notSigningTheToken(String algorithm) {
        return new FakeSigner(algorithm, null, false);
    }

    /** The requests the decorator handed over, in order. */
    List<SignableRequest> received() {
        return received;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public synchronized SignedRequest sign(SignableRequest request) {
        received.add(request);
        SignableRequest r = request;
        if (sessionToken != null) {
            r = r.toBuilder().header("x-amz-security-token", sessionToken).build();
        }
        Map<String, String> amz = amzHeaders(r.headers());
        String sts = r.method() + "\n\n\n" + lines(amz) + r.rawPath();
        List<String> signedHeaders = List.of();
        if (Algorithms.SIGV4.equals(algorithm)) {
            signedHeaders = new ArrayList<>(amz.keySet());
            signedHeaders.add(0, "host");
        }
        String signature = Integer.toHexString(sts.hashCode());
        SignableRequest out = r.toBuilder().setHeader("Authorization", "FAKE id:" + signature).build();
        return SignedRequest.builder().request(out).algorithm(algorithm).signature(signature)
                .stringToSign(sts).signedHeaders(signedHeaders).signingTime(NOW).build();
    }

    @Override
    public synchronized PresignedUrl presign(SignableRequest request, Duration expiresIn) {
        received.add(request);
        String query = request.rawQuery().orElse(null);
        if (sessionToken != null) {
            String p = "x-amz-security-token=" + UriEncoding.encode(sessionToken, false);
            query = query == null ? p : query + '&' + p;
        }
        Map<String, String> amz = amzHeaders(request.headers());
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), false).toLowerCase(Locale.ROOT);
                if (name.startsWith("x-amz-") && (signsSecurityToken || !name.equals("x-amz-security-token"))) {
                    amz.merge(name, eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1), false), (a, b) -> a + ',' + b);
                }
            }
        }
        Instant expires = NOW.plus(expiresIn);
        String sts = request.method() + "\n\n\n" + expires.getEpochSecond() + "\n" + lines(amz) + request.rawPath();
        String signature = Integer.toHexString(sts.hashCode());
        String auth = "AWSAccessKeyId=AKIDEXAMPLE&Expires=" + expires.getEpochSecond() + "&Signature=" + signature;
        String url = request.toBuilder().rawQuery(query == null ? auth : query + '&' + auth).build().uri();
        return PresignedUrl.builder().url(url).method(request.method())
                .signedHeaders(Headers.builder().add("host", request.hostHeaderValue()).build())
                .expiration(expires).stringToSign(sts).signature(signature).build();
    }

    private Map<String, String> amzHeaders(Headers headers) {
        Map<String, String> amz = new TreeMap<>();
        for (Headers.Header h : headers.entries()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-") && (signsSecurityToken || !name.equals("x-amz-security-token"))) {
                amz.merge(name, h.value().trim(), (a, b) -> a + ',' + b);
            }
        }
        return amz;
    }

    private static String lines(Map<String, String> amz) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : amz.entrySet()) {
            sb.append(e.getKey()).append(':').append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "FakeSigner[" + algorithm + "]";
    }
}
