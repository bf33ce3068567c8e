package dev.awssig.v2.internal;

import dev.awssig.Headers;
import dev.awssig.SignableRequest;
import dev.awssig.internal.MalformedTextException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Request text as SigV2 reads it, strictly: text without a lone UTF-16 surrogate, form bodies
 * that are UTF-8. Percent-escapes are decoded by signer-api's one strict decoder,
 * {@link dev.awssig.internal.UriEncoding#decodeStrict}. Anything else is a
 * {@link MalformedTextException} naming where it is, so that two different texts never read
 * as the same signed value.
 */
public final class Text {
    private Text() {
    }

    /**
     * The index of the first lone UTF-16 surrogate (one not part of a high-low pair).
     *
     * @param s the text
     * @return the index, or -1 when the text is well-formed
     */
    public static int loneSurrogate(CharSequence s) {
        return MalformedTextException.indexOfLoneSurrogate(s, 0, s.length());
    }

    /**
     * Requires text without a lone surrogate.
     *
     * @param s the text
     * @param what what the text is, for the message ({@code path}, {@code header 'x-amz-meta-a'})
     * @return the text
     * @throws MalformedTextException naming {@code what} and the index
     */
    public static String requireWellFormed(String s, String what) {
        int at = loneSurrogate(s);
        if (at >= 0) {
            throw loneSurrogate(what, at);
        }
        return s;
    }

    static MalformedTextException loneSurrogate(String what, int at) {
        return new MalformedTextException(what + ": has a lone UTF-16 surrogate at index " + at
                + " (not valid text; only well-formed Unicode can be signed)");
    }

    /**
     * Decodes a form body as UTF-8, refusing bytes that are not.
     *
     * @param body the bytes
     * @param what what the bytes are, for the message
     * @return the text
     * @throws MalformedTextException when the bytes are not UTF-8
     */
    public static String utf8(byte[] body, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedTextException(what + ": is not UTF-8 text");
        }
    }

    /**
     * Where in a request a lone surrogate is: its path, its query, or the value of a header.
     * For the message of a signer that found one in its string to sign (the fast path checks
     * the string to sign only, and only when it has non-ASCII text).
     *
     * @param request the request
     * @return the field and index, or null when none of those has one
     */
    public static String whereLoneSurrogate(SignableRequest request) {
        int at = loneSurrogate(request.rawPath());
        if (at >= 0) {
            return "path: index " + at;
        }
        String query = request.rawQuery().orElse("");
        at = loneSurrogate(query);
        if (at >= 0) {
            return "query: index " + at;
        }
        List<Headers.Header> headers = request.headers().entries();
        for (int i = 0; i < headers.size(); i++) {
            at = loneSurrogate(headers.get(i).value());
            if (at >= 0) {
                return "header '" + headers.get(i).name() + "': index " + at;
            }
        }
        return null;
    }
}
