package dev.awssig.benchmarks.peers;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gaul.s3proxy.auth.AwsSignature;
import org.gaul.s3proxy.auth.S3AuthorizationHeader;

/**
 * s3proxy's own request verification ({@code org.gaul.s3proxy.auth}: {@code S3AuthorizationHeader}
 * and {@code AwsSignature}), called as its {@code S3ProxyHandler} calls them: parse the
 * {@code Authorization} header (or, for a presigned URL, the header it assembles from the
 * {@code X-Amz-*} query parameters), compute the expected signature from the request and compare
 * the two with {@link MessageDigest#isEqual}. The handler's other work (its date window, the
 * blob store, the response) is left out. s3proxy reads the request through the Servlet API, so it
 * gets a minimal {@link HttpServletRequest}: headers, query parameters, method and URI, built once;
 * any other method of the request throws. Immutable; thread-safe.
 */
public final class S3Proxy {
    private final HttpServletRequest request;
    private final String uri;
    private final String secret;

    /**
     * A verifier of one received request.
     *
     * @param method the method
     * @param url the full URL (path and query as received)
     * @param uri the path s3proxy signs: the request path for SigV4, the canonicalized resource for SigV2
     * @param secret the secret access key s3proxy looks up for the request's access key id
     * @param headers name, value, name, value, ...
     */
    public S3Proxy(String method, String url, String uri, String secret, String... headers) {
        this.request = new MinimalRequest(method, URI.create(url), headers);
        this.uri = uri;
        this.secret = secret;
    }

    /**
     * A verifier of a request as awssig's signer or presigner made it (its headers, with Host).
     *
     * @param received the request
     * @param secret the secret access key
     * @param uri the path s3proxy signs (see the constructor)
     * @return the verifier
     */
    public static S3Proxy of(dev.awssig.SignableRequest received, String secret, String uri) {
        List<String> nameValues = new ArrayList<>();
        for (dev.awssig.Headers.Header h : received.headers().entries()) {
            nameValues.add(h.name());
            nameValues.add(h.value());
        }
        return new S3Proxy(received.method(), received.uri(), uri, secret, nameValues.toArray(new String[0]));
    }

    /**
     * Verifies a SigV4 header-signed request (empty payload).
     *
     * @return whether the signature matches
     */
    public boolean verifyV4Header() {
        try {
            S3AuthorizationHeader header = new S3AuthorizationHeader(request.getHeader("Authorization"));
            AwsSignature.SignatureDetail expected = AwsSignature.createAuthorizationSignatureV4(request, header,
                    new byte[0], uri, secret, false, null, null);
            return MessageDigest.isEqual(expected.signature().getBytes(StandardCharsets.UTF_8),
                    header.getSignature().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("s3proxy could not verify", e);
        }
    }

    /**
     * Verifies a SigV4 presigned request (the authorization header assembled from the query, as
     * s3proxy's handler does).
     *
     * @return whether the signature matches
     */
    public boolean verifyV4Presigned() {
        try {
            S3AuthorizationHeader header = new S3AuthorizationHeader("AWS4-HMAC-SHA256 Credential="
                    + request.getParameter("X-Amz-Credential") + ", requestSignedHeaders="
                    + request.getParameter("X-Amz-SignedHeaders") + ", Signature="
                    + request.getParameter("X-Amz-Signature"));
            AwsSignature.SignatureDetail expected = AwsSignature.createAuthorizationSignatureV4(request, header,
                    new byte[0], uri, secret, true, AwsSignature.pinnedPayloadHash(request), null);
            return MessageDigest.isEqual(expected.signature().getBytes(StandardCharsets.UTF_8),
                    header.getSignature().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("s3proxy could not verify", e);
        }
    }

    /**
     * Verifies a SigV2 header-signed request ({@code Authorization: AWS id:signature}).
     *
     * @return whether the signature matches
     */
    public boolean verifyV2Header() {
        S3AuthorizationHeader header = new S3AuthorizationHeader(request.getHeader("Authorization"));
        boolean bothDates = request.getHeader("x-amz-date") != null && request.getHeader("Date") != null;
        AwsSignature.SignatureDetail expected = AwsSignature.createAuthorizationSignature(request, uri, secret, false,
                bothDates);
        return MessageDigest.isEqual(expected.signature().getBytes(StandardCharsets.UTF_8),
                header.getSignature().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parts of {@link HttpServletRequest} s3proxy's verification reads; everything else
     * throws (the wrapped request is a proxy that refuses every call).
     */
    private static final class MinimalRequest extends HttpServletRequestWrapper {
        private final String method;
        private final String path;
        private final String query;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final List<String> headerNames = new ArrayList<>();
        private final Map<String, String[]> parameters = new LinkedHashMap<>();

        MinimalRequest(String method, URI url, String... nameValues) {
            super(refusingRequest());
            this.method = method;
            this.path = url.getRawPath();
            this.query = url.getRawQuery();
            for (int i = 0; i < nameValues.length; i += 2) {
                if (!headers.containsKey(nameValues[i])) {
                    headerNames.add(nameValues[i]);
                }
                headers.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
            }
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    String[] old = parameters.get(name);
                    String[] values = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
                    values[values.length - 1] = value;
                    parameters.put(name, values);
                }
            }
        }

        private static HttpServletRequest refusingRequest() {
            return (HttpServletRequest) Proxy.newProxyInstance(S3Proxy.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                        throw new UnsupportedOperationException("the benchmark's request has no " + m.getName());
                    });
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getRequestURI() {
            return path;
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public String getHeader(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(0);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            List<String> v = headers.get(name);
            return Collections.enumeration(v == null ? List.of() : v);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(headerNames);
        }

        @Override
        public String getParameter(String name) {
            String[] v = parameters.get(name);
            return v == null ? null : v[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] v = parameters.get(name);
            return v == null ? null : v.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters);
        }
    }
}
