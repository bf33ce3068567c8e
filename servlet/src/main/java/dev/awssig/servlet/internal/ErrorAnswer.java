package dev.awssig.servlet.internal;

import dev.awssig.AuthError;
import dev.awssig.VerificationResult;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * S3's error answer: the status of the {@link AuthError}, {@code Content-Type: application/xml}
 * and the {@code <Error>} document with {@code Code}, {@code Message}, the access key id, for a
 * signature mismatch {@code StringToSign} / {@code StringToSignBytes} / {@code CanonicalRequest} /
 * {@code CanonicalRequestBytes} (as S3 returns them; never the signature), and {@code RequestId}.
 * A {@code HEAD} request gets the status and headers only, as from S3.
 */
public final class ErrorAnswer {
    private ErrorAnswer() {
    }

    /**
     * The XML document.
     *
     * @param result a failed verification
     * @param requestId the request id
     * @return the document
     */
    public static String xml(VerificationResult result, String requestId) {
        AuthError e = result.error().orElseThrow();
        StringBuilder x = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>")
                .append(e.code()).append("</Code><Message>");
        escape(x, result.message()).append("</Message>");
        if (result.accessKeyId().isPresent() && (e == AuthError.SIGNATURE_DOES_NOT_MATCH
                || e == AuthError.INVALID_ACCESS_KEY_ID || e == AuthError.INVALID_TOKEN)) {
            escape(x.append("<AWSAccessKeyId>"), result.accessKeyId().get()).append("</AWSAccessKeyId>");
        }
        if (e == AuthError.SIGNATURE_DOES_NOT_MATCH) {
            if (result.stringToSign().isPresent()) {
                String sts = result.stringToSign().get();
                escape(x.append("<StringToSign>"), sts).append("</StringToSign>");
                bytes(x.append("<StringToSignBytes>"), sts).append("</StringToSignBytes>");
            }
            if (result.canonicalRequest().isPresent()) {
                String creq = result.canonicalRequest().get();
                escape(x.append("<CanonicalRequest>"), creq).append("</CanonicalRequest>");
                bytes(x.append("<CanonicalRequestBytes>"), creq).append("</CanonicalRequestBytes>");
            }
        }
        return x.append("<RequestId>").append(requestId).append("</RequestId></Error>").toString();
    }

    /**
     * Answers a failed verification, unless the response is committed.
     *
     * @param response the response
     * @param head whether the request is a HEAD (no body)
     * @param result the failure
     * @param requestId the request id
     * @param close whether to close the connection after the answer (a body was not read to its end)
     * @throws IOException if the answer cannot be written
     */
    public static void send(HttpServletResponse response, boolean head, VerificationResult result, String requestId,
                            boolean close) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        AuthError e = result.error().orElseThrow();
        response.setStatus(e.httpStatus());
        response.setHeader("x-amz-request-id", requestId);
        if (close) {
            response.setHeader("Connection", "close");
        }
        if (head) {
            response.setContentLength(0);
            response.flushBuffer();
            return;
        }
        byte[] body = xml(result, requestId).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
    }

    /** XML text: markup characters escaped, characters XML 1.0 cannot hold as '?', CR as a reference. */
    static StringBuilder escape(StringBuilder x, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    x.append("&amp;");
                    break;
                case '<':
                    x.append("&lt;");
                    break;
                case '>':
                    x.append("&gt;");
                    break;
                case '"':
                    x.append("&quot;");
                    break;
                case '\r':
                    x.append("&#13;");
                    break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        x.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n') || Character.isSurrogate(c) || c == 0xFFFE
                            || c == 0xFFFF) {
                        x.append('?');
                    } else {
                        x.append(c);
                    }
            }
        }
        return x;
    }

    /** The UTF-8 bytes of a text as two-digit hex numbers separated by spaces, as S3 writes them. */
    private static StringBuilder bytes(StringBuilder x, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                x.append(' ');
            }
            x.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return x;
    }
}
