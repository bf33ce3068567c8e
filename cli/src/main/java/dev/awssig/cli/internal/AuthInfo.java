package dev.awssig.cli.internal;

import dev.awssig.Algorithms;
import dev.awssig.SignableRequest;
import dev.awssig.internal.UriEncoding;

/** What authentication a received request carries: algorithm, access key id and (SigV4, SigV4a) scope. */
final class AuthInfo {
    /** The name of SigV4a's region set, a header or (presigned) a query parameter. */
    static final String REGION_SET = "X-Amz-Region-Set";

    final Algorithm algorithm;
    final boolean presigned;
    final String accessKeyId;
    /** Scope parts: date, region (SigV4 only: SigV4a's scope has none) and service, or null. */
    final String scopeDate;
    final String region;
    final String service;
    /** SigV4a's region set (header or query), or null. */
    final String regionSet;
    /** SigV4 signed header names separated by ';', or null. */
    final String signedHeaders;
    /** SigV4 X-Amz-Date (header or query), or null. */
    final String amzDate;

    private AuthInfo(Algorithm algorithm, boolean presigned, String accessKeyId, String credentialScope,
                     String signedHeaders, String amzDate, String regionSet) {
        this.algorithm = algorithm;
        this.presigned = presigned;
        this.accessKeyId = accessKeyId;
        this.signedHeaders = signedHeaders;
        this.amzDate = amzDate;
        this.regionSet = regionSet;
        String[] scope = credentialScope == null ? new String[0] : credentialScope.split("/");
        // SigV4: date/region/service/aws4_request; SigV4a: date/service/aws4_request
        int serviceAt = algorithm == Algorithm.V4A ? 1 : 2;
        this.scopeDate = scope.length > 0 ? scope[0] : null;
        this.region = algorithm == Algorithm.V4A || scope.length <= 1 ? null : scope[1];
        this.service = scope.length > serviceAt ? scope[serviceAt] : null;
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
            Algorithm v4 = a.startsWith(Algorithms.SIGV4A) ? Algorithm.V4A
                    : a.startsWith(Algorithms.SIGV4) ? Algorithm.V4 : null;
            if (v4 != null) {
                String credential = param(a, "Credential=");
                String akid = null;
                String scope = null;
                if (credential != null) {
                    int slash = credential.indexOf('/');
                    akid = slash < 0 ? credential : credential.substring(0, slash);
                    scope = slash < 0 ? null : credential.substring(slash + 1);
                }
                return new AuthInfo(v4, false, akid, scope, param(a, "SignedHeaders="),
                        r.headers().firstValue("X-Amz-Date").orElse(null),
                        r.headers().firstValue(REGION_SET).orElse(null));
            }
            if (a.startsWith("AWS ")) {
                String rest = a.substring(4).strip();
                int colon = rest.lastIndexOf(':');
                return new AuthInfo(Algorithm.V2, false, colon < 0 ? rest : rest.substring(0, colon), null, null, null,
                        null);
            }
            int sp = a.indexOf(' ');
            throw new UserException("the Authorization header uses '" + (sp < 0 ? a : a.substring(0, sp))
                    + "', which awssig does not verify (" + Algorithms.SIGV4 + ", " + Algorithms.SIGV4A + " or AWS)");
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
            // any other X-Amz-Algorithm is SigV4's verifier to refuse, with S3's code
            Algorithm v4 = Algorithms.SIGV4A.equals(algorithm) ? Algorithm.V4A : Algorithm.V4;
            return new AuthInfo(v4, true, akid, scope, query(q, "X-Amz-SignedHeaders"), query(q, "X-Amz-Date"),
                    query(q, REGION_SET));
        }
        String akid = query(q, "AWSAccessKeyId");
        if (akid != null && query(q, "Signature") != null) {
            if (query(q, "SignatureVersion") != null || query(q, "SignatureMethod") != null) {
                return new AuthInfo(Algorithm.V2_QUERY, true, akid, null, null, null, null);
            }
            return new AuthInfo(Algorithm.V2, true, akid, null, null, null, null);
        }
        return null;
    }

    /**
     * The region a verifier of this request expects: the one asked for, else the one the SigV4
     * scope names, else (SigV4) the one of the host or the environment. SigV4a's scope names no
     * region: without one asked for, any region of the request's region set is accepted (null).
     */
    String verifierRegion(CliEnvironment env, String asked, SignableRequest request) {
        if (asked != null) {
            return asked;
        }
        if (algorithm == Algorithm.V4A) {
            return null;
        }
        return region != null ? region : Setup.region(env, null, request.host());
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
