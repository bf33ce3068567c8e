package dev.awssig.v4;

import dev.awssig.internal.Checks;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which request headers a SigV4 signer signs. Whatever the policy, {@code host} and every
 * {@code x-amz-*} header are always signed, and {@code authorization} never is.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SignedHeadersPolicy {
    /**
     * Headers that proxies, load balancers and HTTP clients add, drop or rewrite; the default
     * policy leaves them out so that a signature survives the trip.
     */
    private static final Set<String> DEFAULT_EXCLUDED = Collections.unmodifiableSet(new TreeSet<>(Set.of(
            "connection", "expect", "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "user-agent", "via", "x-amzn-trace-id", "x-forwarded-for",
            "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto")));

    private static final SignedHeadersPolicy DEFAULTS = new SignedHeadersPolicy(false, DEFAULT_EXCLUDED);
    private static final SignedHeadersPolicy ALL = new SignedHeadersPolicy(false, Set.of());

    private final boolean allowList;
    private final Set<String> names;
    /** The same names in a hash-based set, for the per-header lookup on the signing path. */
    private final Set<String> lookup;

    private SignedHeadersPolicy(boolean allowList, Set<String> names) {
        this.allowList = allowList;
        this.names = names;
        this.lookup = Set.copyOf(names);
    }

    /**
     * The default: every header except those proxies rewrite ({@code user-agent},
     * {@code x-amzn-trace-id}, {@code expect}, {@code connection}, {@code transfer-encoding},
     * {@code via}, {@code x-forwarded-*}, hop-by-hop headers).
     *
     * @return the default policy
     * @since 0.1.0
     */
    public static SignedHeadersPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Every header present (except {@code authorization}).
     *
     * @return the sign-all policy
     * @since 0.1.0
     */
    public static SignedHeadersPolicy all() {
        return ALL;
    }

    /**
     * Only the named headers, plus {@code host} and every {@code x-amz-*} header.
     *
     * @param headerNames the header names to sign (any case)
     * @return the allow-list policy
     * @throws IllegalArgumentException if a name is not a valid header name
     * @since 0.1.0
     */
    public static SignedHeadersPolicy only(String... headerNames) {
        Objects.requireNonNull(headerNames, "headerNames");
        return new SignedHeadersPolicy(true, lowerSet(headerNames));
    }

    /**
     * Every header except the named ones (and {@code host} and {@code x-amz-*} are signed even
     * when named here).
     *
     * @param headerNames the header names not to sign (any case)
     * @return the deny-list policy
     * @throws IllegalArgumentException if a name is not a valid header name
     * @since 0.1.0
     */
    public static SignedHeadersPolicy excluding(String... headerNames) {
        Objects.requireNonNull(headerNames, "headerNames");
        return new SignedHeadersPolicy(false, lowerSet(headerNames));
    }

    private static Set<String> lowerSet(String... headerNames) {
        Set<String> s = new TreeSet<>();
        for (String n : headerNames) {
            s.add(Checks.requireHeaderName(n).toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(s);
    }

    /**
     * Whether a header is signed under this policy.
     *
     * @param lowerCaseName the header name in lower case
     * @return true when signed
     * @since 0.1.0
     */
    public boolean signs(String lowerCaseName) {
        Objects.requireNonNull(lowerCaseName, "lowerCaseName");
        if (lowerCaseName.equals("host") || lowerCaseName.startsWith("x-amz-")) {
            return true;
        }
        if (lowerCaseName.equals("authorization")) {
            return false;
        }
        return allowList == lookup.contains(lowerCaseName);
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        if (this == DEFAULTS) {
            return "SignedHeadersPolicy[defaults]";
        }
        return "SignedHeadersPolicy[" + (allowList ? "only " : "excluding ") + names + "]";
    }
}
