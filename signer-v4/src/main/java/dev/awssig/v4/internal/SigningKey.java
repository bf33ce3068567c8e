package dev.awssig.v4.internal;

import dev.awssig.internal.BoundedCache;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.SigningKeys;
import dev.awssig.internal.UriEncoding;
import javax.crypto.spec.SecretKeySpec;

/**
 * A derived SigV4 signing key with its scope, ready for a keyed {@code Mac}. Immutable.
 */
public final class SigningKey {
    /**
     * The keys built last, with their pads and prefixes, so that a verifier (which has no signer's
     * last key) does not rebuild them for every request; bounded like the derived keys.
     */
    private static final BoundedCache<Id, SigningKey> BUILT = new BoundedCache<>(SigningKeys.DEFAULT_CAPACITY);

    final String secret;
    final String accessKeyId;
    final String dateStamp;
    final String region;
    final String service;
    final String scope;
    final SecretKeySpec spec;
    /** The HMAC-SHA256 inner and outer pads of the key (RFC 2104): key XOR 0x36 and XOR 0x5c, 64 bytes. */
    final byte[] innerPad;
    final byte[] outerPad;
    /** {@code AWS4-HMAC-SHA256 Credential=<id>/<scope>, SignedHeaders=}. */
    final String authorizationPrefix;
    /** {@code <id>/<scope>} percent-encoded, the value of {@code X-Amz-Credential}. */
    final String encodedCredential;
    /** Whether {@link #authorizationPrefix} has no CR, LF or NUL (so Authorization values built on it are valid). */
    final boolean prefixIsHeaderSafe;
    /** {@link #authorizationPrefix} as bytes when it is ASCII (so one byte per char), else null. */
    final byte[] authorizationPrefixAscii;

    private SigningKey(String accessKeyId, String secret, String dateStamp, String region, String service) {
        this.secret = secret;
        this.accessKeyId = accessKeyId;
        this.dateStamp = dateStamp;
        this.region = region;
        this.service = service;
        this.scope = dateStamp + '/' + region + '/' + service + "/aws4_request";
        byte[] derived = SigningKeys.shared().get(secret, dateStamp, region, service);
        this.spec = new SecretKeySpec(derived, Crypto.HMAC_SHA256);
        // the derived key is 32 bytes, shorter than the 64-byte block: padded with zeros, not hashed
        this.innerPad = new byte[64];
        this.outerPad = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte k = i < derived.length ? derived[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        this.authorizationPrefix = "AWS4-HMAC-SHA256 Credential=" + accessKeyId + '/' + scope + ", SignedHeaders=";
        this.encodedCredential = UriEncoding.encode(accessKeyId + '/' + scope, false);
        this.prefixIsHeaderSafe = authorizationPrefix.indexOf('\r') < 0 && authorizationPrefix.indexOf('\n') < 0
                && authorizationPrefix.indexOf(0) < 0;
        this.authorizationPrefixAscii = authorizationPrefix.chars().allMatch(c -> c < 0x80)
                ? authorizationPrefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII) : null;
    }

    /**
     * The key for a scope, from a bounded cache of built keys over the shared bounded cache of
     * derived keys.
     *
     * @param accessKeyId the access key id
     * @param secret the secret access key
     * @param dateStamp {@code yyyyMMdd}
     * @param region the region
     * @param service the service
     * @return the key
     */
    public static SigningKey of(String accessKeyId, String secret, String dateStamp, String region, String service) {
        return BUILT.get(new Id(accessKeyId, secret, dateStamp, region, service),
                id -> new SigningKey(id.accessKeyId, id.secret, id.dateStamp, id.region, id.service));
    }

    /** What a built key is a function of. */
    private record Id(String accessKeyId, String secret, String dateStamp, String region, String service) {
        @Override
        public String toString() {
            return "Id[" + accessKeyId + "/" + dateStamp + "/" + region + "/" + service + "]";
        }
    }

    boolean matches(String id, String sec, String date, String reg, String svc) {
        return secret.equals(sec) && accessKeyId.equals(id) && dateStamp.equals(date) && region.equals(reg)
                && service.equals(svc);
    }

    /**
     * The credential scope {@code date/region/service/aws4_request}.
     *
     * @return the scope
     */
    public String scope() {
        return scope;
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "SigningKey[" + scope + "]";
    }
}
