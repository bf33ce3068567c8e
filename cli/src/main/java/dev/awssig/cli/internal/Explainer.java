package dev.awssig.cli.internal;

import dev.awssig.internal.UriEncoding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares the canonical request and string to sign we computed with the ones a server returned
 * in a {@code SignatureDoesNotMatch} error, line by line, and names the usual causes of each
 * difference.
 */
final class Explainer {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final List<String> causes = new ArrayList<>();

    private Explainer() {
    }

    /** A line diff: lines starting with two spaces are equal, '-' ours only, '+' the server's only. */
    static List<String> diff(String ours, String server) {
        String[] a = ours.split("\n", -1);
        String[] b = server.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add("  " + visible(a[i]));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add("- " + visible(a[i]));
                i++;
            } else {
                out.add("+ " + visible(b[j]));
                j++;
            }
        }
        while (i < a.length) {
            out.add("- " + visible(a[i++]));
        }
        while (j < b.length) {
            out.add("+ " + visible(b[j++]));
        }
        return out;
    }

    /** Shows a CR, tab or trailing space that would otherwise be invisible. */
    static String visible(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                sb.append(c);
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        if (end < sb.length()) {
            sb.setLength(end);
            sb.append("\u00b7".repeat(line.length() - line.stripTrailing().length()));
        }
        return sb.toString();
    }

    /**
     * The likely causes of the differences between a SigV4 canonical request and string to sign
     * pair (ours and the server's; either canonical request may be null).
     */
    static List<String> sigV4Causes(String ourCr, String serverCr, String ourSts, String serverSts) {
        Explainer e = new Explainer();
        boolean crDiffers = ourCr != null && serverCr != null && !ourCr.equals(serverCr);
        if (crDiffers) {
            e.compareCanonicalRequests(ourCr, serverCr);
        }
        if (ourSts != null && serverSts != null) {
            e.compareSigV4StringsToSign(ourSts, serverSts, crDiffers || (ourCr == null || serverCr == null));
        }
        if (e.causes.isEmpty()) {
            e.causes.add(sameInputs());
        }
        return e.causes;
    }

    /** The likely causes of the differences between two SigV2 strings to sign (ours, the server's). */
    static List<String> sigV2Causes(String ourSts, String serverSts) {
        Explainer e = new Explainer();
        if (ourSts != null && serverSts != null && !ourSts.equals(serverSts)) {
            e.compareSigV2(ourSts, serverSts);
        }
        if (e.causes.isEmpty()) {
            e.causes.add(sameInputs());
        }
        return e.causes;
    }

    private static String sameInputs() {
        return "Your canonical request and string to sign are identical to the server's, so the signature differs"
                + " only because of the key: the secret access key used to sign is not the one the server has for"
                + " this access key id (a wrong or rotated secret, a stray space or newline copied into the secret,"
                + " or a session token that belongs to other credentials).";
    }

    private void compareCanonicalRequests(String ours, String server) {
        Cr a = Cr.parse(ours);
        Cr b = Cr.parse(server);
        if (!a.method.equals(b.method)) {
            causes.add("The HTTP method differs (you signed " + a.method + ", the server received " + b.method
                    + "): a presigned URL is only valid for the method it was signed for, and a redirect or client"
                    + " library may turn a PUT or POST into a GET.");
        }
        if (!a.path.equals(b.path)) {
            comparePaths(a.path, b.path);
        }
        if (!a.query.equals(b.query)) {
            compareQueries(a.query, b.query);
        }
        if (!a.signedHeaders.equals(b.signedHeaders)) {
            causes.add("The lists of signed headers differ (yours: " + a.signedHeaders + "; the server's: "
                    + b.signedHeaders + "): the server signs the headers your Authorization header names, so this"
                    + " usually means the request was re-signed or its Authorization header was rewritten on the way.");
        }
        for (Map.Entry<String, String> h : a.headers.entrySet()) {
            String name = h.getKey();
            String theirs = b.headers.get(name);
            if (theirs == null) {
                if (b.signedHeaders.contains(name)) {
                    causes.add(headerMissing(name));
                }
                continue;
            }
            if (!theirs.equals(h.getValue())) {
                causes.add(headerChanged(name, h.getValue(), theirs));
            }
        }
        if (!a.payloadHash.equals(b.payloadHash)) {
            comparePayloadHashes(a.payloadHash, b.payloadHash);
        }
    }

    private void comparePaths(String ours, String server) {
        String da = UriEncoding.decode(ours, false);
        String db = UriEncoding.decode(server, false);
        boolean twice = (ours.contains("%25") && da.equals(server)) || (server.contains("%25") && db.equals(ours));
        if (twice) {
            causes.add("The path is encoded a different number of times (yours: " + ours + ", the server's: " + server
                    + "): S3 encodes the object key exactly once, while other services encode the path twice. Make"
                    + " sure the key is not percent-encoded before it is given to the signer (or use --service s3).");
        } else if (da.equals(db)) {
            causes.add("The object key is percent-encoded differently (yours: " + ours + ", the server's: " + server
                    + "): every byte except A-Z a-z 0-9 - . _ ~ and '/' must be encoded, with upper-case hex; a"
                    + " space is %20, never '+'; characters such as $ & + , : ; = @ ! * ' ( ) must be encoded too.");
        } else if (db.endsWith(da) || da.endsWith(db)) {
            causes.add("One path contains the other (yours: " + ours + ", the server's: " + server + "): the request"
                    + " was signed for virtual-hosted style (bucket in the host name) and sent path-style (bucket in"
                    + " the path), or the reverse, or a proxy adds or strips a path prefix. Sign the exact URL you"
                    + " send (--path-style for path-style).");
        } else {
            causes.add("The path differs (yours: " + ours + ", the server's: " + server + "): the request was sent"
                    + " to another URL than the one signed, or a proxy rewrote the path (normalising '//', '.' or"
                    + " '..' segments, which S3 does not do).");
        }
    }

    private void compareQueries(String ours, String server) {
        Map<String, String> a = params(ours);
        Map<String, String> b = params(server);
        if (a.keySet().equals(b.keySet()) && decodedEqual(a, b)) {
            causes.add("The query string is encoded differently (yours: " + ours + ", the server's: " + server
                    + "): names and values must be percent-encoded with upper-case hex, a space as %20 (not '+'),"
                    + " and the parameters sorted by name.");
            return;
        }
        List<String> onlyOurs = new ArrayList<>();
        List<String> onlyTheirs = new ArrayList<>();
        for (String k : a.keySet()) {
            if (!b.containsKey(k)) {
                onlyOurs.add(k);
            }
        }
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                onlyTheirs.add(k);
            }
        }
        if (!onlyOurs.isEmpty() || !onlyTheirs.isEmpty()) {
            causes.add("The query parameters differ" + (onlyOurs.isEmpty() ? "" : " (only yours: " + onlyOurs + ")")
                    + (onlyTheirs.isEmpty() ? "" : " (only the server's: " + onlyTheirs + ")")
                    + ": sign the query exactly as sent; a client library or proxy may add parameters (for"
                    + " example x-id or a cache buster) after signing.");
        } else {
            causes.add("A query parameter value differs (yours: " + ours + ", the server's: " + server
                    + "): the URL was changed after signing.");
        }
    }

    private static boolean decodedEqual(Map<String, String> a, Map<String, String> b) {
        for (Map.Entry<String, String> e : a.entrySet()) {
            String x = UriEncoding.decode(e.getValue().replace("+", "%20"), false);
            String y = UriEncoding.decode(b.get(e.getKey()).replace("+", "%20"), false);
            if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return m;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            m.merge(UriEncoding.decode(name.replace("+", "%20"), false), eq < 0 ? "" : pair.substring(eq + 1),
                    (x, y) -> x + "&" + y);
        }
        return m;
    }

    private static String headerMissing(String name) {
        return "The signed header '" + name + "' reached the server empty or not at all: a proxy, load balancer or"
                + " client library dropped it after signing.";
    }

    private static String headerChanged(String name, String ours, String theirs) {
        String quoted = " (yours: '" + ours + "', the server's: '" + theirs + "')";
        if (collapse(ours).equals(collapse(theirs))) {
            return "The value of '" + name + "' differs only in whitespace" + quoted + ": the canonical form trims"
                    + " the value and collapses runs of spaces to one; a signer that skips this, or a proxy that"
                    + " reformats the header, breaks the signature.";
        }
        switch (name) {
            case "host":
                return "The Host header differs" + quoted + ": a port was added or dropped (:443, :80 or a custom"
                        + " port), the request went through a proxy that rewrote Host, or it was signed for"
                        + " virtual-hosted style and sent path-style (or to another endpoint or region).";
            case "x-amz-date":
                return "The signing time differs" + quoted + ": the X-Amz-Date header was changed or the request"
                        + " was re-signed; sign and send the same request.";
            case "content-type":
                return "Content-Type changed in transit" + quoted + ": a client library or proxy set or rewrote it"
                        + " (a '; charset=UTF-8' appended, or curl's application/x-www-form-urlencoded default);"
                        + " set it explicitly before signing.";
            case "content-length":
                return "Content-Length differs" + quoted + ": the body that arrived is not the body that was signed"
                        + " (re-encoded, compressed, or chunked by a proxy).";
            case "content-md5":
            case "x-amz-content-sha256":
                return "The body checksum header '" + name + "' differs" + quoted + ": the body or its hash was"
                        + " changed after signing.";
            case "x-amz-security-token":
                return "The session token differs: the request was signed with one set of temporary credentials"
                        + " and sent with another token.";
            default:
                return "The header '" + name + "' was changed in transit" + quoted + ": a proxy or client library"
                        + " rewrote it after signing; sign the value that is actually sent, or do not sign that header.";
        }
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private void comparePayloadHashes(String ours, String server) {
        if (ours.equals("UNSIGNED-PAYLOAD") || server.equals("UNSIGNED-PAYLOAD")) {
            causes.add("One side signs UNSIGNED-PAYLOAD and the other a body hash (yours: " + ours + ", the server's: "
                    + server + "): send x-amz-content-sha256 with the value that was signed.");
        } else if (server.equals(EMPTY_SHA256)) {
            causes.add("The server hashed an empty body but you signed a non-empty one: the body was dropped on the"
                    + " way (a redirect turned the request into a GET, or a proxy did not forward it).");
        } else {
            causes.add("The payload hash differs (yours: " + ours + ", the server's: " + server + "): the body the"
                    + " server received is not the body that was signed (re-encoded, compressed, line endings"
                    + " changed), or x-amz-content-sha256 was computed over other bytes.");
        }
    }

    private void compareSigV4StringsToSign(String ours, String server, boolean canonicalDiffers) {
        String[] a = ours.split("\n", -1);
        String[] b = server.split("\n", -1);
        if (a.length < 4 || b.length < 4) {
            if (!ours.equals(server)) {
                causes.add("The strings to sign differ in shape; the server may not use SigV4 (AWS4-HMAC-SHA256).");
            }
            return;
        }
        if (!a[0].equals(b[0])) {
            causes.add("The algorithm differs (yours: " + a[0] + ", the server's: " + b[0] + ").");
        }
        if (!a[1].equals(b[1])) {
            causes.add("The request time differs (yours: " + a[1] + ", the server's: " + b[1] + "): the clock of the"
                    + " signing machine is off, a fixed --time was used, or X-Amz-Date was replaced after signing.");
        }
        if (!a[2].equals(b[2])) {
            String[] sa = a[2].split("/", -1);
            String[] sb = b[2].split("/", -1);
            if (sa.length == 4 && sb.length == 4) {
                if (!sa[1].equals(sb[1])) {
                    causes.add("The region in the credential scope differs (yours: " + sa[1] + ", the server's: "
                            + sb[1] + "): sign for the region the bucket or endpoint is in (--region " + sb[1] + ").");
                }
                if (!sa[2].equals(sb[2])) {
                    causes.add("The service in the credential scope differs (yours: " + sa[2] + ", the server's: "
                            + sb[2] + "): sign with the service's signing name (--service " + sb[2] + ").");
                }
                if (!sa[0].equals(sb[0])) {
                    causes.add("The date in the credential scope differs (yours: " + sa[0] + ", the server's: "
                            + sb[0] + "): the scope date must be the UTC date of X-Amz-Date; check the clock and the"
                            + " time zone (signing near midnight with a local date is a classic).");
                }
                if (!sa[3].equals(sb[3])) {
                    causes.add("The scope terminator differs (yours: " + sa[3] + ", the server's: " + sb[3] + ").");
                }
            } else if (sa.length == 3 && sb.length == 3) { // SigV4a: date/service/aws4_request
                if (!sa[1].equals(sb[1])) {
                    causes.add("The service in the credential scope differs (yours: " + sa[1] + ", the server's: "
                            + sb[1] + "): sign with the service's signing name (--service " + sb[1] + ").");
                }
                if (!sa[0].equals(sb[0])) {
                    causes.add("The date in the credential scope differs (yours: " + sa[0] + ", the server's: "
                            + sb[0] + "): the scope date must be the UTC date of X-Amz-Date.");
                }
            } else {
                causes.add("The credential scope differs (yours: " + a[2] + ", the server's: " + b[2] + ").");
            }
        }
        if (!a[3].equals(b[3]) && !canonicalDiffers) {
            causes.add("The hash of the canonical request differs although the canonical requests shown are equal:"
                    + " they differ in bytes that do not print (a CR before the line feeds, a trailing space, or"
                    + " a non-ASCII character in another normal form).");
        }
    }

    private void compareSigV2(String ours, String server) {
        String[] a = ours.split("\n", -1);
        String[] b = server.split("\n", -1);
        if (a.length < 5 || b.length < 5) {
            causes.add("The strings to sign differ in shape; check that both sides use S3 Signature Version 2.");
            return;
        }
        if (!a[0].equals(b[0])) {
            causes.add("The HTTP method differs (you signed " + a[0] + ", the server received " + b[0] + ").");
        }
        if (!a[1].equals(b[1])) {
            causes.add("Content-MD5 differs (yours: '" + a[1] + "', the server's: '" + b[1] + "'): the header was"
                    + " added, dropped or changed after signing.");
        }
        if (!a[2].equals(b[2])) {
            causes.add("Content-Type differs (yours: '" + a[2] + "', the server's: '" + b[2] + "'): SigV2 signs it;"
                    + " a client library or proxy set or rewrote it (curl adds application/x-www-form-urlencoded to"
                    + " a body unless told not to). Set it explicitly before signing.");
        }
        if (!a[3].equals(b[3])) {
            causes.add("The date line differs (yours: '" + a[3] + "', the server's: '" + b[3] + "'): the Date header"
                    + " was replaced by a proxy or client, or one side uses x-amz-date (then this line is empty), or"
                    + " Expires of a presigned URL changed.");
        }
        List<String> amzA = List.of(a).subList(4, a.length - 1);
        List<String> amzB = List.of(b).subList(4, b.length - 1);
        if (!amzA.equals(amzB)) {
            causes.add("The x-amz-* headers differ (yours: " + amzA + ", the server's: " + amzB + "): SigV2 signs every"
                    + " x-amz-* header, lower-cased, sorted and with repeated headers joined by commas; one was added"
                    + " or changed after signing.");
        }
        String ra = a[a.length - 1];
        String rb = b[b.length - 1];
        if (!ra.equals(rb)) {
            String base = "The resource differs (yours: " + ra + ", the server's: " + rb + "): ";
            if (UriEncoding.decode(ra, false).equals(UriEncoding.decode(rb, false))) {
                causes.add(base + "the key is encoded differently; it must be signed as sent on the wire.");
            } else if (rb.endsWith(ra) || ra.endsWith(rb)) {
                causes.add(base + "SigV2 signs /bucket/key even for virtual-hosted requests; the bucket is missing on"
                        + " one side.");
            } else {
                causes.add(base + "only sub-resources such as ?acl, ?versionId=, ?uploads are signed; the key or the"
                        + " sub-resources differ.");
            }
        }
    }

    /** The parts of a SigV4 canonical request. */
    static final class Cr {
        String method = "";
        String path = "";
        String query = "";
        final Map<String, String> headers = new LinkedHashMap<>();
        String signedHeaders = "";
        String payloadHash = "";

        static Cr parse(String cr) {
            Cr c = new Cr();
            String[] lines = cr.split("\n", -1);
            if (lines.length > 0) {
                c.method = lines[0];
            }
            if (lines.length > 1) {
                c.path = lines[1];
            }
            if (lines.length > 2) {
                c.query = lines[2];
            }
            int i = 3;
            while (i < lines.length && !lines[i].isEmpty()) {
                String l = lines[i];
                int colon = l.indexOf(':');
                if (colon > 0) {
                    c.headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1));
                }
                i++;
            }
            if (lines.length >= 2 && i < lines.length) {
                c.signedHeaders = lines.length - 2 > i ? lines[lines.length - 2] : "";
                c.payloadHash = lines[lines.length - 1];
            }
            return c;
        }
    }
}
