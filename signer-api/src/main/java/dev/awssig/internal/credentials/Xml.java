package dev.awssig.internal.credentials;

/**
 * Reads the text of elements of the small, flat XML answers of AWS STS ({@code AssumeRoleResponse},
 * {@code ErrorResponse}) without an XML parser: no DTD, no entities beyond the five predefined
 * ones and character references, so nothing is fetched or expanded.
 */
final class Xml {
    private Xml() {
    }

    /**
     * The raw content of the first element with a name. Prefixed names ({@code <sts:Code>}) are
     * not matched: STS answers use a default namespace.
     *
     * @param xml the document
     * @param name the element name
     * @return the content between the start and end tags, or null
     */
    static String element(String xml, String name) {
        int from = 0;
        while (true) {
            int open = xml.indexOf("<" + name, from);
            if (open < 0) {
                return null;
            }
            int after = open + 1 + name.length();
            if (after >= xml.length()) {
                return null;
            }
            char c = xml.charAt(after);
            if (c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                int gt = xml.indexOf('>', after);
                if (gt < 0) {
                    return null;
                }
                if (xml.charAt(gt - 1) == '/') {
                    return "";
                }
                int close = xml.indexOf("</" + name + ">", gt + 1);
                return close < 0 ? null : xml.substring(gt + 1, close);
            }
            from = after;
        }
    }

    /**
     * The text of the first element with a name, entities decoded and whitespace stripped.
     *
     * @param xml the document
     * @param name the element name
     * @return the text, or null when the element is absent
     */
    static String text(String xml, String name) {
        String raw = element(xml, name);
        return raw == null ? null : decode(raw).strip();
    }

    static String decode(String s) {
        if (s.indexOf('&') < 0 && !s.contains("<![CDATA[")) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("<![CDATA[", i)) {
                int end = s.indexOf("]]>", i + 9);
                if (end < 0) {
                    sb.append(s, i, s.length());
                    break;
                }
                sb.append(s, i + 9, end);
                i = end + 3;
                continue;
            }
            char c = s.charAt(i);
            if (c != '&') {
                sb.append(c);
                i++;
                continue;
            }
            int semi = s.indexOf(';', i);
            if (semi < 0 || semi - i > 10) {
                sb.append(c);
                i++;
                continue;
            }
            String entity = s.substring(i + 1, semi);
            String decoded = entity(entity);
            if (decoded == null) {
                sb.append(c);
                i++;
                continue;
            }
            sb.append(decoded);
            i = semi + 1;
        }
        return sb.toString();
    }

    private static String entity(String e) {
        switch (e) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                break;
        }
        try {
            if (e.startsWith("#x") || e.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
            }
            if (e.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(e.substring(1))));
            }
        } catch (IllegalArgumentException ex) {
            return null;
        }
        return null;
    }
}
