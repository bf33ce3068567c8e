package dev.awssig.internal;

import dev.awssig.AuthError;
import dev.awssig.Headers;
import dev.awssig.SignableRequest;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import java.util.List;

/**
 * The checks every verifier runs first: a request over its {@link VerificationLimits} is
 * answered before anything is parsed, sorted or hashed, and so is one whose path, query or
 * header values are not well-formed Unicode (a lone UTF-16 surrogate has no UTF-8 form, so what
 * was signed cannot be known), or whose path or query has a percent-escape that does not decode
 * strictly ({@link UriEncoding#checkStrict}: one reading of every escape). One pass over the request target and the header list, O(n). Internal: exported only to the sibling modules of this project.
 */
public final class RequestBounds {
    private RequestBounds() {
    }

    /**
     * Checks a received request against the limits.
     *
     * @param request the request as received
     * @param limits the limits
     * @return the failure to answer with, or {@code null} when the request is within bounds
     */
    public static VerificationResult check(SignableRequest request, VerificationLimits limits) {
        String path = request.rawPath();
        String query = request.rawQuery().orElse(null);
        long uriLength = path.length() + (query == null ? 0 : 1 + (long) query.length());
        if (uriLength > limits.maxUriLength()) {
            return VerificationResult.failure(AuthError.INVALID_URI, "The request URI is " + uriLength
                    + " characters long; this server accepts at most " + limits.maxUriLength()
                    + " (VerificationLimits.maxUriLength)");
        }
        if (query != null) {
            VerificationResult r = checkParameterCount(query, limits, "query string");
            if (r != null) {
                return r;
            }
        }
        List<Headers.Header> headers = request.headers().entries();
        if (headers.size() > limits.maxHeaderCount()) {
            return VerificationResult.failure(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, "The request has "
                    + headers.size() + " header fields; this server accepts at most " + limits.maxHeaderCount()
                    + " (VerificationLimits.maxHeaderCount)");
        }
        long bytes = 0;
        for (int i = 0; i < headers.size(); i++) {
            Headers.Header h = headers.get(i);
            bytes += h.name().length() + h.value().length();
            if (h.name().length() == 13 && Ascii.equalsIgnoreCase(h.name(), "authorization")
                    && h.value().length() > limits.maxAuthorizationLength()) {
                return VerificationResult.failure(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE,
                        "The Authorization header is " + h.value().length() + " characters long; this server"
                                + " accepts at most " + limits.maxAuthorizationLength()
                                + " (VerificationLimits.maxAuthorizationLength)");
            }
        }
        if (bytes > limits.maxHeaderBytes()) {
            return VerificationResult.failure(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, "The request's header"
                    + " names and values are " + bytes + " characters long; this server accepts at most "
                    + limits.maxHeaderBytes() + " (VerificationLimits.maxHeaderBytes)");
        }
        return checkText(path, query, headers);
    }

    /**
     * Text that has no UTF-8 form (a lone UTF-16 surrogate) cannot be signed or compared as the
     * client sent it: refused, naming where it is.
     */
    private static VerificationResult checkText(String path, String query, List<Headers.Header> headers) {
        int at = MalformedTextException.indexOfLoneSurrogate(path, 0, path.length());
        if (at >= 0) {
            return VerificationResult.failure(AuthError.INVALID_URI, "The request path contains a lone UTF-16"
                    + " surrogate at index " + at + "; it is not well-formed Unicode");
        }
        if (query != null && (at = MalformedTextException.indexOfLoneSurrogate(query, 0, query.length())) >= 0) {
            return VerificationResult.failure(AuthError.INVALID_URI, "The query string contains a lone UTF-16"
                    + " surrogate at index " + at + "; it is not well-formed Unicode");
        }
        try {
            // one reading of every escape: two ASCII hex digits, UTF-8 bytes ("%FF" and "%FE" are
            // not both U+FFFD, "%G1" is not "%25G1")
            UriEncoding.checkStrict(path, "The request path");
            if (query != null) {
                UriEncoding.checkStrict(query, "The query string");
            }
        } catch (MalformedTextException e) {
            return VerificationResult.failure(AuthError.INVALID_URI, e.getMessage());
        }
        for (int i = 0; i < headers.size(); i++) {
            Headers.Header h = headers.get(i);
            String v = h.value();
            if ((at = MalformedTextException.indexOfLoneSurrogate(v, 0, v.length())) >= 0) {
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "The value of header '"
                        + Checks.printable(h.name()) + "' contains a lone UTF-16 surrogate at index " + at
                        + "; it is not well-formed Unicode");
            }
        }
        return null;
    }

    /**
     * Checks the number of {@code &}-separated parameters of a query string or form body.
     *
     * @param encoded the raw query string or form body
     * @param limits the limits
     * @param what what the text is, for the message ("query string", "form body")
     * @return the failure, or {@code null} when within bounds
     */
    public static VerificationResult checkParameterCount(CharSequence encoded, VerificationLimits limits,
                                                         String what) {
        int max = limits.maxQueryParameters();
        int count = encoded.length() == 0 ? 0 : 1;
        for (int i = 0; i < encoded.length(); i++) {
            if (encoded.charAt(i) == '&' && ++count > max) {
                return VerificationResult.failure(AuthError.INVALID_URI, "The " + what + " has more than " + max
                        + " parameters; this server accepts at most " + max
                        + " (VerificationLimits.maxQueryParameters)");
            }
        }
        return null; // count starts at 1 at most and max is at least 1: only an '&' takes it over
    }
}
