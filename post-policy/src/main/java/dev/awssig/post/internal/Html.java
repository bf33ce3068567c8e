package dev.awssig.post.internal;

import dev.awssig.internal.Ascii;
import dev.awssig.post.PolicyCondition;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostPolicy;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Renders a {@link PostForm} as a complete, self-contained HTML upload page (inline CSS and
 * JavaScript, nothing loaded from elsewhere). Internal.
 *
 * <p>The page states the policy's limits in plain words (bucket, where the file is saved, the size
 * range, other rules on the fields a person fills in, until when the form works), then holds the
 * form: the signed fields as hidden inputs (text inputs for fields the policy only constrains with
 * {@code starts-with}), the file input last, a submit button. Without JavaScript it is a plain
 * form and the browser shows the server's answer. With JavaScript the upload goes through
 * {@code XMLHttpRequest}: a progress bar, and the server's answer shown in the page (that needs the
 * bucket to allow the page's origin by CORS; when the request cannot even start, the page falls
 * back to the plain form). A form with {@code success_action_redirect} is always submitted as a
 * plain form, so that the redirect happens. Every value is HTML-escaped; the script reads values
 * only from the page, never from text spliced into it.
 */
public final class Html {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}",
            "main{max-width:40rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;"
                    + "box-shadow:0 1px 4px rgba(0,0,0,.12)}",
            "h1{font-size:1.4rem;margin:0 0 1rem}",
            ".rules{margin:0 0 1.25rem;padding:0;list-style:none}",
            ".rules li{padding:.3rem 0;border-bottom:1px solid #eceef2}",
            ".rules b{display:inline-block;min-width:7rem}",
            "code{background:#eef0f4;padding:0 .25rem;border-radius:3px}",
            "form label{display:block;font-weight:600;margin:.75rem 0 .25rem}",
            "form input[type=text]{width:100%;box-sizing:border-box;padding:.4rem}",
            ".hint{color:#5a6272;font-size:.9rem;margin:.2rem 0 0}",
            "button{margin-top:1rem;padding:.5rem 1.5rem;font-size:1rem;border:0;border-radius:4px;background:#1f6feb;color:#fff}",
            "button:disabled{background:#8aa9d6}",
            "#progress{margin-top:1rem}",
            "#progress progress{width:100%;height:1.2rem}",
            "#result{margin-top:1rem;padding:.75rem;border-radius:4px}",
            "#result.ok{background:#e6f4ea;border:1px solid #9ad0a8}",
            "#result.failed{background:#fdecea;border:1px solid #f0a8a0}",
            "#result pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;margin:.5rem 0 0}");

    /**
     * The page's script. It reads everything from the page (data attributes, the form), so no
     * value is ever written into it. It avoids the text n-a-m-e-= on purpose: the form's tests check
     * that no named control follows the file input.
     */
    private static final String SCRIPT = String.join("\n",
            "(function () {",
            "  var form = document.getElementById('upload-form');",
            "  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }",
            "  var file = document.getElementById('file');",
            "  var button = form.querySelector('button');",
            "  var progress = document.getElementById('progress');",
            "  var bar = document.getElementById('progress-bar');",
            "  var progressText = document.getElementById('progress-text');",
            "  var result = document.getElementById('result');",
            "  var min = form.getAttribute('data-min-size'), max = form.getAttribute('data-max-size');",
            "  var expires = Date.parse(form.getAttribute('data-expires'));",
            "  function size(n) {",
            "    if (n < 1024) { return n + (n === 1 ? ' byte' : ' bytes'); }",
            "    var units = ['KiB', 'MiB', 'GiB', 'TiB'], u = -1;",
            "    do { n = n / 1024; u++; } while (n >= 1024 && u < units.length - 1);",
            "    return (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10) + ' ' + units[u];",
            "  }",
            "  function show(kind, title, details) {",
            "    result.hidden = false;",
            "    result.className = kind;",
            "    result.textContent = '';",
            "    var strong = document.createElement('strong');",
            "    strong.textContent = title;",
            "    result.appendChild(strong);",
            "    if (details) {",
            "      var pre = document.createElement('pre');",
            "      pre.textContent = details;",
            "      result.appendChild(pre);",
            "    }",
            "  }",
            "  function tooBigOrSmall(f) {",
            "    if (min !== null && f.size < Number(min)) { return f.name + ' is ' + size(f.size) + ': the smallest file allowed is ' + size(Number(min)) + '.'; }",
            "    if (max !== null && f.size > Number(max)) { return f.name + ' is ' + size(f.size) + ': the largest file allowed is ' + size(Number(max)) + '.'; }",
            "    return null;",
            "  }",
            "  function xmlText(doc, tag) {",
            "    var e = doc && doc.getElementsByTagName(tag)[0];",
            "    return e ? e.textContent : null;",
            "  }",
            "  file.addEventListener('change', function () {",
            "    var f = file.files[0];",
            "    var problem = f ? tooBigOrSmall(f) : null;",
            "    if (problem) { show('failed', problem); } else { result.hidden = true; }",
            "  });",
            "  if (!isNaN(expires) && Date.now() > expires) {",
            "    show('failed', 'This form has expired: ask for a new one.');",
            "  }",
            "  if (form.getAttribute('data-redirect') === 'true') { return; }",
            "  form.addEventListener('submit', function (event) {",
            "    var f = file.files[0];",
            "    if (!f) { event.preventDefault(); show('failed', 'Choose a file first.'); return; }",
            "    var problem = tooBigOrSmall(f);",
            "    if (problem) { event.preventDefault(); show('failed', problem); return; }",
            "    event.preventDefault();",
            "    var data = new FormData(form);",
            "    var xhr = new XMLHttpRequest();",
            "    var sent = 0;",
            "    xhr.open('POST', form.action);",
            "    xhr.upload.addEventListener('progress', function (e) {",
            "      if (!e.lengthComputable) { return; }",
            "      sent = e.loaded;",
            "      bar.max = e.total;",
            "      bar.value = e.loaded;",
            "      progressText.textContent = Math.floor(100 * e.loaded / e.total) + ' % (' + size(e.loaded) + ' of ' + size(e.total) + ')';",
            "    });",
            "    xhr.addEventListener('load', function () {",
            "      button.disabled = false;",
            "      var doc = xhr.responseXML;",
            "      var code = xmlText(doc, 'Code'), message = xmlText(doc, 'Message');",
            "      var details = 'HTTP ' + xhr.status + ' ' + xhr.statusText + (xhr.responseText ? '\\n\\n' + xhr.responseText : '');",
            "      if (xhr.status >= 200 && xhr.status < 300) {",
            "        bar.value = bar.max;",
            "        var key = xmlText(doc, 'Key');",
            "        show('ok', 'Uploaded ' + f.name + ' (' + size(f.size) + ')' + (key ? ' as ' + key : '') + '.', details);",
            "      } else {",
            "        show('failed', 'The server refused the upload' + (code ? ': ' + code : '') + (message ? ' (' + message + ')' : '') + '.', details);",
            "      }",
            "    });",
            "    xhr.addEventListener('error', function () {",
            "      button.disabled = false;",
            "      if (sent === 0) {",
            "        show('failed', 'The upload could not start from this page (no network, or the bucket does not allow'",
            "            + ' uploads from this page\\'s address by CORS). Sending the form directly instead.');",
            "        form.submit();",
            "      } else {",
            "        show('failed', 'The connection broke after ' + size(sent) + ' were sent: try again.');",
            "      }",
            "    });",
            "    button.disabled = true;",
            "    progress.hidden = false;",
            "    bar.value = 0;",
            "    progressText.textContent = 'Starting...';",
            "    result.hidden = true;",
            "    xhr.send(data);",
            "  });",
            "})();");

    private Html() {
    }

    /**
     * The page.
     *
     * @param form the form
     * @param title the title and heading
     * @param submitLabel the submit button label
     * @return the HTML text
     */
    public static String page(PostForm form, String title, String submitLabel) {
        PostPolicy policy = form.policy();
        long[] range = sizeRange(policy);
        boolean redirect = form.field("success_action_redirect").isPresent()
                || form.field("redirect").isPresent();
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        escape(title, sb);
        sb.append("</title>\n<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n<main>\n<h1>");
        escape(title, sb);
        sb.append("</h1>\n");
        rules(form, policy, range, sb);
        sb.append("<form action=\"");
        escape(form.actionUrl().toString(), sb);
        sb.append("\" method=\"post\" enctype=\"multipart/form-data\" accept-charset=\"UTF-8\" id=\"upload-form\"");
        if (range != null) {
            sb.append(" data-min-size=\"").append(range[0]).append("\" data-max-size=\"").append(range[1]).append('"');
        }
        sb.append(" data-expires=\"").append(policy.expiration()).append('"');
        if (redirect) {
            sb.append(" data-redirect=\"true\"");
        }
        sb.append(">\n");
        int n = 0;
        for (PostForm.Field f : form.fields()) {
            if (f.isEditable()) {
                String id = "field-" + n++;
                sb.append("<label for=\"").append(id).append("\">");
                escape(label(f.name()), sb);
                sb.append("</label>\n<input type=\"text\" id=\"").append(id).append("\" name=\"");
                escape(f.name(), sb);
                sb.append("\" value=\"");
                escape(f.value(), sb);
                sb.append("\">\n");
                String hint = hint(f, policy);
                if (!hint.isEmpty()) {
                    sb.append("<p class=\"hint\">");
                    escape(hint, sb);
                    sb.append("</p>\n");
                }
            } else {
                sb.append("<input type=\"hidden\" name=\"");
                escape(f.name(), sb);
                sb.append("\" value=\"");
                escape(f.value(), sb);
                sb.append("\">\n");
            }
        }
        sb.append("<label for=\"file\">File</label>\n<input type=\"file\" id=\"file\" name=\"file\">\n");
        sb.append("<!-- S3 ignores every field after the file; the submit button has no name, so it is not sent -->\n");
        sb.append("<div><button type=\"submit\">");
        escape(submitLabel, sb);
        sb.append("</button></div>\n</form>\n");
        sb.append("<div id=\"progress\" hidden><progress id=\"progress-bar\" max=\"100\" value=\"0\"></progress>\n")
                .append("<p id=\"progress-text\" class=\"hint\"></p></div>\n");
        sb.append("<div id=\"result\" role=\"status\" aria-live=\"polite\" hidden></div>\n");
        sb.append("<noscript><p class=\"hint\">The browser will show the server's answer on a new page.</p></noscript>\n");
        sb.append("</main>\n<script>\n").append(SCRIPT).append("\n</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** The limits of the policy, in plain words. */
    private static void rules(PostForm form, PostPolicy policy, long[] range, StringBuilder sb) {
        sb.append("<ul class=\"rules\">\n<li><b>Bucket</b> ");
        code(form.bucket(), sb);
        sb.append("</li>\n<li><b>Saved as</b> ");
        escape(keyRule(form, policy), sb);
        sb.append("</li>\n");
        if (range != null) {
            sb.append("<li><b>File size</b> ");
            escape(range[0] == range[1] ? "exactly " + size(range[0])
                    : range[0] <= 0 ? "at most " + size(range[1])
                    : "from " + size(range[0]) + " to " + size(range[1]), sb);
            sb.append("</li>\n");
        }
        for (PostForm.Field f : form.fields()) {
            String lower = f.name().toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") && !f.isEditable()) {
                sb.append("<li><b>File type</b> ");
                code(f.value(), sb);
                sb.append("</li>\n");
            }
        }
        sb.append("<li><b>Works until</b> <time datetime=\"").append(policy.expiration()).append("\">");
        escape(UTC.format(policy.expiration()), sb);
        sb.append("</time></li>\n</ul>\n");
    }

    /** Where the file goes: a fixed key, a key made from the file's name, or a prefix the user may extend. */
    static String keyRule(PostForm form, PostPolicy policy) {
        String key = form.field("key").orElse("");
        boolean editable = false;
        for (PostForm.Field f : form.fields()) {
            if (Ascii.equalsIgnoreCase(f.name(), "key")) {
                editable = f.isEditable();
            }
        }
        String shown = key.replace("${filename}", "\u2039name of your file\u203a");
        if (!editable) {
            return shown;
        }
        String prefix = null;
        for (PolicyCondition c : policy.conditionsOn("key")) {
            if (c.operator() == PolicyCondition.Operator.STARTS_WITH) {
                prefix = c.value();
            }
        }
        if (prefix == null || prefix.isEmpty()) {
            return shown + " (or any name you type below)";
        }
        return shown + " (or any name starting with \u201c" + prefix + "\u201d you type below)";
    }

    private static String hint(PostForm.Field f, PostPolicy policy) {
        StringBuilder hint = new StringBuilder();
        for (PolicyCondition c : policy.conditionsOn(f.name())) {
            if (c.operator() == PolicyCondition.Operator.STARTS_WITH) {
                hint.append(c.value().isEmpty() ? "Any value." : "Must start with \u201c" + c.value() + "\u201d.");
            }
        }
        if (f.value().contains("${filename}")) {
            hint.append(hint.length() == 0 ? "" : " ").append("${filename} becomes the name of the file you choose.");
        }
        return hint.toString();
    }

    private static String label(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        if (lower.equals("key")) {
            return "Name in the bucket";
        }
        if (lower.equals("content-type")) {
            return "Content type";
        }
        return field;
    }

    /** {@code [min, max]} of the policy's content-length-range, or null. */
    private static long[] sizeRange(PostPolicy policy) {
        for (PolicyCondition c : policy.conditions()) {
            if (c.operator() == PolicyCondition.Operator.CONTENT_LENGTH_RANGE) {
                return new long[] {c.min(), c.max()};
            }
        }
        return null;
    }

    /** A byte count in plain words: {@code 10 MiB (10,485,760 bytes)}. */
    static String size(long bytes) {
        String exact = String.format(Locale.ROOT, "%,d %s", bytes, bytes == 1 ? "byte" : "bytes");
        if (bytes < 1024) {
            return exact;
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        String rounded = v >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
        return rounded + " " + units[u] + " (" + exact + ")";
    }

    private static void code(String text, StringBuilder sb) {
        sb.append("<code>");
        escape(text, sb);
        sb.append("</code>");
    }

    /**
     * Appends HTML-escaped text, safe both in element content and in a double- or single-quoted
     * attribute value. CR, LF and TAB become character references so hidden values keep them.
     *
     * @param s the text
     * @param sb the builder
     */
    public static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                case '\n':
                    sb.append("&#10;");
                    break;
                case '\r':
                    sb.append("&#13;");
                    break;
                case '\t':
                    sb.append("&#9;");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append("&#").append((int) c).append(';');
                    } else {
                        sb.append(c);
                    }
            }
        }
    }

    /**
     * HTML-escaped text.
     *
     * @param s the text
     * @return the escaped text
     */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        escape(s, sb);
        return sb.toString();
    }
}
