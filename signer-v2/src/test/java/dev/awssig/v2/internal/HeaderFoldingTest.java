package dev.awssig.v2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link HeaderFolding#unfold} against a regular-expression reading of the same rule. */
class HeaderFoldingTest {
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[ \t\r\n]+");
    private static final char[] ALPHABET = {'a', 'b', ' ', '\t', '\r', '\n', ','};

    /** The oracle: each whitespace run with a line break becomes one space; then SP/HT trimmed at both ends. */
    private static String reference(String value) {
        Matcher m = WHITESPACE_RUN.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(run.contains("\r") || run.contains("\n") ? " " : run));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("^[ \t]+", "").replaceAll("[ \t]+$", "");
    }

    @Test
    void unfoldsEveryMixOfTextSpacesTabsAndLineBreaksAsTheRuleSays() {
        Random random = new Random(20261202L);
        for (int i = 0; i < 20000; i++) {
            int n = random.nextInt(12);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < n; k++) {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String value = sb.toString();
            assertEquals(reference(value), HeaderFolding.unfold(value), () -> "unfold of '" + value
                    .replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "'");
        }
    }

    @Test
    void examplesWrittenOut() {
        assertEquals("a b", HeaderFolding.unfold("a\rb"));
        assertEquals("a b", HeaderFolding.unfold("a\nb"));
        assertEquals("a\t b c", HeaderFolding.unfold(" a\t b \r\n\t c\t"));
        assertEquals("a", HeaderFolding.unfold("\ta\t"));
        assertEquals("", HeaderFolding.unfold(" \t "));
        assertEquals("", HeaderFolding.unfold("\r\n "));
    }
}
