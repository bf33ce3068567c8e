package dev.awssig.e2e;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** Flexible checksums computed with the JDK alone, to check the trailers our signer writes. */
final class Checksums {
    private Checksums() {
    }

    /**
     * The Base64 checksum S3 expects in {@code x-amz-checksum-*}: the big-endian 4 (8 for
     * CRC-64) bytes of a CRC, or the digest bytes.
     *
     * @param algorithm CRC32, CRC32C, CRC64NVME, SHA1 or SHA256
     * @param body the bytes
     * @return the Base64 value
     */
    static String base64(String algorithm, byte[] body) throws Exception {
        byte[] value;
        switch (algorithm) {
            case "CRC32":
                value = crc(new CRC32(), body);
                break;
            case "CRC32C":
                value = crc(new CRC32C(), body);
                break;
            case "CRC64NVME":
                value = crc64Nvme(body);
                break;
            case "SHA1":
                value = MessageDigest.getInstance("SHA-1").digest(body);
                break;
            case "SHA256":
                value = MessageDigest.getInstance("SHA-256").digest(body);
                break;
            default:
                throw new IllegalArgumentException("algorithm: unknown " + algorithm);
        }
        return Base64.getEncoder().encodeToString(value);
    }

    private static byte[] crc(Checksum c, byte[] body) {
        c.update(body, 0, body.length);
        long v = c.getValue();
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /**
     * CRC-64/NVME bit by bit (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final
     * XOR all ones; check value of "123456789": 0xAE8B14860A799888), big-endian.
     */
    static byte[] crc64Nvme(byte[] body) {
        long crc = -1L;
        for (byte b : body) {
            crc ^= b & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        long v = ~crc;
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (56 - 8 * i));
        }
        return out;
    }
}
