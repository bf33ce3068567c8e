package dev.awssig.v2.internal;

import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.v2.V2Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of a config that the SigV2 signers and verifiers read ({@link V2Options} and
 * {@link VerificationLimits}), resolved and checked once, with their defaults, when a signer or
 * verifier is created. Immutable.
 */
final class Settings {
    /** The query API's signature method: {@code HmacSHA256} (default) or {@code HmacSHA1}. */
    final String signatureMethod;
    /** The signed sub-resources: the default list and the extra ones. */
    final Set<String> subResources;
    /** The configured virtual-host suffixes, lower-cased. */
    final String[] hostSuffixes;
    final boolean cnameBuckets;
    final Duration maxSkew;
    final VerificationLimits limits;

    /**
     * Resolves the options of a config.
     *
     * @param config the config
     * @throws IllegalArgumentException naming the option, if one is of the wrong type or not valid
     */
    Settings(SigningConfig config) {
        this.signatureMethod = requireMethod(config.option(V2Options.SIGNATURE_METHOD, V2Options.HMAC_SHA256),
                V2Options.SIGNATURE_METHOD.name());
        Set<String> sub = new HashSet<>(V2Options.DEFAULT_SUB_RESOURCES);
        for (String s : splitList(config.option(V2Options.EXTRA_SUB_RESOURCES, ""),
                V2Options.EXTRA_SUB_RESOURCES.name(), false)) {
            sub.add(s);
        }
        this.subResources = Collections.unmodifiableSet(sub);
        List<String> suffixes = splitList(config.option(V2Options.VIRTUAL_HOST_SUFFIXES, ""),
                V2Options.VIRTUAL_HOST_SUFFIXES.name(), true);
        this.hostSuffixes = suffixes.toArray(new String[0]);
        this.cnameBuckets = config.option(V2Options.CNAME_BUCKETS, Boolean.TRUE);
        Duration skew = config.option(V2Options.MAX_CLOCK_SKEW, V2Options.DEFAULT_MAX_CLOCK_SKEW);
        if (skew.isNegative()) {
            throw new IllegalArgumentException(V2Options.MAX_CLOCK_SKEW.name() + ": must not be negative, was " + skew);
        }
        this.maxSkew = skew;
        this.limits = VerificationLimits.of(config);
    }

    /**
     * A signature method, refused unless {@code HmacSHA256} or {@code HmacSHA1}.
     *
     * @param method the method
     * @param field the option or parameter, for the message
     * @return the method
     * @throws IllegalArgumentException if it is neither
     */
    static String requireMethod(String method, String field) {
        if (!V2Options.HMAC_SHA256.equals(method) && !V2Options.HMAC_SHA1.equals(method)) {
            throw new IllegalArgumentException(field + ": must be HmacSHA256 or HmacSHA1, was '" + method + "'");
        }
        return method;
    }

    private static List<String> splitList(String text, String field, boolean lowerCase) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String item = text.substring(start, end).trim();
            if (!item.isEmpty()) {
                for (int i = 0; i < item.length(); i++) {
                    char c = item.charAt(i);
                    if (c <= ' ' || c >= 0x7f || c == '/' || c == '&' || c == '=' || c == '?') {
                        throw new IllegalArgumentException(field + ": '" + item
                                + "' contains a character that is not allowed (whitespace, '/', '&', '=', '?' or non-ASCII)");
                    }
                }
                out.add(lowerCase ? item.toLowerCase(Locale.ROOT) : item);
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return out;
    }
}
