package dev.awssig;

import dev.awssig.internal.Checks;
import dev.awssig.internal.Redaction;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request to be signed, presigned or verified.
 *
 * <p>Immutable and thread-safe. The path and query are kept exactly as given: no decoding, no
 * re-encoding and no normalisation (a signer that needs any does it on its own copy). The only
 * change made is that an empty path becomes {@code /}, as HTTP requires. {@link #toString()}
 * redacts signatures and tokens in headers and in the query.
 *
 * @since 0.1.0
 */
public final class SignableRequest {
    private final String method;
    private final String scheme;
    private final String host;
    private final int port;
    private final String rawPath;
    private final String rawQuery;
    private final Headers headers;
    private final Payload payload;
    /**
     * The headers of the request a signer derived this one from (through {@code ApiAccess}), or
     * null for a request built by a caller; not part of the value (equality ignores it).
     */
    private final Headers derivedFrom;

    private SignableRequest(Builder b) {
        this.method = Checks.requireToken(b.method, "method");
        this.scheme = b.scheme;
        this.host = b.host;
        this.port = b.port;
        this.rawPath = b.rawPath;
        this.rawQuery = b.rawQuery;
        this.headers = b.headers.build();
        this.payload = b.payload;
        this.derivedFrom = null;
    }

    private SignableRequest(SignableRequest r, Headers headers, Payload payload) {
        this.method = r.method;
        this.scheme = r.scheme;
        this.host = r.host;
        this.port = r.port;
        this.rawPath = r.rawPath;
        this.rawQuery = r.rawQuery;
        this.headers = headers;
        this.payload = payload;
        // a chain of derivations (a decorator adding a token, then the signer) keeps the first input
        this.derivedFrom = r.derivedFrom != null ? r.derivedFrom : r.headers;
    }

    private SignableRequest(SignableRequest r, String rawPath, String rawQuery) {
        this.method = r.method;
        this.scheme = r.scheme;
        this.host = r.host;
        this.port = r.port;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = r.headers;
        this.payload = r.payload;
        this.derivedFrom = r.derivedFrom;
    }

    /** This request with another (already validated) path and query; see {@code ApiAccess}. */
    SignableRequest withPathAndQuery(String newRawPath, String newRawQuery) {
        return new SignableRequest(this, newRawPath, newRawQuery);
    }

    /**
     * The headers of the caller's request this one was derived from by a signer, or null.
     */
    Headers derivedFrom() {
        return derivedFrom;
    }

    /** This request with other (already validated) headers and payload; see {@code ApiAccess}. */
    SignableRequest withHeaders(Headers newHeaders, Payload newPayload) {
        return new SignableRequest(this, newHeaders, newPayload);
    }

    /**
     * A new builder; {@code method} and {@code uri} are required.
     *
     * @return a builder
     * @since 0.1.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The HTTP method, as given (for example {@code GET}).
     *
     * @return the method
     * @since 0.1.0
     */
    public String method() {
        return method;
    }

    /**
     * The scheme, lower-cased ({@code http} or {@code https}).
     *
     * @return the scheme
     * @since 0.1.0
     */
    public String scheme() {
        return scheme;
    }

    /**
     * The host from the URI, without port, as given.
     *
     * @return the host
     * @since 0.1.0
     */
    public String host() {
        return host;
    }

    /**
     * The explicit port of the URI.
     *
     * @return the port, or -1 when the URI names none
     * @since 0.1.0
     */
    public int port() {
        return port;
    }

    /**
     * The value of a {@code Host} header for this URI: the host, plus {@code :port} when the
     * port is explicit and not the scheme's default.
     *
     * @return the host header value
     * @since 0.1.0
     */
    public String hostHeaderValue() {
        if (port == -1 || (port == 443 && "https".equals(scheme)) || (port == 80 && "http".equals(scheme))) {
            return host;
        }
        return host + ':' + port;
    }

    /**
     * The raw path exactly as given (never empty: an empty path is {@code /}).
     *
     * @return the raw path
     * @since 0.1.0
     */
    public String rawPath() {
        return rawPath;
    }

    /**
     * The raw query (after {@code ?}) exactly as given.
     *
     * @return the raw query, or empty when the URI has no {@code ?}
     * @since 0.1.0
     */
    public Optional<String> rawQuery() {
        return Optional.ofNullable(rawQuery);
    }

    /**
     * The headers.
     *
     * @return the headers
     * @since 0.1.0
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The payload.
     *
     * @return the payload
     * @since 0.1.0
     */
    public Payload payload() {
        return payload;
    }

    /**
     * The full URI as a string: {@code scheme://host[:port]path[?query]}, raw parts as given.
     * It may contain characters that {@link java.net.URI} rejects (a raw space, for example).
     *
     * @return the URI string
     * @since 0.1.0
     */
    public String uri() {
        StringBuilder sb = new StringBuilder(scheme.length() + host.length() + rawPath.length() + 16);
        sb.append(scheme).append("://").append(host);
        if (port != -1) {
            sb.append(':').append(port);
        }
        sb.append(rawPath);
        if (rawQuery != null) {
            sb.append('?').append(rawQuery);
        }
        return sb.toString();
    }

    /**
     * A builder initialised with this request.
     *
     * @return a builder
     * @since 0.1.0
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.scheme = scheme;
        b.host = host;
        b.port = port;
        b.rawPath = rawPath;
        b.rawQuery = rawQuery;
        b.headers = headers.toBuilder();
        b.payload = payload;
        return b;
    }

    /**
     * Value equality over every field.
     *
     * @param o the other object
     * @return whether both describe the same value
     * @since 0.1.0
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SignableRequest)) {
            return false;
        }
        SignableRequest r = (SignableRequest) o;
        return method.equals(r.method) && scheme.equals(r.scheme) && host.equals(r.host) && port == r.port
                && rawPath.equals(r.rawPath) && Objects.equals(rawQuery, r.rawQuery)
                && headers.equals(r.headers) && payload.equals(r.payload);
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     * @since 0.1.0
     */
    @Override
    public int hashCode() {
        return Objects.hash(method, scheme, host, port, rawPath, rawQuery, headers, payload);
    }

    /**
     * The request line, headers and payload kind, with signatures and tokens redacted.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(scheme).append("://").append(host);
        if (port != -1) {
            sb.append(':').append(port);
        }
        sb.append(rawPath);
        if (rawQuery != null) {
            sb.append('?').append(Redaction.redactQuery(rawQuery));
        }
        return sb.append(' ').append(headers).append(' ').append(payload).toString();
    }

    /**
     * Builds a {@link SignableRequest}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private String method;
        private String scheme;
        private String host;
        private int port = -1;
        private String rawPath;
        private String rawQuery;
        private Headers.Builder headers = Headers.builder();
        private Payload payload = Payload.empty();

        private Builder() {
        }

        /**
         * Sets the HTTP method (an RFC 7230 token such as {@code GET}).
         *
         * @param method the method
         * @return this builder
         * @since 0.1.0
         */
        public Builder method(String method) {
            this.method = Checks.requireToken(method, "method");
            return this;
        }

        /**
         * Sets the absolute URI, {@code scheme://host[:port][path][?query]}, keeping the raw path
         * and query exactly as given. Characters that {@link URI} would reject (a raw space, raw
         * UTF-8) are accepted; a fragment ({@code #}) is not, since it is never sent.
         *
         * @param uri the absolute URI
         * @return this builder
         * @throws IllegalArgumentException if the URI is not absolute http(s) with a host
         * @since 0.1.0
         */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            Checks.requireNonBlank(uri, "uri");
            int schemeEnd = uri.indexOf("://");
            if (schemeEnd <= 0) {
                throw new IllegalArgumentException("uri: must be absolute (scheme://host/path), was '"
                        + Redaction.redactUri(uri) + "'");
            }
            String s = uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!s.equals("http") && !s.equals("https")) {
                throw new IllegalArgumentException("uri: scheme must be http or https, was '" + s + "'");
            }
            if (uri.indexOf('#') >= 0) {
                throw new IllegalArgumentException("uri: must not contain a fragment ('#'); percent-encode '#' as %23");
            }
            Checks.requireNoControl(uri, "uri");
            int authStart = schemeEnd + 3;
            int pathStart = authStart;
            while (pathStart < uri.length() && uri.charAt(pathStart) != '/' && uri.charAt(pathStart) != '?') {
                pathStart++;
            }
            String authority = uri.substring(authStart, pathStart);
            if (authority.indexOf('@') >= 0) {
                throw new IllegalArgumentException("uri: must not contain user info ('user@host')");
            }
            String h = authority;
            int p = -1;
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']', colon) < 0) {
                h = authority.substring(0, colon);
                String portText = authority.substring(colon + 1);
                try {
                    p = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("uri: port is not a number: '" + portText + "'");
                }
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("uri: port must be 1..65535, was " + p);
                }
            }
            if (h.isEmpty()) {
                throw new IllegalArgumentException("uri: host is missing");
            }
            for (int i = 0; i < h.length(); i++) {
                char c = h.charAt(i);
                if (c <= ' ' || c == '/' || c == '\\' || c == '?' || c >= 0x7f) {
                    throw new IllegalArgumentException("uri: host contains an invalid character at index " + i);
                }
            }
            String rest = uri.substring(pathStart);
            int q = rest.indexOf('?');
            String path = q < 0 ? rest : rest.substring(0, q);
            this.scheme = s;
            this.host = h;
            this.port = p;
            this.rawPath = path.isEmpty() ? "/" : path;
            this.rawQuery = q < 0 ? null : rest.substring(q + 1);
            return this;
        }

        /**
         * Sets the absolute URI from a {@link URI}, using its raw path and raw query.
         *
         * @param uri the absolute URI
         * @return this builder
         * @since 0.1.0
         */
        public Builder uri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            return uri(uri.toString());
        }

        /**
         * Replaces the raw path, kept exactly as given.
         *
         * @param rawPath a path starting with {@code /}, without control characters
         * @return this builder
         * @throws IllegalArgumentException if the path does not start with {@code /} or has a
         *     control character (CR, LF, NUL, ...)
         * @since 0.1.0
         */
        public Builder rawPath(String rawPath) {
            Checks.requireNonBlank(rawPath, "rawPath");
            if (rawPath.charAt(0) != '/') {
                throw new IllegalArgumentException("rawPath: must start with '/'");
            }
            this.rawPath = Checks.requireNoControl(rawPath, "rawPath");
            return this;
        }

        /**
         * Replaces the raw query (without {@code ?}), kept exactly as given.
         *
         * @param rawQuery the query, without control characters, or {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException if the query has a control character (CR, LF, NUL, ...)
         * @since 0.1.0
         */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery == null ? null : Checks.requireNoControl(rawQuery, "rawQuery");
            return this;
        }

        /**
         * Appends {@code name=value} to the query; both must already be percent-encoded.
         *
         * @param encodedName the encoded parameter name
         * @param encodedValue the encoded value, or {@code null} for a parameter without {@code =}
         * @return this builder
         * @throws IllegalArgumentException if the name is blank, or either has a control character
         * @since 0.1.0
         */
        public Builder appendQueryParameter(String encodedName, String encodedValue) {
            Objects.requireNonNull(encodedName, "encodedName");
            Checks.requireNonBlank(encodedName, "query parameter name");
            Checks.requireNoControl(encodedName, "encodedName");
            if (encodedValue != null) {
                Checks.requireNoControl(encodedValue, "encodedValue");
            }
            String pair = encodedValue == null ? encodedName : encodedName + '=' + encodedValue;
            this.rawQuery = (rawQuery == null || rawQuery.isEmpty()) ? pair : rawQuery + '&' + pair;
            return this;
        }

        /**
         * Adds a header after the existing ones.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         * @since 0.1.0
         */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Replaces every header of that name with one entry.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         * @since 0.1.0
         */
        public Builder setHeader(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /**
         * Removes every header of that name.
         *
         * @param name the header name
         * @return this builder
         * @since 0.1.0
         */
        public Builder removeHeader(String name) {
            Objects.requireNonNull(name, "name");
            headers.remove(name);
            return this;
        }

        /**
         * Replaces all headers.
         *
         * @param headers the headers
         * @return this builder
         * @since 0.1.0
         */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers").toBuilder();
            return this;
        }

        /**
         * Sets the payload (default: empty).
         *
         * @param payload the payload
         * @return this builder
         * @since 0.1.0
         */
        public Builder payload(Payload payload) {
            this.payload = Objects.requireNonNull(payload, "payload");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the immutable request
         * @throws IllegalArgumentException if the method or URI is missing
         * @since 0.1.0
         */
        public SignableRequest build() {
            if (method == null) {
                throw new IllegalArgumentException("method: is required");
            }
            if (scheme == null) {
                throw new IllegalArgumentException("uri: is required");
            }
            return new SignableRequest(this);
        }
    }
}
