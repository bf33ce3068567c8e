package dev.awssig.post.internal;

import dev.awssig.post.PostForm;

/**
 * Renders a {@link PostForm} as a complete HTML page. Internal.
 */
public final class Html {
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
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<title>");
        escape(title, sb);
        sb.append("</title>\n</head>\n<body>\n<h1>");
        escape(title, sb);
        sb.append("</h1>\n<form action=\"");
        escape(form.actionUrl().toString(), sb);
        sb.append("\" method=\"post\" enctype=\"multipart/form-data\" accept-charset=\"UTF-8\">\n");
        int n = 0;
        for (PostForm.Field f : form.fields()) {
            if (f.isEditable()) {
                String id = "field-" + n++;
                sb.append("<label for=\"").append(id).append("\">");
                escape(f.name(), sb);
                sb.append("</label> <input type=\"text\" id=\"").append(id).append("\" name=\"");
                escape(f.name(), sb);
                sb.append("\" value=\"");
                escape(f.value(), sb);
                sb.append("\"><br>\n");
            } else {
                sb.append("<input type=\"hidden\" name=\"");
                escape(f.name(), sb);
                sb.append("\" value=\"");
                escape(f.value(), sb);
                sb.append("\">\n");
            }
        }
        sb.append("<label for=\"file\">File</label> <input type=\"file\" id=\"file\" name=\"file\"><br>\n");
        sb.append("<!-- S3 ignores every field after the file; the submit button has no name, so it is not sent -->\n");
        sb.append("<button type=\"submit\">");
        escape(submitLabel, sb);
        sb.append("</button>\n</form>\n</body>\n</html>\n");
        return sb.toString();
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
