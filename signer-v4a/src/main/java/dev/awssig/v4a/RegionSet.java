package dev.awssig.v4a;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The regions a SigV4a signature is valid in, sent as {@code X-Amz-Region-Set} (a header, or a
 * query parameter of a presigned URL) and covered by the signature: one region, a list, or
 * {@code *} for every region. An entry ending in {@code *} covers the regions that start with
 * what precedes it ({@code us-*}).
 *
 * <pre>{@code
 * RegionSet.of("us-east-1", "us-west-2");   // X-Amz-Region-Set: us-east-1,us-west-2
 * RegionSet.all();                          // X-Amz-Region-Set: *
 * RegionSet.parse("eu-*");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class RegionSet {
    private static final RegionSet ALL = new RegionSet(List.of("*"));

    private final List<String> regions;
    private final String value;

    private RegionSet(List<String> regions) {
        this.regions = regions;
        this.value = String.join(",", regions);
    }

    /**
     * Every region: {@code *}.
     *
     * @return the set
     * @since 0.2.0
     */
    public static RegionSet all() {
        return ALL;
    }

    /**
     * A set of regions, in the given order.
     *
     * @param regions region names such as {@code us-east-1}, or patterns such as {@code us-*}
     * @return the set
     * @throws IllegalArgumentException if there is no region or one is empty or has a character
     *     other than letters, digits, {@code -}, {@code _}, {@code .} and {@code *}
     * @since 0.2.0
     */
    public static RegionSet of(String... regions) {
        Objects.requireNonNull(regions, "regions");
        if (regions.length == 0) {
            throw new IllegalArgumentException("regions: at least one region is required");
        }
        List<String> list = new ArrayList<>(regions.length);
        for (int i = 0; i < regions.length; i++) {
            list.add(check(regions[i], "regions[" + i + "]"));
        }
        return list.size() == 1 && list.get(0).equals("*") ? ALL : new RegionSet(Collections.unmodifiableList(list));
    }

    /**
     * A set from its {@code X-Amz-Region-Set} text: regions separated by commas (spaces around
     * them are ignored).
     *
     * @param text for example {@code us-east-1,us-west-2} or {@code *}
     * @return the set
     * @throws IllegalArgumentException if the text is empty or an entry is not valid
     * @since 0.2.0
     */
    public static RegionSet parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("region set: is empty; give regions separated by ',' or '*'");
        }
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return of(parts);
    }

    private static String check(String region, String field) {
        Objects.requireNonNull(region, field);
        if (region.isEmpty()) {
            throw new IllegalArgumentException(field + ": must not be empty");
        }
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.' || c == '*';
            if (!ok) {
                throw new IllegalArgumentException(field + ": '" + dev.awssig.internal.Checks.printable(region)
                        + "' has a character that is not a letter, digit, '-', '_', '.' or '*' at index " + i);
            }
        }
        return region;
    }

    /**
     * The entries, in order.
     *
     * @return an unmodifiable list
     * @since 0.2.0
     */
    public List<String> regions() {
        return regions;
    }

    /**
     * The {@code X-Amz-Region-Set} value: the entries joined with commas.
     *
     * @return for example {@code us-east-1,us-west-2}
     * @since 0.2.0
     */
    public String value() {
        return value;
    }

    /**
     * Whether a signature for this set is valid in a region: an entry is {@code *}, equals the
     * region, or ends in {@code *} and the region starts with the rest of it.
     *
     * @param region a region name
     * @return whether it is covered
     * @since 0.2.0
     */
    public boolean covers(String region) {
        Objects.requireNonNull(region, "region");
        for (String r : regions) {
            if (r.equals(region) || r.equals("*")
                    || (r.endsWith("*") && region.startsWith(r.substring(0, r.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Equal when the entries are, in order.
     *
     * @param o another object
     * @return whether equal
     * @since 0.2.0
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RegionSet && ((RegionSet) o).value.equals(value);
    }

    /**
     * A hash of the entries.
     *
     * @return the hash
     * @since 0.2.0
     */
    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The {@code X-Amz-Region-Set} value.
     *
     * @return {@link #value()}
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return value;
    }
}
