package dev.awssig.benchmarks.floor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, deliberately plain {@code aws-chunked} encoder (STREAMING-AWS4-HMAC-SHA256-PAYLOAD),
 * used only in setup to check our encoder's output byte for byte before its throughput is
 * measured. Not measured itself.
 */
public final class ChunkedReference {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private ChunkedReference() {
    }

    /**
     * Encodes a payload.
     *
     * @param data the payload
     * @param chunkSize the chunk size
     * @param seedSignature the signature of the request (the seed of the chain)
     * @param amzDate {@code yyyyMMdd'T'HHmmss'Z'}
     * @param scope {@code date/region/service/aws4_request}
     * @param signingKey the derived signing key
     * @return the encoded body
     */
    public static byte[] encode(byte[] data, int chunkSize, String seedSignature, String amzDate, String scope,
            byte[] signingKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 64);
            String previous = seedSignature;
            int off = 0;
            while (true) {
                int len = Math.min(chunkSize, data.length - off);
                sha.update(data, off, len);
                String hash = hex(sha.digest());
                String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                        + EMPTY_SHA256 + "\n" + hash;
                String signature = hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
                out.writeBytes((Integer.toHexString(len) + ";chunk-signature=" + signature + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                if (len == 0) {
                    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    return out.toByteArray();
                }
                out.write(data, off, len);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                off += len;
                previous = signature;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
