package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.devpay.DevPayTokens;
import dev.awssig.internal.ApiAccess;
import dev.awssig.internal.Crypto;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the DevPay tokens as the {@code x-amz-security-token} header, then lets the inner signer
 * sign the request, so the token is signed like any other {@code x-amz-*} header. Checks that
 * the inner signer neither replaced nor duplicated the token (as one with session credentials
 * would) and that it signed it.
 */
public final class DevPaySigner implements Signer {
    private static final Logger LOG = LoggerFactory.getLogger(DevPaySigner.class);
    /** The trusted path into the request model (see {@link ApiAccess}), obtained once. */
    private static final ApiAccess.Bridge BRIDGE = ApiAccess.bridge();

    private final Signer inner;
    private final DevPayTokens tokens;
    private final String algorithm;

    /**
     * Decorates a signer.
     *
     * @param inner the signer that signs the request
     * @param tokens the customer's DevPay tokens
     * @throws IllegalArgumentException if the inner signer's algorithm cannot carry DevPay tokens
     */
    public DevPaySigner(Signer inner, DevPayTokens tokens) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.algorithm = Algorithms.devpay(Decoration.requireDecoratable(inner.algorithm(), "inner signer"));
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public SignedRequest sign(SignableRequest request) {
        Objects.requireNonNull(request, "request");
        Decoration.requireNoToken(request);
        String value = tokens.headerValue();
        // derived (not rebuilt) from the caller's request, so that SignedRequest.addedHeaders() has the token
        SignableRequest withToken = BRIDGE.withHeaders(request,
                request.headers().toBuilder().add(SecurityToken.NAME, value).build(), request.payload());
        if (LOG.isDebugEnabled()) {
            LOG.debug("DevPay: {} header with the user token{} for {}", SecurityToken.NAME,
                    tokens.isLegacy() ? " and the product token" : "", inner.algorithm());
        }
        SignedRequest signed = inner.sign(withToken);
        if (signed == null) {
            throw new IllegalStateException("inner signer " + inner.algorithm() + ": returned no signed request");
        }
        SignableRequest out = signed.request();
        List<String> headerValues = out.headers().values(SecurityToken.NAME);
        // the inner signer normally passes the entry through: the same instance needs no comparison
        if (headerValues.size() != 1
                || headerValues.get(0) != value && !Crypto.constantTimeEquals(headerValues.get(0), value)
                || !SecurityToken.queryValues(out.rawQuery().orElse(null)).isEmpty()) {
            throw new IllegalStateException("inner signer " + inner.algorithm() + ": " + SecurityToken.SESSION_TOKEN_REFUSAL
                    + " (the signed request carries an x-amz-security-token other than the DevPay tokens)");
        }
        if (!Decoration.signsHeader(signed)) {
            throw new IllegalStateException("inner signer " + inner.algorithm() + ": did not sign the "
                    + SecurityToken.NAME + " header; DevPay needs a signer that signs every x-amz-* header");
        }
        return signed;
    }

    @Override
    public String toString() {
        return "DevPaySigner[" + algorithm + ", " + tokens + "]";
    }
}
