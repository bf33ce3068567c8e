package dev.awssig.v4a.internal;

import dev.awssig.v4.PayloadSigning;
import java.nio.charset.StandardCharsets;

/** The names and literals of SigV4a. */
final class V4a {
    static final String ALGORITHM = "AWS4-ECDSA-P256-SHA256";
    static final byte[] STS_PREFIX = (ALGORITHM + "\n").getBytes(StandardCharsets.US_ASCII);
    static final String STREAMING_SIGNED = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD";
    static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER";
    static final String REGION_SET_HEADER = "X-Amz-Region-Set";
    static final String REGION_SET_LOWER = "x-amz-region-set";
    /** The hex length aws-chunked chunk and trailer signatures are padded to with {@code *} (72 DER bytes). */
    static final int PADDED_SIGNATURE_LENGTH = 144;
    static final byte PADDING = '*';

    private V4a() {
    }

    /** The x-amz-content-sha256 literal of a streaming mode in SigV4a. */
    static String literal(PayloadSigning mode) {
        switch (mode) {
            case STREAMING_SIGNED:
                return STREAMING_SIGNED;
            case STREAMING_SIGNED_TRAILER:
                return STREAMING_SIGNED_TRAILER;
            default:
                return mode.literal();
        }
    }

    /** The mode an x-amz-content-sha256 value names in SigV4a, or null for a hash or an unknown value. */
    static PayloadSigning fromLiteral(String value) {
        if (STREAMING_SIGNED.equals(value)) {
            return PayloadSigning.STREAMING_SIGNED;
        }
        if (STREAMING_SIGNED_TRAILER.equals(value)) {
            return PayloadSigning.STREAMING_SIGNED_TRAILER;
        }
        PayloadSigning p = PayloadSigning.fromLiteral(value);
        return p == PayloadSigning.UNSIGNED || p == PayloadSigning.STREAMING_UNSIGNED_TRAILER ? p : null;
    }
}
