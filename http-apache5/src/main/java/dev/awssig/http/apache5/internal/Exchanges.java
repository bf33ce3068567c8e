package dev.awssig.http.apache5.internal;

import dev.awssig.HttpSigning;
import dev.awssig.Payload;
import dev.awssig.PayloadMode;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

/**
 * What the classic and async handlers share: a request and its body turned into a
 * {@link SignableRequest}, signed, and the signer's headers set back, replacing those of the same
 * name. The transport stage (after this one) adds {@code Content-Length}, {@code Content-Type}
 * and {@code Content-Encoding} from the body when the request has none, and refuses a second
 * {@code Content-Length}: so the body's type and encoding are set on the request here (and
 * signed), and its length is signed but left to the transport, which writes the same value.
 */
public final class Exchanges {
    private Exchanges() {
    }

    /**
     * Signs one attempt.
     *
     * @param signing the setup
     * @param request the request (changed: the signer's headers are set on it)
     * @param length the body length, 0 for none, -1 when unknown
     * @param body opens the body (ignored without a body)
     * @param replayable whether the body can be opened more than once
     * @param body the body's details, or null for none
     * @return the signed request; in a streaming mode its payload is the body to send
     */
    public static Signed sign(HttpSigning signing, HttpRequest request, long length, Payload.StreamSupplier body,
                              boolean replayable, EntityDetails details) {
        if (details != null) {
            if (details.getContentType() != null && !request.containsHeader(HttpHeaders.CONTENT_TYPE)) {
                request.setHeader(HttpHeaders.CONTENT_TYPE, details.getContentType());
            }
            if (details.getContentEncoding() != null && !request.containsHeader(HttpHeaders.CONTENT_ENCODING)) {
                request.setHeader(HttpHeaders.CONTENT_ENCODING, details.getContentEncoding());
            }
        }
        SignableRequest.Builder b = SignableRequest.builder().method(request.getMethod())
                .uri(request.getScheme() + "://" + request.getAuthority() + request.getPath());
        for (Header h : request.getHeaders()) {
            if (!h.getName().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                b.header(h.getName(), h.getValue());
            }
        }
        if (details != null && length >= 0) {
            b.header(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
        }
        Payload payload = length == 0 ? Payload.empty() : length < 0 ? Payload.unsigned() : Payload.ofStream(body, length);
        SignableRequest unsigned = b.payload(payload).build();
        PayloadMode mode = signing.payloadModeFor(unsigned, replayable);
        SignedRequest signed = signing.sign(unsigned, mode);
        long sentLength = mode.isStreaming() ? signed.request().payload().contentLength().getAsLong() : length;
        Set<String> set = new HashSet<>();
        for (dev.awssig.Headers.Header h : signed.addedHeaders().entries()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (lower.equals("content-length")) {
                if (Long.parseLong(h.value().trim()) != sentLength) {
                    throw new IllegalStateException("Content-Length: the signer signed " + h.value()
                            + " but the entity has " + sentLength + " bytes");
                }
                continue; // the transport writes it from the entity
            }
            if (set.add(lower)) {
                request.setHeader(h.name(), h.value());
            } else {
                request.addHeader(h.name(), h.value());
            }
        }
        return new Signed(mode, signed);
    }

    /** A signing outcome: the mode and the signed request. */
    public static final class Signed {
        private final PayloadMode mode;
        private final SignedRequest request;

        Signed(PayloadMode mode, SignedRequest request) {
            this.mode = mode;
            this.request = request;
        }

        /**
         * The encoded body in a streaming mode.
         *
         * @return the aws-chunked payload, or null when the body is sent as it is
         */
        public Payload encodedBody() {
            return mode.isStreaming() ? request.request().payload() : null;
        }
    }
}
