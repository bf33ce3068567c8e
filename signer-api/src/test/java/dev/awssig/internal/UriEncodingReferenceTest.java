package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.SignableRequest;
import java.net.URLDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The UTF-8 and percent-decoding paths of {@link UriEncoding} against the JDK: {@code String.getBytes(UTF_8)}
 * for {@code encodeUtf8}, {@link URLDecoder} for {@code decode} and {@code decodeStrict} (with
 * {@code +} escaped first where it is not a space), over random text from a logged seed built of
 * the pieces that take each path: ASCII, two-, three- and four-byte characters (at the edges
 * U+007F/U+0080, U+07FF/U+0800, U+FFFF/U+10000), {@code +}, and escapes in either case.
 */
class UriEncodingReferenceTest {
    private static final long SEED = Long.getLong("awssig.seed", System.nanoTime());
    private static final String[] TEXT = {"a", "Z", "~", " ", "\u007f", "\u0080", "\u00e9", "\u07ff", "\u0800",
        "\u20ac", "\uffff", "\ud800\udc00", "\ud83d\ude00", "\udbff\udfff", "/", "="};
    private static final String[] ESCAPES = {"%41", "%c3%a9", "%C3%A9", "%e2%82%ac", "%F0%9F%98%80", "%2B", "%25",
        "%20", "%7e", "%2f"};

