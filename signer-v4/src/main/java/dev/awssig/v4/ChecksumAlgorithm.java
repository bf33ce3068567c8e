package dev.awssig.v4;

import dev.awssig.internal.Crypto;
import dev.awssig.v4.internal.Crc64Nvme;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The flexible checksums S3 accepts in an aws-chunked trailer ({@code x-amz-checksum-*}),
 * Base64 of the big-endian checksum.
 *
 * @since 0.1.0
 */
public enum ChecksumAlgorithm {
    /** CRC32, {@code x-amz-checksum-crc32}. */
    CRC32("x-amz-checksum-crc32"),
    /** CRC32C (Castagnoli), {@code x-amz-checksum-crc32c}. */
    CRC32C("x-amz-checksum-crc32c"),
    /** SHA-1, {@code x-amz-checksum-sha1}. */
    SHA1("x-amz-checksum-sha1"),
    /** SHA-256, {@code x-amz-checksum-sha256}. */
    SHA256("x-amz-checksum-sha256"),
    /**
     * CRC-64/NVME, {@code x-amz-checksum-crc64nvme} (S3's default full-object checksum since 2024).
     *
     * @since 0.2.0
     */
    CRC64NVME("x-amz-checksum-crc64nvme");

    private final String headerName;

    ChecksumAlgorithm(String headerName) {
        this.headerName = headerName;
    }

    /**
     * The trailer header name.
     *
     * @return for example {@code x-amz-checksum-crc32c}
     * @since 0.1.0
     */
    public String headerName() {
        return headerName;
    }

    /**
     * The algorithm of a trailer header name.
     *
     * @param headerName a header name, any case, or null
     * @return the algorithm, or null when the name is null or not a known checksum header
     * @since 0.1.0
     */
    public static ChecksumAlgorithm fromHeaderName(String headerName) {
        if (headerName == null) {
            return null;
        }
        for (ChecksumAlgorithm a : values()) {
            // ASCII case only: equalsIgnoreCase would also take "x-amz-checkſum-crc32" (a long s)
            if (dev.awssig.internal.Ascii.equalsIgnoreCase(a.headerName, headerName)) {
                return a;
            }
        }
        return null;
    }

    /**
     * The length of the Base64 value of this checksum.
     *
     * @return 8 for CRC32 and CRC32C, 12 for CRC64NVME, 28 for SHA-1, 44 for SHA-256
     * @since 0.1.0
     */
    public int base64Length() {
        switch (this) {
            case CRC32:
            case CRC32C:
                return 8;
            case CRC64NVME:
                return 12;
            case SHA1:
                return 28;
            default:
                return 44;
        }
    }

    /**
     * A new running checksum of this algorithm.
     *
     * @return a fresh, mutable, single-threaded checksum
     * @since 0.1.0
     */
    public Running newRunning() {
        return new Running(this);
    }

    /**
     * A running checksum: update with data, then take the Base64 value.
     *
     * @since 0.1.0
     */
    public static final class Running {
        private final Checksum crc;
        private final int crcBytes;
        private final MessageDigest digest;

        private Running(ChecksumAlgorithm algorithm) {
            switch (algorithm) {
                case CRC32:
                    crc = new CRC32();
                    crcBytes = 4;
                    digest = null;
                    break;
                case CRC32C:
                    crc = new CRC32C();
                    crcBytes = 4;
                    digest = null;
                    break;
                case CRC64NVME:
                    crc = new Crc64Nvme();
                    crcBytes = 8;
                    digest = null;
                    break;
                case SHA1:
                    crc = null;
                    crcBytes = 0;
                    digest = Crypto.newDigest("SHA-1");
                    break;
                default:
                    crc = null;
                    crcBytes = 0;
                    digest = Crypto.newDigest("SHA-256");
                    break;
            }
        }

        /**
         * Adds bytes.
         *
         * @param b the buffer
         * @param off the offset
         * @param len the length
         * @since 0.1.0
         */
        public void update(byte[] b, int off, int len) {
            Objects.requireNonNull(b, "b");
            if (crc != null) {
                crc.update(b, off, len);
            } else {
                digest.update(b, off, len);
            }
        }

        /**
         * The Base64 value of everything added so far (call once, at the end).
         *
         * @return the Base64 checksum
         * @since 0.1.0
         */
        public String base64() {
            byte[] raw = crc == null ? digest.digest() : crcBytes == 8
                    ? ByteBuffer.allocate(8).putLong(crc.getValue()).array()
                    : ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
            return Base64.getEncoder().encodeToString(raw);
        }
    }
}
