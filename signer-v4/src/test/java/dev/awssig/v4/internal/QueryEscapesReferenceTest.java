package dev.awssig.v4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ways a raw query can spell an escape, or something that only looks like one, through the
 * canonical query that the signer and the verifier share ({@link Canonical#appendQuery}), against
 * a reference written from the SigV4 rules with the JDK: each name and value is percent-decoded
 * ({@code +} is a space; {@code %} and two ASCII hex digits of either case is a byte; any other
 * {@code %} is itself, as lenient servers read it), the bytes read as UTF-8 ({@link URLDecoder}:
 * bytes that are not UTF-8 become U+FFFD), then encoded again with the RFC 3986 unreserved
 * characters kept and every other byte as {@code %} and two upper-case hex digits
 * ({@link HexFormat}); pairs sorted by name, then value.
 *
 * <p>The query is copied as it is written when it is already canonical, so these cases try the
 * edges of that decision: escapes in upper and lower case, of unreserved and reserved ASCII
 * bytes, of bytes outside ASCII that are or are not UTF-8, a {@code %} followed by one or no
 * character at the end of the query, by characters just outside {@code 0-9} and {@code A-F}
 * ({@code / : @ G `}), by other scripts' digits and letters, and hex digits without their
 * {@code %}. The signer reaches every one of them (the verifier refuses the undecodable ones
 * before canonicalization; see {@code HostileRequestTest}).
 */
class QueryEscapesReferenceTest {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    /**
     * The hex digits of both cases and their neighbours in ASCII ({@code / : @ G ` g}), what the
     * query syntax reads ({@code % & = +}), unreserved and reserved characters, and characters
     * outside ASCII: U+0080, e-acute, ARABIC-INDIC DIGIT ZERO and FULLWIDTH DIGIT ZERO and LATIN
     * CAPITAL A ({@code Character.digit(c, 16)} reads the last three as hex digits; an escape
     * does not).
     */
    private static final String ALPHABET = "0123456789ABCDEFabcdef/:@G`g%&=+ ~-._*!#Zz"
            + "\u0080\u00e9\u0660\uff10\uff21";

    private static boolean isAsciiHexDigit(char c) {
        return c < 0x80 && HexFormat.isHexDigit(c);
    }

    private static String referenceDecode(String raw) {
        // a '%' that does not start an escape is a literal '%': written %25 for URLDecoder, which
        // would refuse it (and would read other scripts' digits as hex digits)
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean escape = c == '%' && i + 2 < raw.length() && isAsciiHexDigit(raw.charAt(i + 1))
                    && isAsciiHexDigit(raw.charAt(i + 2));
            sb.append(c == '%' && !escape ? "%25" : String.valueOf(c));
        }
        return URLDecoder.decode(sb.toString(), StandardCharsets.UTF_8);
    }

    private static String referenceEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if (v < 0x80 && UNRESERVED.indexOf(v) >= 0) {
                sb.append((char) v);
            } else {
                sb.append('%').append(UPPER.toHexDigits(b));
            }
        }
        return sb.toString();
    }

    private static String referenceQuery(String raw) {
        List<String[]> pairs = new ArrayList<>();
        for (String p : raw.split("&", -1)) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String n = eq < 0 ? p : p.substring(0, eq);
            String v = eq < 0 ? "" : p.substring(eq + 1);
            pairs.add(new String[] {referenceEncode(referenceDecode(n)), referenceEncode(referenceDecode(v))});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            sb.append(sb.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    private static String query(String raw) {
        ByteBuf b = new ByteBuf(4);
        Canonical.appendQuery(b, raw, null, null, 0, null, null);
        return b.asString();
    }

    private static void check(String raw) {
        assertEquals(referenceQuery(raw), query(raw), raw);
    }

    @Test
    void theReferenceAgreesWithHandDerivedCanonicalQueries() {
        // written out from the rules, so that the reference itself is checked
        String[][] cases = {
            {"k=%2F", "k=%2F"}, {"k=%2f", "k=%2F"}, {"k=%41", "k=A"}, {"k=%7e", "k=~"}, {"k=%0A", "k=%0A"},
            {"k=%0G", "k=%250G"}, {"k=%g0", "k=%25g0"}, {"k=%G0", "k=%25G0"}, {"k=%2:", "k=%252%3A"},
            {"k=%:2", "k=%25%3A2"}, {"k=%0@", "k=%250%40"}, {"k=%", "k=%25"}, {"k=%4", "k=%254"},
            {"%=1", "%25=1"}, {"k=%80", "k=%EF%BF%BD"}, {"k=%FF", "k=%EF%BF%BD"}, {"k=%C3%A9", "k=%C3%A9"},
            {"k=%C3", "k=%EF%BF%BD"}, {"k20=v20", "k20=v20"}, {"k=%\uff10\uff21", "k=%25%EF%BC%90%EF%BC%A1"},
            {"b=%2F&a=%3d", "a=%3D&b=%2F"}, {"a=1&k=%", "a=1&k=%25"}};
        for (String[] c : cases) {
            assertEquals(c[1], referenceQuery(c[0]), "reference of " + c[0]);
            assertEquals(c[1], query(c[0]), c[0]);
        }
    }

    @Test
    void theTwoCharactersAfterAPercentAreReadAsTheReferenceReadsThem() {
        for (int i = 0; i < ALPHABET.length(); i++) {
            for (int j = 0; j < ALPHABET.length(); j++) {
                String xy = "" + ALPHABET.charAt(i) + ALPHABET.charAt(j);
                check("k=%" + xy); // a value alone: already canonical when the escape is
                check("%" + xy + "=v"); // a name
                check("a=1&k=x%" + xy + "y"); // in order, inside a value
                check("k=%" + xy + "&a=1"); // out of order: the sorted copy
                check("k" + xy + "=v" + xy); // the digits without their '%'
            }
        }
    }

    @Test
    void aPercentWithFewerThanTwoCharactersAfterItIsALiteralPercent() {
        check("%");
        check("k=%");
        check("a=1&k=%");
        check("k=%&a=1");
        check("k=1%");
        for (int i = 0; i < ALPHABET.length(); i++) {
            char x = ALPHABET.charAt(i);
            check("%" + x);
            check("k=%" + x);
            check("a=1&k=%" + x);
            check("k=%2F%" + x);
        }
    }

    @Test
    void escapesOfEveryByteAreDecodedAsUtf8AndEncodedInUpperCase() {
        for (int v = 0; v < 256; v++) {
            String upper = UPPER.toHexDigits((byte) v);
            String lower = HexFormat.of().toHexDigits((byte) v);
            check("k=%" + upper);
            check("k=%" + lower);
            check("a=1&k=%" + upper + "%" + upper);
            check("%" + upper + "=%" + lower);
        }
        // sequences of bytes outside ASCII: whole, cut short, or with a byte too many
        for (String s : new String[] {"%C3%A9", "%E2%82%AC", "%F0%9F%98%80", "%E2%82", "%F0%9F%98", "%C3%A9%A9",
            "%c3%A9", "%ED%A0%80", "%C0%AF"}) {
            check("k=" + s);
            check("a=1&k=" + s);
        }
    }
}
