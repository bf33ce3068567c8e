package dev.awssig.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.v4.AwsChunkedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.BiFunction;
import java.util.zip.CRC32;

/** The shapes of fuzz target the verifier modules share. */
final class Verify {
    private Verify() {
    }

    private static final String[] METHODS = {"GET", "PUT", "POST", "HEAD", "DELETE", "get"};
    private static final String[] HOSTS = {"bucket.s3.eu-west-1.amazonaws.com", "s3.amazonaws.com",
        "iam.amazonaws.com", "johnsmith.s3.amazonaws.com", "ec2.amazonaws.com"};
    private static final String[] NAMES = {"Authorization", "X-Amz-Date", "Date", "x-amz-content-sha256", "Host",
        "x-amz-security-token", "x-amz-meta-a", "Content-Type", "Content-MD5", "x-amz-region-set",
        "x-amz-decoded-content-length", "Content-Length", "Transfer-Encoding"};

    /** Opens the decoding stream of an aws-chunked request. */
    @FunctionalInterface
    interface Streaming {
        InputStream open(SignableRequest request, InputStream body);
    }

    /**
     * A request edited by the data must be answered, and may verify only when the view of what
     * it signs (computed for the original's signed parts) is the original's.
     */
    static void edited(FuzzedDataProvider d, String scheme, Verifier verifier, SecretLookup secrets, Instant now,
                       SignableRequest original, BiFunction<SignableRequest, SignableRequest, String> view) {
        String before = view.apply(original, original);
        Fuzz.check(before != null, scheme + ": the view of the original request is readable");
        SignableRequest mutated = Fuzz.editRequest(d, original, 4);
        if (mutated == null) {
            return;
        }
        VerificationResult r = Fuzz.answered(mutated, () -> verifier.verify(mutated, secrets, now));
        if (r.isValid()) {
            String after = view.apply(original, mutated);
            if (!before.equals(after)) {
                Fuzz.forged(scheme, before, after, original, mutated, r);
            }
        }
    }

    /**
     * A request made from the data alone (method, host, path, query, headers, an Authorization
     * that starts like the scheme's): answered, and never valid (nothing signed it).
     */
    static void anything(FuzzedDataProvider d, Verifier verifier, SecretLookup secrets, Instant now,
                         String authorizationPrefix) {
        SignableRequest request;
        try {
            SignableRequest.Builder b = SignableRequest.builder()
                    .method(d.consumeBoolean() ? d.pickValue(METHODS) : d.consumeString(8))
                    .uri("https://" + d.pickValue(HOSTS) + "/");
            b.rawPath("/" + d.consumeString(64));
            if (d.consumeBoolean()) {
                b.rawQuery(d.consumeString(128));
            }
            int headers = d.consumeInt(0, 8);
            for (int i = 0; i < headers; i++) {
                String name = d.consumeBoolean() ? d.pickValue(NAMES) : d.consumeString(16);
                String value = name.equals("Authorization") && d.consumeBoolean()
                        ? authorizationPrefix + d.consumeString(256) : d.consumeString(64);
                b.header(name, value);
            }
            b.payload(dev.awssig.Payload.ofBytes(d.consumeRemainingAsBytes()));
            request = b.build();
        } catch (IllegalArgumentException e) {
            return; // the request model refuses it: no server hands it on
        }
        SignableRequest q = request;
        VerificationResult r = Fuzz.answered(q, () -> verifier.verify(q, secrets, now));
        Fuzz.check(!r.isValid(), "a request made from fuzz data verified: " + q + " " + r);
    }

