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
     * against the limits (which include the well-formed text of the path, query and
     * header values), then {@link #checkSingleHeaders}.
     *
     * @param request the request as received
     * @param limits the verifier's limits
     * @param singleHeaders the headers the request may carry once at most
     * @return the first failure, or null
     */
    public static VerificationResult precheck(SignableRequest request, VerificationLimits limits,
                                              String[] singleHeaders) {
        // RequestBounds also refuses a lone UTF-16 surrogate in the path (InvalidURI) and in a
        // header value (InvalidArgument), naming it
        VerificationResult refused = RequestBounds.check(request, limits);
        return refused != null ? refused : checkSingleHeaders(request.headers(), singleHeaders);
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
