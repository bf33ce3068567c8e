package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a DevPay request: the inner verifier checks the signature (which covers the token),
 * then this one requires exactly one non-blank {@code x-amz-security-token}, as a header or a
 * query parameter, never both.
 */
public final class DevPayVerifier implements Verifier {
    private final Verifier inner;
    private final String algorithm;

    /**
     * Decorates a verifier.
     *
     * @param inner the verifier of the inner algorithm
     */
    public DevPayVerifier(Verifier inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.algorithm = Algorithms.devpay(Decoration.requireDecoratable(inner.algorithm(), "inner verifier"));
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
        VerificationResult result = inner.verify(request, secrets, now);
        if (!result.isValid()) {
            return result;
        }
        List<String> headers = request.headers().values(SecurityToken.NAME);
        List<String> params = SecurityToken.queryValues(request.rawQuery().orElse(null));
        int count = headers.size() + params.size();
        String id = result.accessKeyId().orElse(null);
        if (count == 0) {
            return VerificationResult.failure(AuthError.MISSING_SECURITY_HEADER, "A DevPay request must carry the"
                    + " customer's user token in " + SecurityToken.NAME + " (header or query parameter)", id,
                    null, null);
        }
        if (count > 1) {
            return VerificationResult.failure(AuthError.INVALID_TOKEN, "The request carries "
                    + SecurityToken.NAME + " " + count + " times; a DevPay request carries it once", id, null, null);
        }
        String token = headers.isEmpty() ? params.get(0) : headers.get(0);
        if (token.isBlank()) {
            return VerificationResult.failure(AuthError.INVALID_TOKEN, "The " + SecurityToken.NAME
                    + " of the request is blank", id, null, null);
        }
        return result;
    }

    @Override
    public String toString() {
        return "DevPayVerifier[" + algorithm + "]";
    }
}
