package dev.awssig.v2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.SignableRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The query API's canonical pieces: code point order, the host line, the canonical query. */
class QueryCanonicalizerTest {
    /** Code points around the surrogate range, where UTF-16 order and code point order part. */
    private static final int[] CODE_POINTS = {'A', 'a', 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xe001, 0xf8ff,
        0xff61, 0xfffd, 0xffff, 0x10000, 0x10001, 0x1f600, 0x10fffe, 0x10ffff};

    @Test
    void compareCodePointsOrdersLikeTheUtf8BytesOfEveryPair() {
        List<String> texts = new ArrayList<>();
        texts.add("");
        for (int a : CODE_POINTS) {
            texts.add(Character.toString(a));
            for (int b : CODE_POINTS) {
                texts.add(Character.toString(a) + Character.toString(b));
            }
        }
        List<String> failures = new ArrayList<>();
        for (String x : texts) {
            for (String y : texts) {
                // the oracle: unsigned byte order of the UTF-8 forms
                int want = Integer.signum(Arrays.compareUnsigned(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        y.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                int got = Integer.signum(QueryCanonicalizer.compareCodePoints(x, y));
                if (want != got) {
                    failures.add(x.codePoints().mapToObj(Integer::toHexString).toList() + " vs "
                            + y.codePoints().mapToObj(Integer::toHexString).toList() + ": " + got + ", expected " + want);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theCanonicalQueryOfNoParametersIsEmpty() {
        assertEquals("", QueryCanonicalizer.canonicalQuery(new String[0], new String[0], 0, null));
        assertEquals("", QueryCanonicalizer.canonicalQuery(new String[] {"Signature"}, new String[] {"x"}, 1,
                "Signature"));
    }

    @Test
    void theCanonicalQuerySortsByNameThenValueAndLeavesOutEveryOccurrenceOfTheSkippedName() {
        // expected value written out following the SigV2 documentation: sorted by byte order, RFC 3986 encoded
        assertEquals("A=&A=1&a=%20&b=%E2%82%AC",
                QueryCanonicalizer.canonicalQuery(new String[] {"b", "Signature", "a", "A", "Signature", "A"},
                        new String[] {"\u20ac", "s1", " ", "1", "s2", null}, 6, "Signature"));
    }

    @ParameterizedTest(name = "{0} {1} Host: {2}")
    @CsvSource(delimiter = '|', value = {
        "https://ec2.amazonaws.com/ | -                       | ec2.amazonaws.com",
        "https://EC2.amazonaws.com:8443/ | -                  | ec2.amazonaws.com:8443",
        "https://x.example/        | EC2.Amazonaws.com:443    | ec2.amazonaws.com",
        "https://x.example/        | ec2.amazonaws.com:80     | ec2.amazonaws.com:80",
        "http://x.example/         | ec2.amazonaws.com:80     | ec2.amazonaws.com",
        "http://x.example/         | ec2.amazonaws.com:443    | ec2.amazonaws.com:443",
        "http://x.example/         | ec2.amazonaws.com:8080   | ec2.amazonaws.com:8080",
        "https://x.example/        | ec2.amazonaws.com:4431   | ec2.amazonaws.com:4431",
        "http://x.example/         | ec2.amazonaws.com:180    | ec2.amazonaws.com:180",
    })
    void theHostLineIsTheHostHeaderLowerCasedWithoutTheSchemesDefaultPort(String uri, String host, String expected) {
        SignableRequest.Builder b = SignableRequest.builder().method("GET").uri(uri);
        if (!host.equals("-")) {
            b.header("Host", host);
        }
        assertEquals(expected, QueryCanonicalizer.host(b.build()));
    }
}
