package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.internal.UriEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the DevPay tokens go ({@code x-amz-security-token}), the shape checks DevPay defines,
 * and the refusal messages. None of these ever puts a token value into a message.
 */
public final class SecurityToken {
    /** The header (and, for SigV2, the query parameter and POST field) that carries the tokens. */
    public static final String NAME = "x-amz-security-token";
    /** The name SigV4 presigned URLs use for the same parameter. */
    public static final String SIGV4_QUERY_NAME = "X-Amz-Security-Token";

    /** Why a presigned URL with a product token is refused, and what to do instead. */
    public static final String PRESIGN_REFUSAL = "productToken: a presigned URL cannot carry the DevPay product"
            + " token: the URL is readable by anyone who holds it, so the product token would travel in clear"
            + " text. Refresh the customer's user token with the DevPay RefreshUserToken action (user tokens"
            + " issued after May 15, 2008 need no product token) and presign with DevPayTokens.of(userToken).";

    /** Why a session token in the signing credentials is refused. */
    public static final String SESSION_TOKEN_REFUSAL = "credentials: carry a session token, but a DevPay product"
            + " signs with its own long-term access key and puts the customer's DevPay tokens in"
            + " x-amz-security-token; a session token would need the same header. Use the product's long-term"
            + " credentials (without a session token) with the DevPay decorator.";

    private SecurityToken() {
    }

    /**
     * Checks a token the way DevPay defines it: present, not blank, no CR, LF or NUL. The value is
     * never part of the message.
     *
     * @param value the token
     * @param field the field name for the message
     * @return the token
     * @throws NullPointerException with message {@code field} if the token is null
     * @throws IllegalArgumentException naming the field and what is wrong
     */
    public static String requireToken(String value, String field) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(field + ": must not contain CR, LF or NUL (found at index " + i
                        + "); DevPay tokens travel in an HTTP header");
            }
        }
        return value;
    }

    /**
     * The query parameter name a presigner of an algorithm uses for the token: SigV4 (and SigV4a) spell it
     * {@code X-Amz-Security-Token} like its other {@code X-Amz-*} parameters, SigV2 (and the
     * DevPay guide) {@code x-amz-security-token}.
     *
     * @param innerAlgorithm the inner presigner's algorithm
     * @return the parameter name
     */
    public static String queryName(String innerAlgorithm) {
        return Algorithms.SIGV4.equals(innerAlgorithm) || Algorithms.SIGV4A.equals(innerAlgorithm) ? SIGV4_QUERY_NAME
                : NAME;
    }

    /**
     * The decoded values of every {@code x-amz-security-token} query parameter, whatever the
     * case of its name. One pass over the query.
     *
     * @param rawQuery the raw query, or null
     * @return the values, in order (empty when there is none)
     */
    public static List<String> queryValues(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<String> out = null;
        int start = 0;
        int n = rawQuery.length();
        while (start <= n) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            int nameEnd = start;
            while (nameEnd < end && rawQuery.charAt(nameEnd) != '=') {
                nameEnd++; // within this parameter only: one pass over the query, not one per parameter
            }
            if (nameEnd - start >= NAME.length() && isTokenName(rawQuery.substring(start, nameEnd))) {
                if (out == null) {
                    out = new ArrayList<>(1);
                }
                out.add(nameEnd == end ? "" : UriEncoding.decode(rawQuery.substring(nameEnd + 1, end), false));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out == null ? List.of() : out;
    }

    private static boolean isTokenName(String rawName) {
        return NAME.equalsIgnoreCase(rawName) || NAME.equalsIgnoreCase(UriEncoding.decode(rawName, false));
    }
}
