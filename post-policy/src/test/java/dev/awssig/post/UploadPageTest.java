package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The upload page {@link PostForm#toHtml()} renders: the policy's limits in plain words, the key
 * field hidden when the policy fixes it, a progress bar and a place for the server's answer,
 * self-contained, every value escaped. (A real browser submits it in e2e's BrowserPostE2ETest.)
 */
class UploadPageTest {
    private static final Instant T0 = Instant.parse("2030-06-01T12:34:56Z");
    private static final Instant EXPIRES = Instant.parse("2030-06-01T13:00:00Z");
    private static final SigningConfig CONFIG = SigningConfig.builder()
            .credentials(Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
            .region("us-east-1").clock(Clock.fixed(T0, ZoneOffset.UTC)).build();

    private static String page(PostPolicy policy, String key) {
        return PostFormSigner.v4(CONFIG).sign(PostFormRequest.builder().bucket("examplebucket").key(key)
                .policy(policy).build()).toHtml();
    }

    /** The visible text of the rules list, tags removed and entities decoded. */
    private static String rules(String html) {
        String list = html.substring(html.indexOf("<ul class=\"rules\">"), html.indexOf("</ul>"));
        return list.replaceAll("<[^>]+>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    }

    @Test
    void thePolicyIsSaidInPlainWords() {
        String html = page(PostPolicy.builder().expiration(EXPIRES).keyStartsWith("uploads/")
                .contentLengthRange(1, 10 * 1024 * 1024).build(), "uploads/${filename}");
        String rules = rules(html);
        assertTrue(rules.contains("Bucket examplebucket"), rules);
        assertTrue(rules.contains("Saved as uploads/\u2039name of your file\u203a (or any name starting with"
                + " \u201cuploads/\u201d you type below)"), rules);
        assertTrue(rules.contains("File size from 1 byte to 10 MiB (10,485,760 bytes)"), rules);
        assertTrue(rules.contains("Works until 2030-06-01 13:00:00 UTC"), rules);
        assertTrue(html.contains("<time datetime=\"2030-06-01T13:00:00Z\">"), html);
        assertTrue(html.contains("data-min-size=\"1\" data-max-size=\"10485760\""), html);
        // the key may be changed within the prefix: a labelled text input with its rule
        assertTrue(html.contains("<label for=\"field-0\">Name in the bucket</label>\n<input type=\"text\" id=\"field-0\""
                + " name=\"key\" value=\"uploads/${filename}\">\n<p class=\"hint\">Must start with \u201cuploads/\u201d."
                + " ${filename} becomes the name of the file you choose.</p>"), html);
    }

    @Test
    void aKeyThePolicyFixesIsHidden() {
        String html = page(PostPolicy.builder().expiration(EXPIRES).key("reports/2030.pdf")
                .contentLengthRange(0, 5000).build(), "reports/2030.pdf");
        assertTrue(html.contains("<input type=\"hidden\" name=\"key\" value=\"reports/2030.pdf\">"), html);
        assertFalse(html.contains("type=\"text\""), "nothing to type");
        String rules = rules(html);
        assertTrue(rules.contains("Saved as reports/2030.pdf"), rules);
        assertTrue(rules.contains("File size at most 4.9 KiB (5,000 bytes)"), rules);
    }

    @Test
    void aFileNameKeyWithoutPrefixRuleIsHiddenAndExplained() {
        String html = page(PostPolicy.builder().expiration(EXPIRES).key("in/${filename}").build(), "in/${filename}");
        assertTrue(html.contains("<input type=\"hidden\" name=\"key\" value=\"in/${filename}\">"), html);
        assertTrue(rules(html).contains("Saved as in/\u2039name of your file\u203a"), rules(html));
        assertFalse(rules(html).contains("File size"), "no range, no size rule");
    }

    @Test
    void itIsSelfContainedWithProgressAndAnswerAndWorksWithoutJavaScript() {
        String html = page(PostPolicy.builder().expiration(EXPIRES).keyStartsWith("").build(), "${filename}");
        assertFalse(Pattern.compile("<(link|img|iframe)\\b|\\b(src|href)=").matcher(html).find(),
                "nothing is loaded from elsewhere");
        assertEquals(1, count(html, "<script>"), "one inline script");
        assertEquals(1, count(html, "<style>"), "one inline style sheet");
        assertTrue(html.contains("<progress id=\"progress-bar\""), html);
        assertTrue(html.contains("<div id=\"result\" role=\"status\" aria-live=\"polite\" hidden></div>"), html);
        assertTrue(html.contains("xhr.upload.addEventListener('progress'"), "upload progress from XMLHttpRequest");
        // the plain form needs nothing from the script: method, enctype, action and the fields are in the markup
        assertTrue(html.contains(" method=\"post\" enctype=\"multipart/form-data\""), html);
        assertTrue(html.contains("<noscript>"), html);
        // the only absolute URL in the page is the form's action
        Matcher urls = Pattern.compile("https?://[^\"'\\s<]+").matcher(html);
        while (urls.find()) {
            assertEquals("https://examplebucket.s3.us-east-1.amazonaws.com/", urls.group(), html);
        }
    }

    @Test
    void valuesInTheRulesAndHintsAreEscaped() {
        String prefix = "a\"b'<c>&d/";
        String html = page(PostPolicy.builder().expiration(EXPIRES).keyStartsWith(prefix).build(), prefix + "${filename}");
        assertFalse(html.contains(prefix), "the raw prefix never appears");
        assertTrue(html.contains("a&quot;b&#39;&lt;c&gt;&amp;d/"), html);
        assertTrue(rules(html).contains("\u201c" + prefix + "\u201d"), rules(html));
    }

    @Test
    void aRedirectFormIsLeftToTheBrowser() {
        String html = page(PostPolicy.builder().expiration(EXPIRES).keyStartsWith("")
                .successActionRedirect("https://example.com/done").build(), "${filename}");
        assertTrue(html.contains("data-redirect=\"true\""), html);
        assertTrue(html.contains("if (form.getAttribute('data-redirect') === 'true') { return; }"), html);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
