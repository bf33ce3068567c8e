package dev.awssig.v2.internal;

import dev.awssig.AuthError;
import dev.awssig.Headers;
import dev.awssig.SignableRequest;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Ascii;
import dev.awssig.internal.RequestBounds;
import java.util.List;

/**
 * Checks the SigV2 verifiers run on a received request before they read it: one pass each over
 * the path and the header list, O(n).
 */
public final class Received {
    private Received() {
    }

    /**
     * The checks both SigV2 verifiers run first, in order: signer-api's {@link RequestBounds}
     * against the limits, {@link #checkText}, {@link #checkSingleHeaders}.
     *
     * @param request the request as received
     * @param limits the verifier's limits
     * @param singleHeaders the headers the request may carry once at most
     * @return the first failure, or null
     */
    public static VerificationResult precheck(SignableRequest request, VerificationLimits limits,
                                              String[] singleHeaders) {
        VerificationResult refused = RequestBounds.check(request, limits);
        if (refused == null) {
            refused = checkText(request);
        }
        return refused != null ? refused : checkSingleHeaders(request.headers(), singleHeaders);
    }

    /**
     * Refuses a path or a header value that is not well-formed text (a lone UTF-16 surrogate,
     * which would be signed as {@code ?}): the path with {@code InvalidURI}, a header with
     * {@code InvalidArgument}, naming it. The query is checked where it is parsed.
     *
     * @param request the request as received
     * @return the failure, or null
     */
    public static VerificationResult checkText(SignableRequest request) {
        int at = Text.loneSurrogate(request.rawPath());
        if (at >= 0) {
            return VerificationResult.failure(AuthError.INVALID_URI, Text.loneSurrogate("path", at).getMessage());
        }
        List<Headers.Header> entries = request.headers().entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            Headers.Header h = entries.get(i);
            at = Text.loneSurrogate(h.value());
            if (at >= 0) {
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                        Text.loneSurrogate("header '" + h.name() + "'", at).getMessage());
            }
        }
        return null;
    }

    /**
     * Refuses a request that repeats a header of which it may carry one ({@code Host},
     * {@code Authorization}, ...): parsers that take the first and parsers that take the last
     * would read two different requests, only one of them verified.
     *
     * @param headers the headers
     * @param names the names (case-insensitive)
     * @return an {@code InvalidArgument} failure naming the header, or null
     */
    public static VerificationResult checkSingleHeaders(Headers headers, String[] names) {
        int[] counts = new int[names.length];
        List<Headers.Header> entries = headers.entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            String name = entries.get(i).name();
            for (int k = 0; k < names.length; k++) {
                if (Ascii.equalsIgnoreCase(name, names[k]) && ++counts[k] > 1) {
                    return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "The request has more than one '"
                            + names[k] + "' header; it must carry one at most");
                }
            }
        }
        return null;
    }

    /**
     * ASCII lower case; other characters are kept (so that no non-ASCII character, such as the
     * Kelvin sign, becomes an ASCII letter).
     *
     * @param s the text
     * @return the lower-cased text
     */
    public static String asciiLower(String s) {
        return S3Canonicalizer.lower(s);
    }
}
