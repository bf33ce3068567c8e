package dev.awssig.fuzz;

import dev.awssig.SignableRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a SigV4 (or SigV4a) signature covers, read from a request the way an application reads
 * it, independently of the code under test: the method; the path decoded to bytes (for services
 * other than S3 after removing dot segments and empty segments, which SigV4 normalises); the
 * query's parameters decoded ('+' a space) and sorted, without X-Amz-Signature; the values of the
 * headers the original signed (ASCII-case names, trimall, values of one name joined with ',');
 * the body's SHA-256 when the payload is signed. Two requests with the same view are the same
 * request to an application; a changed view that still verifies is a forgery.
 */
final class SigV4View {
    private SigV4View() {
    }

    /**
     * The view of {@code q} over the parts {@code original} signed; null when some part cannot be
     * read (an escape that is not one, a lone surrogate).
     */
    static String of(SignableRequest original, SignableRequest q) {
        String auth = Fuzz.values(original, "authorization").stream().findFirst().orElse(null);
        List<String> originalQuery = paramsRaw(original.rawQuery().orElse(""));
        String signedHeaders;
        String credential;
        boolean presigned = auth == null;
        if (presigned) {
            signedHeaders = rawValue(originalQuery, "X-Amz-SignedHeaders").replace("%3B", ";");
            credential = rawValue(originalQuery, "X-Amz-Credential").replace("%2F", "/");
        } else {
            signedHeaders = component(auth, "SignedHeaders=");
            credential = component(auth, "Credential=");
        }
        // the part before aws4_request: SigV4's scope has a region before it, SigV4a's none
        String[] scope = credential.split("/");
        String service = scope[scope.length - 2];
        boolean s3 = service.equals("s3");
        StringBuilder sb = new StringBuilder();
        sb.append(q.method()).append('\n');
        String path = s3 ? q.rawPath() : normalize(q.rawPath());
        String decodedPath = Fuzz.decodedHex(path, false);
        if (decodedPath == null) {
            return null;
        }
        sb.append(decodedPath).append('\n');
        List<String> params = Fuzz.params(q.rawQuery().orElse(null), true, "X-Amz-Signature");
        if (params == null) {
            return null;
        }
        sb.append(params).append('\n');
        for (String name : signedHeaders.split(";")) {
            List<String> values = Fuzz.values(q, name);
            if (values.isEmpty() && name.equals("host")) {
                values = List.of(q.hostHeaderValue());
            }
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(Fuzz.trimAll(v));
            }
            sb.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        String sha = Fuzz.values(original, "x-amz-content-sha256").stream().findFirst().orElse(null);
        boolean bodySigned = sha == null ? !(presigned && s3) : sha.matches("[0-9a-f]{64}");
        if (bodySigned) {
            sb.append(Fuzz.body(q));
        }
        return sb.toString();
    }

    /** Dot segments and empty segments removed (the documented SigV4 normalisation of other services). */
    static String normalize(String raw) {
        List<String> segments = new ArrayList<>();
        for (String s : raw.split("/", -1)) {
            if (s.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(s);
        }
        if (segments.isEmpty() || raw.endsWith("/")) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static List<String> paramsRaw(String query) {
        List<String> out = new ArrayList<>();
        for (String p : query.split("&")) {
            out.add(p);
        }
        return out;
    }

    private static String rawValue(List<String> params, String name) {
        for (String p : params) {
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name);
    }

    private static String component(String auth, String key) {
        int at = auth.indexOf(key);
        int end = auth.indexOf(',', at);
        return auth.substring(at + key.length(), end < 0 ? auth.length() : end).trim();
    }
}
