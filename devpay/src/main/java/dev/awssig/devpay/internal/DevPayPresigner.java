package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.devpay.DevPayTokens;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.UriEncoding;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the DevPay user token as the {@code x-amz-security-token} query parameter
 * (percent-encoded), then lets the inner presigner presign the request. SigV2 signs the
 * parameter as if it were a header, with its decoded value; SigV4 signs it in the canonical
 * query. The product token never goes into a URL: legacy tokens are refused at construction.
 */
public final class DevPayPresigner implements Presigner {
    private static final Logger LOG = LoggerFactory.getLogger(DevPayPresigner.class);

    private final Presigner inner;
    private final String userToken;
    private final String queryName;
    private final String encodedParameter;
    private final String algorithm;

    /**
     * Decorates a presigner.
     *
     * @param inner the presigner
     * @param tokens the customer's DevPay tokens; they must not be legacy tokens
     * @throws IllegalArgumentException for legacy tokens (a product token would be in clear text
     *     in the URL) or an inner algorithm that cannot carry DevPay tokens
     */
    public DevPayPresigner(Presigner inner, DevPayTokens tokens) {
        this.inner = Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isLegacy()) {
            throw new IllegalArgumentException(SecurityToken.PRESIGN_REFUSAL);
        }
        String innerAlgorithm = Decoration.requireDecoratable(inner.algorithm(), "inner presigner");
        this.algorithm = Algorithms.devpay(innerAlgorithm);
        this.userToken = tokens.userToken();
        this.queryName = SecurityToken.queryName(innerAlgorithm);
        this.encodedParameter = UriEncoding.encode(userToken, false);
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public PresignedUrl presign(SignableRequest request, Duration expiresIn) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Decoration.requireNoToken(request);
        SignableRequest withToken = request.toBuilder().appendQueryParameter(queryName, encodedParameter).build();
        LOG.debug("DevPay: {} query parameter with the user token for {}", queryName, inner.algorithm());
        PresignedUrl url = inner.presign(withToken, expiresIn);
        if (url == null) {
            throw new IllegalStateException("inner presigner " + inner.algorithm() + ": returned no URL");
        }
        String u = url.url();
        int q = u.indexOf('?');
        List<String> values = SecurityToken.queryValues(q < 0 ? null : u.substring(q + 1));
        if (values.size() != 1 || !Crypto.constantTimeEquals(values.get(0), userToken)
                || url.signedHeaders().contains(SecurityToken.NAME)) {
            throw new IllegalStateException("inner presigner " + inner.algorithm() + ": "
                    + SecurityToken.SESSION_TOKEN_REFUSAL
                    + " (the presigned URL carries an x-amz-security-token other than the DevPay user token)");
        }
        if (!Decoration.signsParameter(url.canonicalRequest(), queryName)) {
            throw new IllegalStateException("inner presigner " + inner.algorithm() + ": did not sign the "
                    + queryName + " query parameter; DevPay needs a presigner that signs x-amz-* parameters");
        }
        return url;
    }

    @Override
    public String toString() {
        return "DevPayPresigner[" + algorithm + ", DevPayTokens[userToken=****]]";
    }
}
