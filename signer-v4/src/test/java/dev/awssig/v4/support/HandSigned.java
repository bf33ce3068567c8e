package dev.awssig.v4.support;

import dev.awssig.SignableRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Header-signed SigV4 requests whose Authorization header comes from {@link JdkSigV4} alone: the
 * canonical request is assembled here from the headers given (names lower-cased, values trimmed,
 * sorted by name), so a test can sign a request awssig's signer would never produce (a missing
 * or odd header) and see the verifier's answer to it. Paths and queries must already be canonical.
 */
public final class HandSigned {
    public static final String ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String REGION = "eu-west-1";
    public static final String AMZ_DATE = "20240301T102030Z";

    private final String method;
    private final String host;
    private final String path;
    private final String query;
    private final String service;
    private final List<String[]> headers = new ArrayList<>();
    private final List<String[]> unsigned = new ArrayList<>();
    private String payloadHash;

    private HandSigned(String method, String host, String path, String query, String service) {
        this.method = method;
        this.host = host;
        this.path = path;
        this.query = query;
        this.service = service;
    }

    /** A request to {@code https://host/path?query} for a service; {@code query} may be null. */
    public static HandSigned request(String method, String host, String path, String query, String service) {
        return new HandSigned(method, host, path, query, service);
    }

    /** A signed header. */
    public HandSigned header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** A header sent but not signed. */
    public HandSigned unsignedHeader(String name, String value) {
        unsigned.add(new String[] {name, value});
        return this;
    }

    /** The payload hash line of the canonical request. */
    public HandSigned payloadHash(String hash) {
        this.payloadHash = hash;
        return this;
    }

    /** The canonical request the oracle signs. */
    public String canonicalRequest() {
        TreeMap<String, List<String>> byName = new TreeMap<>();
        byName.computeIfAbsent("host", k -> new ArrayList<>()).add(host);
        for (String[] h : headers) {
            byName.computeIfAbsent(h[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h[1].trim().replaceAll("\\s+", " "));
        }
        StringBuilder c = new StringBuilder(method).append('\n').append(path).append('\n')
                .append(query == null ? "" : query).append('\n');
        byName.forEach((n, v) -> c.append(n).append(':').append(String.join(",", v)).append('\n'));
        return c.append('\n').append(signedHeaders()).append('\n').append(payloadHash).toString();
    }

    private String signedHeaders() {
        TreeMap<String, Boolean> names = new TreeMap<>();
        names.put("host", true);
        for (String[] h : headers) {
            names.put(h[0].toLowerCase(Locale.ROOT), true);
        }
        return String.join(";", names.keySet());
    }

    /** The request with its Authorization header (and the unsigned headers). */
    public SignableRequest build() {
        String signature = JdkSigV4.signature(SECRET, AMZ_DATE, REGION, service, canonicalRequest());
        SignableRequest.Builder b = SignableRequest.builder().method(method)
                .uri("https://" + host + path + (query == null ? "" : "?" + query));
        for (String[] h : headers) {
            b.header(h[0], h[1]);
        }
        for (String[] h : unsigned) {
            b.header(h[0], h[1]);
        }
        return b.header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ID + "/" + AMZ_DATE.substring(0, 8) + "/"
                + REGION + "/" + service + "/aws4_request, SignedHeaders=" + signedHeaders() + ", Signature="
                + signature).build();
    }
}