    private static String random(Random r, boolean escapes, boolean plus) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            if (k < 6) {
                sb.append(TEXT[r.nextInt(TEXT.length)]);
            } else if (k < 9 && escapes) {
                sb.append(ESCAPES[r.nextInt(ESCAPES.length)]);
            } else if (plus) {
                sb.append('+');
            }
        }
        return sb.toString();
    }

    private static String jdkDecode(String s, boolean plusAsSpace) {
        return URLDecoder.decode(plusAsSpace ? s : s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Test
    void encodeUtf8WritesTheBytesOfTheJdkEncoder() {
        Random r = new Random(SEED);
        for (int i = 0; i < 2000; i++) {
            String s = random(r, false, true);
            int from = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
            if (from > 0 && Character.isLowSurrogate(s.charAt(from - 1)) || from < s.length()
                    && Character.isLowSurrogate(s.charAt(from))) {
                from = 0; // not inside a pair
            }
            byte[] expected = s.substring(from).getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[3 * s.length() + 4];
            Arrays.fill(out, (byte) 0x55);
            int end = UriEncoding.encodeUtf8(s, from, s.length(), out, 2);
            assertEquals(2 + expected.length, end, "seed " + SEED + ": " + s);
            assertArrayEquals(expected, Arrays.copyOfRange(out, 2, end), "seed " + SEED + ": " + s);
            assertEquals(0x55, out[0] & 0xff, "nothing written before the offset");
            assertEquals(0x55, out[1] & 0xff, "nothing written before the offset");
        }
    }

    @Test
    void decodeAgreesWithUrlDecoderOnWellFormedText() {
        Random r = new Random(SEED);
        for (int i = 0; i < 2000; i++) {
            String s = random(r, true, true);
            for (boolean plus : new boolean[] {false, true}) {
                assertEquals(jdkDecode(s, plus), UriEncoding.decode(s, plus), "seed " + SEED + " plus " + plus + ": " + s);
                assertEquals(jdkDecode(s, plus), UriEncoding.decodeStrict(s, plus, "text"),
                        "seed " + SEED + " plus " + plus + ": " + s);
            }
        }
    }

    /** decodeStrict over a part of the text: what is outside [from, to) is never read, escapes or not. */
    @Test
    void decodeStrictReadsOnlyItsRange() {
        Random r = new Random(SEED);
        for (int i = 0; i < 1000; i++) {
            String part = random(r, true, true);
            String before = random(r, true, true);
            for (String after : new String[] {"%41", "%", "%4", "+", "\u00e9", "", "%zz"}) {
                String s = before + part + after;
                for (boolean plus : new boolean[] {false, true}) {
                    assertEquals(jdkDecode(part, plus), UriEncoding.decodeStrict(s, before.length(),
                            before.length() + part.length(), plus, "text"), "seed " + SEED + ": " + s);
                }
            }
        }
        // an escape cut by the end of the range is refused, even when the text goes on with hex digits
        for (String s : new String[] {"%4", "a%4", "%", "a%"}) {
            MalformedTextException e = assertThrows(MalformedTextException.class,
                    () -> UriEncoding.decodeStrict(s + "1F", 0, s.length(), false, "the query"));
            assertTrue(e.getMessage().startsWith("the query: '%' at index " + s.indexOf('%')), e.getMessage());
        }
        assertEquals("A", UriEncoding.decodeStrict("x%41%zz", 1, 4, false, "text"));
        assertEquals("a b", UriEncoding.decodeStrict("%zza+b", 3, 6, true, "text"));
        assertEquals("a+b", UriEncoding.decodeStrict("%zza+b", 3, 6, false, "text"));
        assertEquals("\u00e9 ", UriEncoding.decodeStrict("%zz\u00e9+%zz", 3, 5, true, "text"));
    }

    /** Strictly, escaped bytes that are not UTF-8 and lone surrogates are refused, naming what and where. */
    @Test
    void decodeStrictRefusesWhatHasNoOneReading() {
        for (String s : new String[] {"%FF", "%C3", "%C3%28", "a%ED%A0%80", "%F8%88%80%80%80", "%c0%af"}) {
            MalformedTextException e = assertThrows(MalformedTextException.class,
                    () -> UriEncoding.decodeStrict(s, false, "the path"));
            assertEquals("the path: its percent-escapes are not UTF-8", e.getMessage(), s);
        }
        MalformedTextException lone = assertThrows(MalformedTextException.class,
                () -> UriEncoding.decodeStrict("ab+\ud800%41", true, "the query"));
        assertTrue(lone.getMessage().contains("the query") && lone.getMessage().contains("index 3"), lone.getMessage());
        assertThrows(MalformedTextException.class, () -> UriEncoding.decodeStrict("\udc00", false, "x"));
        assertThrows(MalformedTextException.class, () -> UriEncoding.checkStrict("/a/%zz", "the path"));
        assertThrows(MalformedTextException.class, () -> UriEncoding.checkStrict("/a/%", "the path"));
        assertThrows(MalformedTextException.class, () -> UriEncoding.checkStrict("/\u00e9/\ud800", "the path"));
        UriEncoding.checkStrict("/a/%41/\u00e9/\u0080/\ud83d\ude00", "the path");
        UriEncoding.checkStrict("", "the path");
    }

    /** The lenient decode of the two edges the fast path decides: '+' only as a form space, '%' always looked at. */
    @Test
    void decodeLooksAtEveryEscapeAndPlus() {
        assertEquals("A", UriEncoding.decode("%41", false));
        assertEquals("+A", UriEncoding.decode("+%41", false));
        assertEquals(" A", UriEncoding.decode("+%41", true));
        assertEquals(" ", UriEncoding.decode("+", true));
        assertEquals("a b c", UriEncoding.decode("a+b+c", true));
        assertEquals("\u00e9+", UriEncoding.decode("\u00e9+", false));
        assertEquals("\u00e9 ", UriEncoding.decode("\u00e9+", true));
        assertEquals("\u00e9+A", UriEncoding.decode("\u00e9+%41", false));
        assertThrows(MalformedTextException.class, () -> UriEncoding.decode("a\ud800", false));
    }

    /**
     * withLegalUri: a request whose path and query are legal is the same instance; otherwise each
     * of path and query has exactly what a URI cannot hold escaped, and a lone surrogate is refused.
     */
    @Test
    void withLegalUriEscapesOnlyWhatAUriCannotHold() {
        SignableRequest legal = SignableRequest.builder().method("GET").uri("https://h/a%20b/c?x=%41&y").build();
        assertSame(legal, UriEncoding.withLegalUri(legal));
        SignableRequest noQuery = SignableRequest.builder().method("GET").uri("https://h/a").build();
        assertSame(noQuery, UriEncoding.withLegalUri(noQuery));
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://h/a b/\u00e9?x=1 2&y=%41").build();
        SignableRequest l = UriEncoding.withLegalUri(r);
        assertEquals("/a%20b/%C3%A9", l.rawPath());
        assertEquals("x=1%202&y=%41", l.rawQuery().orElseThrow());
        SignableRequest pathOnly = SignableRequest.builder().method("GET").uri("https://h/a b?x=1").build();
        SignableRequest p = UriEncoding.withLegalUri(pathOnly);
        assertEquals("/a%20b", p.rawPath());
        assertEquals("x=1", p.rawQuery().orElseThrow());
        SignableRequest queryOnly = SignableRequest.builder().method("GET").uri("https://h/a?x=1 2").build();
        SignableRequest q = UriEncoding.withLegalUri(queryOnly);
        assertEquals("/a", q.rawPath());
        assertEquals("x=1%202", q.rawQuery().orElseThrow());
    }

    /** U+0080, the first character past ASCII, is never looked up in the ASCII tables: it is escaped as its UTF-8 bytes C2 80. */
    @Test
    void theFirstCharacterPastAsciiIsEscapedAsUtf8() {
        assertFalse(UriEncoding.isUnreserved('\u0080'));
        assertEquals("%C2%80", UriEncoding.encode("\u0080", false));
        assertEquals("a%C2%80", UriEncoding.encode("a\u0080", true));
        assertEquals("%C2%80", UriEncoding.encodeIllegal("\u0080"));
        assertEquals("/%C2%80", UriEncoding.encodeIllegal("/\u0080"));
    }

    /**
     * The check's scan skips two hex digits only after a {@code %}: a lone surrogate followed by
     * two hex digits that would spell an ASCII escape ({@code 41}, {@code 00}, {@code 7f}) is still
     * refused, at its own index, wherever it stands. The JDK's UTF-8 encoder, which cannot encode a
     * lone surrogate, confirms that none of these texts is well-formed.
     */
    @Test
    void checkStrictRefusesALoneSurrogateFollowedByTwoHexDigits() {
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        for (String lone : new String[] {"\ud800", "\udbff", "\udc00", "\udfff"}) {
            for (String digits : new String[] {"41", "00", "7f", "2F"}) {
                for (String before : new String[] {"", "a", "/%2F", "%41="}) {
                    for (String after : new String[] {"", "b", "%41"}) {
                        String text = before + lone + digits + after;
                        assertFalse(utf8.canEncode(text), text);
                        MalformedTextException e = assertThrows(MalformedTextException.class,
                                () -> UriEncoding.checkStrict(text, "the path"));
                        assertEquals(before.length(), e.index(), text);
                        assertTrue(e.getMessage().startsWith("the path: contains a lone UTF-16 surrogate"),
                                e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * The check without decoding (its ASCII-escape fast path) agrees with the full strict decoding
     * on random text built from the pieces that matter: ASCII, escapes of ASCII and non-ASCII
     * bytes, escapes cut short or with non-hex digits, Latin-1 and other characters, surrogate
     * pairs and lone surrogates. Same outcome, and the same message when both refuse.
     */
    @Test
    void checkStrictAgreesWithTheFullDecodingOnRandomText() {
        String[] pieces = {"a", "/", "=", "&", "+", "%", "%2F", "%2f", "%41", "%7E", "%80", "%C3", "%A9", "%c3%a9",
            "%E2%82%AC", "%ED%A0%80", "%FF", "%G1", "%4", "%4G", "%\u0661\u0661", "\u00e9", "\u20ac", "\ud83d\ude00",
            "\ud800", "\udc00", "9", "F"};
        long seed = TestSeeds.seed("UriEncodingReferenceTest.checkStrictAgreesWithTheFullDecodingOnRandomText");
        Random rnd = new Random(seed);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(8); k > 0; k--) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            String expected = null;
            try {
                UriEncoding.decodeStrict(text, false, "the query");
            } catch (MalformedTextException e) {
                expected = e.getMessage();
            }
            String actual = null;
            try {
                UriEncoding.checkStrict(text, "the query");
            } catch (MalformedTextException e) {
                actual = e.getMessage();
            }
            assertEquals(expected, actual, "seed=" + seed + " text=" + text);
            refused += expected == null ? 0 : 1;
        }
        assertTrue(refused > 2_000 && refused < 18_000, refused + " refused");
    }

    /**
     * encodeIllegal keeps a '%' only when two ASCII hex digits follow it inside the text: one cut
     * by the end of the text ("%4", "%"), or with a non-hex second or first digit, is escaped as %25
     * (answers worked out by hand from RFC 3986's pct-encoded = "%" HEXDIG HEXDIG).
     */
    @Test
    void encodeIllegalEscapesAPercentThatStartsNoEscape() {
        assertEquals("%254", UriEncoding.encodeIllegal("%4"));
        assertEquals("a%254", UriEncoding.encodeIllegal("a%4"));
        assertEquals("a%25", UriEncoding.encodeIllegal("a%"));
        assertEquals("%254z", UriEncoding.encodeIllegal("%4z"));
        assertEquals("%25z4", UriEncoding.encodeIllegal("%z4"));
        assertEquals("%254%41", UriEncoding.encodeIllegal("%4%41"));
        assertEquals("/a%25%41", UriEncoding.encodeIllegal("/a%%41"));
        String legal = "/a%41%ff?x=%7E";
        assertSame(legal, UriEncoding.encodeIllegal(legal));
    }

    /** decode gives back the same instance when there is nothing to decode (its javadoc's promise). */
    @Test
    void decodeOfPlainTextIsTheSameInstance() {
        String plain = "/a/b~c-d.e_f";
        assertSame(plain, UriEncoding.decode(plain, true));
        assertSame(plain, UriEncoding.decode(plain, false));
        String withPlus = "a+b";
        assertSame(withPlus, UriEncoding.decode(withPlus, false));
    }

    /**
     * A character outside the BMP (a surrogate pair) after an escape or a '+' decodes whole, in
     * either mode, leniently and strictly (URLDecoder as the oracle).
     */
    @Test
    void aSurrogatePairAfterAnEscapeOrAPlusDecodesWhole() {
        for (String s : new String[] {"%41\ud83d\ude00", "+\ud83d\ude00b", "%41\ud83d\ude00+\ud83d\ude00%42",
            "\u00e9+\ud83d\ude00"}) {
            for (boolean plus : new boolean[] {false, true}) {
                assertEquals(jdkDecode(s, plus), UriEncoding.decode(s, plus), s + " plus " + plus);
                assertEquals(jdkDecode(s, plus), UriEncoding.decodeStrict(s, plus, "text"), s + " plus " + plus);
            }
        }
    }

    /** Escapes whose first hex digit is 0 and the lone continuation byte 80 (URLDecoder for the first). */
    @Test
    void escapesOfLowBytesDecodeAndALoneContinuationByteIsRefused() {
        for (String s : new String[] {"%00", "%0A", "%0a%01", "a%09b", "%0F%00"}) {
            assertEquals(jdkDecode(s, false), UriEncoding.decodeStrict(s, false, "text"), s);
        }
        for (String s : new String[] {"%80", "a%80", "%80%00", "%00%80"}) {
            MalformedTextException e = assertThrows(MalformedTextException.class,
                    () -> UriEncoding.decodeStrict(s, false, "the query"), s);
            assertEquals("the query: its percent-escapes are not UTF-8", e.getMessage(), s);
        }
    }

    /** withLegalUri refuses a lone surrogate in the query as one in the query, not in some text. */
    @Test
    void withLegalUriNamesTheQueryOfALoneSurrogate() {
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://h/a?x=\ud800").build();
        MalformedTextException e = assertThrows(MalformedTextException.class, () -> UriEncoding.withLegalUri(r));
        assertTrue(e.getMessage().startsWith("query: "), e.getMessage());
    }
}
