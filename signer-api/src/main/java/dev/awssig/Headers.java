package dev.awssig;

import dev.awssig.internal.Checks;
import dev.awssig.internal.Redaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ordered, case-insensitive, multi-valued HTTP headers.
 *
 * <p>Immutable and thread-safe. The order of entries is the order they were added; a name that
 * occurs several times keeps every value, in order. Names are validated as RFC 7230 tokens and
 * values must not contain CR, LF or NUL (an obs-fold continuation must be unfolded by the caller
 * into a single line with spaces). {@link #toString()} redacts credentials-bearing headers.
 *
 * @since 0.1.0
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(List.of());

    static {
        dev.awssig.internal.ApiAccess.install(new dev.awssig.internal.ApiAccess.Bridge() {
            @Override
            public Headers headers(Header[] entries) {
                return entries.length == 0 ? EMPTY : new Headers(new dev.awssig.internal.FrozenList<>(entries));
            }

            @Override
            public Header trustedHeader(String name, String value) {
                return new Header(name, value, true);
            }

            @Override
            public SignableRequest withHeaders(SignableRequest request, Headers headers, Payload payload) {
                return request.withHeaders(headers, payload);
            }

            @Override
            public SignableRequest withPathAndQuery(SignableRequest request, String rawPath, String rawQuery) {
                return request.withPathAndQuery(rawPath, rawQuery);
            }

            @Override
            public PresignedUrl presignedUrl(String url, String method, Headers signedHeaders,
                                             java.time.Instant expiration, String signature,
                                             java.util.function.Function<Boolean, String> explanation) {
                return new PresignedUrl(url, method, signedHeaders, expiration, signature, 0, 0, explanation);
            }

            @Override
            public PresignedUrl presignedUrl(String url, String method, Headers signedHeaders,
                                             java.time.Instant expiration, int signatureFrom, int signatureTo,
                                             java.util.function.Function<Boolean, String> explanation) {
                return new PresignedUrl(url, method, signedHeaders, expiration, null, signatureFrom, signatureTo,
                        explanation);
            }

            @Override
            public PresignedUrl withWarnings(PresignedUrl url, List<String> warnings) {
                return url.withWarnings(warnings);
            }

            @Override
            public SignedRequest signedRequest(SignableRequest request, String algorithm, String signatureSource,
                                               int signatureFrom, List<String> signedHeaders,
                                               java.time.Instant signingTime,
                                               java.util.function.Function<Boolean, String> explanation) {
                return new SignedRequest(request, algorithm, signatureSource, signatureFrom, signedHeaders,
                        signingTime, explanation);
            }

            @Override
            public VerificationResult verified(String accessKeyId,
                                               java.util.function.Function<Boolean, String> explanation) {
                return VerificationResult.verified(accessKeyId, explanation);
            }
        });
    }

    private final List<Header> entries;

    private Headers(List<Header> entries) {
        this.entries = entries;
    }

    /**
     * The empty header set.
     *
     * @return headers with no entries
     * @since 0.1.0
     */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * A new builder.
     *
     * @return an empty builder
     * @since 0.1.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every entry, in order.
     *
     * @return an unmodifiable list
     * @since 0.1.0
     */
    public List<Header> entries() {
        return entries;
    }

    /**
     * Whether a header of that name is present (case-insensitive).
     *
     * @param name the header name
     * @return true if at least one entry has that name
     * @since 0.1.0
     */
    public boolean contains(String name) {
        Objects.requireNonNull(name, "name");
        for (Header h : entries) {
            if (h.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first value of a header (case-insensitive name).
     *
     * @param name the header name
     * @return the first value, or empty
     * @since 0.1.0
     */
    public Optional<String> firstValue(String name) {
        Objects.requireNonNull(name, "name");
        for (Header h : entries) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /**
     * Every value of a header, in order (case-insensitive name).
     *
     * @param name the header name
     * @return an unmodifiable list, empty if the header is absent
     * @since 0.1.0
     */
    public List<String> values(String name) {
        Objects.requireNonNull(name, "name");
        List<String> out = null;
        for (Header h : entries) {
            if (h.name().equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(h.value());
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /**
     * The distinct names in order of first appearance, lower-cased.
     *
     * @return an unmodifiable set of lower-case names
     * @since 0.1.0
     */
    public Set<String> lowerCaseNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Header h : entries) {
            names.add(h.name().toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * The number of entries.
     *
     * @return the entry count
     * @since 0.1.0
     */
    public int size() {
        return entries.size();
    }

    /**
     * A builder holding these entries, to add or remove some.
     *
     * @return a builder
     * @since 0.1.0
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entries.addAll(entries);
        return b;
    }

    /**
     * Equal when both hold the same entries in the same order (names compared as given).
     *
     * @param o the other object
     * @return whether both describe the same value
     * @since 0.1.0
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Headers && ((Headers) o).entries.equals(entries);
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     * @since 0.1.0
     */
    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /**
     * The headers, with the values of {@code Authorization}, {@code x-amz-security-token} and
     * similar credentials-bearing headers replaced by {@code ****}.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(entries.get(i));
        }
        return sb.append('}').toString();
    }

    /**
     * One header entry: a name (as given, case kept) and a value. Immutable.
     *
     * @since 0.1.0
     */
    public static final class Header {
        private final String name;
        private final String value;

        /**
         * Creates and validates an entry.
         *
         * @param name the header name, an RFC 7230 token
         * @param value the header value, without CR, LF or NUL
         * @throws IllegalArgumentException if the name is not a token or the value has CR/LF
         * @since 0.1.0
         */
        public Header(String name, String value) {
            this.name = Checks.requireHeaderName(name);
            this.value = Checks.requireHeaderValue(name, value);
        }

        /** An entry whose name and value a signer of this project built valid (internal bridge only). */
        private Header(String name, String value, boolean trusted) {
            this.name = name;
            this.value = value;
        }

        /**
         * The header name, case as given.
         *
         * @return the name
         * @since 0.1.0
         */
        public String name() {
            return name;
        }

        /**
         * The header value.
         *
         * @return the value
         * @since 0.1.0
         */
        public String value() {
            return value;
        }

        /**
         * Equal when name (case-sensitively, as given) and value are equal.
         *
         * @param o the other object
         * @return whether both entries are the same
         * @since 0.1.0
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Header && ((Header) o).name.equals(name) && ((Header) o).value.equals(value);
        }

        /**
         * A hash of name and value.
         *
         * @return the hash code
         * @since 0.1.0
         */
        @Override
        public int hashCode() {
            return 31 * name.hashCode() + value.hashCode();
        }

        /**
         * The entry with a credentials-bearing value redacted.
         *
         * @return {@code name: value} or {@code name: ****}
         * @since 0.1.0
         */
        @Override
        public String toString() {
            return name + ": " + (Redaction.isSensitiveHeader(name) ? "****" : value);
        }
    }

    /**
     * Builds {@link Headers}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final List<Header> entries = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds an entry after the existing ones, keeping any earlier entry of the same name.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is not a token or the value has CR/LF
         * @since 0.1.0
         */
        public Builder add(String name, String value) {
            entries.add(new Header(name, value));
            return this;
        }

        /**
         * Removes every entry of that name, then adds one.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         * @since 0.1.0
         */
        public Builder set(String name, String value) {
            Header h = new Header(name, value);
            remove(name);
            entries.add(h);
            return this;
        }

        /**
         * Removes every entry of that name (case-insensitive).
         *
         * @param name the header name
         * @return this builder
         * @since 0.1.0
         */
        public Builder remove(String name) {
            Objects.requireNonNull(name, "name");
            entries.removeIf(h -> h.name().equalsIgnoreCase(name));
            return this;
        }

        /**
         * Builds the immutable headers.
         *
         * @return the headers
         * @since 0.1.0
         */
        public Headers build() {
            return entries.isEmpty() ? EMPTY : new Headers(List.copyOf(entries));
        }
    }
}
