package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import java.util.List;

/** Checks shared by the DevPay signer and presigner. */
final class Decoration {
    private Decoration() {
    }

    /**
     * Requires an inner algorithm that can carry DevPay tokens: an S3 signer (SigV2 or SigV4, or
     * another that signs {@code x-amz-*} headers), not the query API's SigV2, which signs no
     * header, and not a DevPay decorator again.
     */
    static String requireDecoratable(String innerAlgorithm, String what) {
        if (innerAlgorithm == null || innerAlgorithm.isBlank()) {
            throw new IllegalArgumentException(what + ": names no algorithm");
        }
        if (innerAlgorithm.startsWith(Algorithms.DEVPAY_PREFIX)) {
            throw new IllegalArgumentException(what + ": is already a DevPay decorator (" + innerAlgorithm
                    + "); decorate the plain signer once");
        }
        if (Algorithms.SIGV2_QUERY.equals(innerAlgorithm)) {
            throw new IllegalArgumentException(what + ": " + innerAlgorithm + " (the query API's Signature"
                    + " Version 2) signs no x-amz-* header, so it cannot sign DevPay tokens; DevPay is for S3:"
                    + " use " + Algorithms.SIGV2_S3 + " or " + Algorithms.SIGV4);
        }
        return innerAlgorithm;
    }

    /** Refuses a request that already carries an x-amz-security-token (header or parameter). */
    static void requireNoToken(SignableRequest request) {
        if (request.headers().contains(SecurityToken.NAME)) {
            throw new IllegalArgumentException("request: already has an " + SecurityToken.NAME
                    + " header; the DevPay decorator adds it from the DevPay tokens");
        }
        if (!SecurityToken.queryValues(request.rawQuery().orElse(null)).isEmpty()) {
            throw new IllegalArgumentException("request: already has an " + SecurityToken.NAME
                    + " query parameter; the DevPay decorator adds it from the DevPay tokens");
        }
    }

    /**
     * Whether what the inner signer reports as signed covers the token: the SigV4 signed-header
     * list names it, or the canonical request / string to sign has it as a header line (SigV2,
     * where the token is part of the canonicalized amz headers). The canonical request is read
     * only when there is no signed-header list, as a signer may compute it on demand.
     */
    static boolean signsHeader(SignedRequest signed) {
        List<String> signedHeaders = signed.signedHeaders();
        if (!signedHeaders.isEmpty()) {
            return signedHeaders.contains(SecurityToken.NAME);
        }
        String canonical = signed.canonicalRequest();
        return canonical != null && (canonical.startsWith(SecurityToken.NAME + ':')
                || canonical.contains('\n' + SecurityToken.NAME + ':'));
    }

    /**
     * Whether the canonical request / string to sign of a presigned URL covers the token: as a
     * header line (SigV2 treats the parameter as a header) or in the canonical query (SigV4).
     */
    static boolean signsParameter(String canonical, String queryName) {
        if (canonical == null) {
            return false;
        }
        return canonical.contains('\n' + SecurityToken.NAME + ':') || canonical.contains(queryName + '=');
    }
}