    /**
     * An aws-chunked body (or the request's headers) edited by the data, or a body made from the
     * data: the request is refused with a {@link VerificationException}, the body with an
     * {@link AwsChunkedException} (no other exception), or it decodes to the signed data (for the
     * unsigned trailer, whose data nothing signs, to data whose CRC32 the trailer carries).
     * Allocation is bounded by the encoded size.
     */
    static void chunked(FuzzedDataProvider d, SignedRequest signed, byte[] data, Streaming verifier) {
        SignableRequest request = signed.request();
        byte[] encoded;
        try (InputStream in = request.payload().openStream()) {
            encoded = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        switch (d.consumeInt(0, 3)) {
            case 0: {
                request = Fuzz.editRequest(d, request, 2);
                if (request == null) {
                    return;
                }
                break;
            }
            case 1:
                encoded = d.consumeRemainingAsBytes();
                break;
            default: {
                int edits = d.consumeInt(1, 3);
                for (int i = 0; i < edits; i++) {
                    encoded = Fuzz.edit(d, encoded);
                }
                if (d.consumeBoolean()) { // framed by Transfer-Encoding: no Content-Length
                    request = request.toBuilder().removeHeader("Content-Length").build();
                }
            }
        }
        boolean unsignedTrailer = request.headers().firstValue("x-amz-content-sha256").orElse("")
                .equals("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        int readSize = d.consumeInt(0, 9000);
        long units = Fuzz.size(request) + encoded.length;
        long loaded = Fuzz.loadedClasses();
        long before = Fuzz.allocatedBytes();
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        boolean refused = decode(verifier, request, encoded, readSize, decoded);
        long allocated = Fuzz.allocatedBytes() - before - decoded.size() * 3L;
        SignableRequest r = request;
        byte[] e = encoded;
        Fuzz.bounded(allocated, units, loaded, "aws-chunked decoding",
                () -> decode(verifier, r, e, readSize, new ByteArrayOutputStream()));
        if (refused) {
            return;
        }
        byte[] out = decoded.toByteArray();
        if (Arrays.equals(out, data)) {
            return;
        }
        if (unsignedTrailer) {
            CRC32 crc = new CRC32();
            crc.update(out);
            byte[] c = new byte[] {(byte) (crc.getValue() >>> 24), (byte) (crc.getValue() >>> 16),
                (byte) (crc.getValue() >>> 8), (byte) crc.getValue()};
            String line = "x-amz-checksum-crc32:" + Base64.getEncoder().encodeToString(c);
            if (new String(encoded, StandardCharsets.ISO_8859_1).contains(line)) {
                return; // nothing signs the data of an unsigned trailer; its checksum matches
            }
        }
        throw new AssertionError("an edited aws-chunked body decoded to other data than was signed: "
                + new String(out, StandardCharsets.ISO_8859_1) + "\nrequest " + request + "\nbody "
                + new String(encoded, StandardCharsets.ISO_8859_1));
    }

    /**
     * Opens the decoding stream and reads it to its end in reads of {@code readSize} bytes (one
     * byte at a time for 0) into {@code decoded}.
     *
     * @return true when the request or the body was refused (with the exceptions the verifier
     *     documents, each carrying an error); false when the body decoded to its end
     */
    private static boolean decode(Streaming verifier, SignableRequest request, byte[] encoded, int readSize,
                                  ByteArrayOutputStream decoded) {
        try {
            InputStream in = verifier.open(request, new ByteArrayInputStream(encoded));
            byte[] buf = new byte[Math.max(1, readSize)];
            while (true) {
                int n;
                if (readSize == 0) {
                    int b = in.read();
                    n = b < 0 ? -1 : 1;
                    buf[0] = (byte) b;
                } else {
                    n = in.read(buf, 0, buf.length);
                }
                if (n < 0) {
                    break;
                }
                decoded.write(buf, 0, n);
                Fuzz.check(decoded.size() <= encoded.length, "decoded more bytes than the body has");
            }
            Fuzz.check(in.read() == -1, "read after the end returns -1");
            return false;
        } catch (VerificationException e) {
            Fuzz.check(!e.result().isValid() && e.result().error().isPresent(), "a refusal carries an error");
            return true;
        } catch (AwsChunkedException e) {
            Fuzz.check(!e.result().isValid() && e.result().error().isPresent(), "a refusal carries an error");
            return true;
        } catch (IOException e) {
            throw new AssertionError("an aws-chunked body failed with another IOException than AwsChunkedException", e);
        }
    }
}
