package dev.awssig.v2.internal;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.internal.Redaction;
import dev.awssig.internal.Timestamps;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v2.V2Options;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@link dev.awssig.v2.QueryV2Signer}: signs the query API's parameters with
 * {@code SignatureVersion=2}, as that class documents. Immutable and thread-safe.
 */
public final class QueryV2SigningEngine {
    private static final Logger LOG = LoggerFactory.getLogger(QueryV2SigningEngine.class);
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private final CredentialsProvider credentials;
    private final Clock clock;
    private final String signatureMethod;

    /**
     * An engine for a config's credentials provider, clock and {@link V2Options#SIGNATURE_METHOD}.
     *
     * @param config the config
     * @throws IllegalArgumentException if the config has no credentials provider or the signature
     *         method is neither {@code HmacSHA256} nor {@code HmacSHA1}
     */
    public QueryV2SigningEngine(SigningConfig config) {
        this.credentials = config.requireCredentialsProvider();
        this.clock = config.clock();
        this.signatureMethod = new Settings(config).signatureMethod;
    }

    /**
     * Signs the request's parameters (see {@link dev.awssig.v2.QueryV2Signer#sign}).
     *
     * @param request the request, not null
     * @return the signed request
     */
    public SignedRequest sign(SignableRequest request) {
        boolean post = "POST".equals(request.method());
        String rawQuery = request.rawQuery().orElse(null);
        Params params;
        if (post) {
            if (rawQuery != null && !rawQuery.isEmpty()) {
                throw new IllegalArgumentException("request: a POST query-API request carries its parameters in"
                        + " the form body, not in the query");
            }
            if (request.payload().kind() != Payload.Kind.BYTES) {
                throw new IllegalArgumentException("payload: a POST query-API request needs its form body as bytes,"
                        + " was " + request.payload().kind());
            }
            params = Params.parse(Text.utf8(request.payload().bytes(), "payload"), "payload");
        } else {
            params = Params.parse(rawQuery);
        }
        Text.requireWellFormed(request.rawPath(), "path");
        Credentials c = credentials.resolveCredentials();
        if (params.indexOf("Signature") >= 0) {
            throw new IllegalArgumentException("request: already has a 'Signature' parameter");
        }
        String keyId = params.first("AWSAccessKeyId");
        if (keyId != null && !keyId.equals(c.accessKeyId())) {
            throw new IllegalArgumentException("AWSAccessKeyId: the request names '" + keyId
                    + "' but the credentials are for '" + c.accessKeyId() + "'");
        }
        String version = params.first("SignatureVersion");
        if (version != null && !version.equals("2")) {
            throw new IllegalArgumentException("SignatureVersion: must be 2, was '" + version + "'");
        }
        String method = params.first("SignatureMethod");
        if (method != null) {
            Settings.requireMethod(method, "SignatureMethod");
        }
        String timestamp = params.first("Timestamp");
        boolean hasExpires = params.indexOf("Expires") >= 0;
        if (timestamp != null && hasExpires) {
            throw new IllegalArgumentException("request: has both Timestamp and Expires; use one");
        }
        int n = params.size();
        String[] names = new String[n + 5];
        String[] values = new String[n + 5];
        for (int i = 0; i < n; i++) {
            names[i] = params.name(i);
            values[i] = params.value(i);
        }
        if (keyId == null) {
            names[n] = "AWSAccessKeyId";
            values[n++] = c.accessKeyId();
        }
        if (version == null) {
            names[n] = "SignatureVersion";
            values[n++] = "2";
        }
        if (method == null) {
            method = signatureMethod;
            names[n] = "SignatureMethod";
            values[n++] = method;
        }
        Instant now = clock.instant();
        Instant signingTime = now;
        if (timestamp == null && !hasExpires) {
            names[n] = "Timestamp";
            values[n++] = Timestamps.iso8601(now);
        } else if (timestamp != null) {
            Instant t = HttpDates.parseIso8601(timestamp);
            if (t != null) {
                signingTime = t;
            }
        }
        String token = c.sessionToken().orElse(null);
        if (token != null && params.indexOf("SecurityToken") < 0) {
            names[n] = "SecurityToken";
            values[n++] = token;
        }
        String canonical = QueryCanonicalizer.canonicalQuery(names, values, n, null);
        String host = Text.requireWellFormed(QueryCanonicalizer.host(request), "host");
        String sts = QueryCanonicalizer.stringToSign(request.method(), host, request.rawPath(), canonical);
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV2 query-API string to sign:\n{}", Redaction.redactSigningText(sts));
        }
        String signature = Macs.base64Hmac(method, c.secretAccessKey(), sts);
        StringBuilder out = new StringBuilder(canonical.length() + 64).append(canonical).append("&Signature=");
        UriEncoding.appendEncoded(out, signature, false);
        SignableRequest.Builder b = request.toBuilder();
        if (post) {
            byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
            b.payload(Payload.ofBytes(body));
            if (request.headers().contains("Content-Length")) {
                b.setHeader("Content-Length", Integer.toString(body.length));
            }
            if (!request.headers().contains("Content-Type")) {
                b.setHeader("Content-Type", FORM);
            }
        } else {
            b.rawQuery(out.toString());
        }
        return SignedRequest.builder()
                .request(b.build())
                .algorithm(Algorithms.SIGV2_QUERY)
                .signature(signature)
                .stringToSign(sts)
                .signingTime(signingTime)
                .build();
    }

    /**
     * The credentials provider, signature method and clock, for the public class's description.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return credentials.describe() + ", " + signatureMethod + ", " + clock;
    }
}
