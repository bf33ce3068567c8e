package dev.awssig.v2;

import dev.awssig.Algorithms;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.v2.internal.QueryV2SigningEngine;
import java.util.Objects;

/**
 * The query API's Signature Version 2 ({@code SignatureVersion=2}): signs the parameters of a
 * GET query string or of a POST {@code application/x-www-form-urlencoded} body.
 *
 * <p>The signer adds {@code AWSAccessKeyId}, {@code SignatureVersion=2}, {@code SignatureMethod}
 * ({@link V2Options#SIGNATURE_METHOD}, default {@code HmacSHA256}), {@code Timestamp} (ISO 8601
 * from the config clock, unless the request already has {@code Timestamp} or {@code Expires}) and,
 * for session credentials, {@code SecurityToken}; parameters already present with those names
 * are kept (they must agree with the credentials and configuration). The string to sign is
 * {@code Verb \n host \n path \n canonical query}: the host lower-cased, with its port when not the
 * scheme's default; the path as sent; the parameters sorted by name in UTF-8 byte order and
 * percent-encoded per RFC 3986. The signature (Base64) is appended as {@code Signature}; the
 * parameters are rewritten in canonical order, into the query (GET and others) or the form body
 * (POST).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class QueryV2Signer implements Signer {
    private final QueryV2SigningEngine engine;

    private QueryV2Signer(SigningConfig config) {
        this.engine = new QueryV2SigningEngine(config);
    }

    /**
     * A signer with a config's credentials provider, clock and {@link V2Options#SIGNATURE_METHOD}.
     *
     * @param config the config
     * @return the signer
     * @throws IllegalArgumentException if the config has no credentials provider or the signature
     *         method is neither {@code HmacSHA256} nor {@code HmacSHA1}
     * @since 0.1.0
     */
    public static QueryV2Signer create(SigningConfig config) {
        return new QueryV2Signer(Objects.requireNonNull(config, "config"));
    }

    /**
     * {@link Algorithms#SIGV2_QUERY}.
     *
     * @return {@code AWS-QUERY-V2}
     * @since 0.1.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV2_QUERY;
    }

    /**
     * Signs the request's parameters: the query of a GET (or any method but POST), the form body
     * of a POST.
     *
     * @param request the request
     * @return the signed request
     * @throws IllegalArgumentException if the request is already signed, its parameters disagree
     *         with the credentials or configuration, a POST carries a query or a non-bytes body, or
     *         the path, query, body or host is not well-formed text (a malformed percent-escape,
     *         a body that is not UTF-8, a lone UTF-16 surrogate); the message names the field
     * @since 0.1.0
     */
    @Override
    public SignedRequest sign(SignableRequest request) {
        Objects.requireNonNull(request, "request");
        return engine.sign(request);
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "QueryV2Signer[" + engine + "]";
    }
}
