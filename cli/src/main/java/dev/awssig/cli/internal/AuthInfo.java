package dev.awssig.cli.internal;

import dev.awssig.SignableRequest;
import dev.awssig.internal.UriEncoding;

/** What authentication a received request carries: algorithm, access key id and (SigV4) scope. */
final class AuthInfo {
    final Algorithm algorithm;
    final boolean presigned;
    final String accessKeyId;
    /** SigV4 scope parts (date, region, service), or null. */
    final String scopeDate;
    final String region;
    final String service;
    /** SigV4 signed header names separated by ';', or null. */
    final String signedHeaders;
    /** SigV4 X-Amz-Date (header or query), or null. */
    final String amzDate;

    private AuthInfo(Algorithm algorithm, boolean presigned, String accessKeyId, String credentialScope,
                     String signedHeaders, String amzDate) {
        this.algorithm = algorithm;
        this.presigned = presigned;
        this.accessKeyId = accessKeyId;
        this.signedHeaders = signedHeaders;
        this.amzDate = amzDate;
        String[] scope = credentialScope == null ? new String[0] : credentialScope.split("/");
        this.scopeDate = scope.length > 0 ? scope[0] : null;
        this.region = scope.length > 1 ? scope[1] : null;
        this.service = scope.length > 2 ? scope[2] : null;
    }

    /**
     * Reads the authentication of a request.
     *
     * @return the info, or null when the request carries none
     */
    static AuthInfo of(SignableRequest r) {
        String auth = r.headers().firstValue("Authorization").orElse(null);
        if (auth != null) {
            String a = auth.strip();
            if (a.startsWith("AWS4-HMAC-SHA256")) {
                String credential = param(a, "Credential=");
                String akid = null;
                String scope = null;
                if (credential != null) {
                    int slash = credential.indexOf('/');
                    akid = slash < 0 ? credential : credential.substring(0, slash);
                    scope = slash < 0 ? null : credential.substring(slash + 1);
                }
                return new AuthInfo(Algorithm.V4, false, akid, scope, param(a, "SignedHeaders="),
                        r.headers().firstValue("X-Amz-Date").orElse(null));
            }
            if (a.startsWith("AWS ")) {
                String rest = a.substring(4).strip();
                int colon = rest.lastIndexOf(':');
                return new AuthInfo(Algorithm.V2, false, colon < 0 ? rest : rest.substring(0, colon), null, null, null);
            }
            int sp = a.indexOf(' ');
            throw new UserException("the Authorization header uses '" + (sp < 0 ? a : a.substring(0, sp))
                    + "', which awssig does not verify (AWS4-HMAC-SHA256 or AWS)");
        }
        String q = r.rawQuery().orElse("");
        if (q.isEmpty()) {
            return null;
        }
        String algorithm = query(q, "X-Amz-Algorithm");
        if (algorithm != null) {
            String credential = query(q, "X-Amz-Credential");
            String akid = null;
            String scope = null;
            if (credential != null) {
                int slash = credential.indexOf('/');
                akid = slash < 0 ? credential : credential.substring(0, slash);
                scope = slash < 0 ? null : credential.substring(slash + 1);
            }
            return new AuthInfo(Algorithm.V4, true, akid, scope, query(q, "X-Amz-SignedHeaders"),
                    query(q, "X-Amz-Date"));
        }
        String akid = query(q, "AWSAccessKeyId");
        if (akid != null && query(q, "Signature") != null) {
            if (query(q, "SignatureVersion") != null || query(q, "SignatureMethod") != null) {
                return new AuthInfo(Algorithm.V2_QUERY, true, akid, null, null, null);
            }
            return new AuthInfo(Algorithm.V2, true, akid, null, null, null);
        }
        return null;
    }

    private static String param(String auth, String key) {
        int i = auth.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = auth.indexOf(',', start);
        return (end < 0 ? auth.substring(start) : auth.substring(start, end)).strip();
    }

    /** The decoded value of a query parameter (first occurrence, case-sensitive name). */
    static String query(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String n = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), false);
            if (n.equals(name)) {
                return eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1), false);
            }
        }
        return null;
    }
}
