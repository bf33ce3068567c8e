package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.internal.ApiAccess;
import dev.awssig.spi.SignerProvider;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The adapters' shared logic: which payload mode a body gets, what the signer is shown, and the
 * headers a client sets afterwards ({@link SignedRequest#addedHeaders()}); over a provider wired
 * by hand that records what it was asked.
 */
class HttpSigningTest {
    private static final SigningConfig S3 = SigningConfig.builder().region("us-east-1").service("s3").build();
    private static final SigningConfig IAM = SigningConfig.builder().region("us-east-1").service("iam").build();

    /** Records every request and mode; adds X-Stub-Date and Authorization on the trusted path. */
    static final class RecordingProvider implements SignerProvider {
        final boolean streams;
        final List<SignableRequest> seen = new ArrayList<>();
        final List<String> modes = new ArrayList<>();

        RecordingProvider(boolean streams) {
            this.streams = streams;
        }

        @Override
        public String algorithm() {
            return "STUB";
        }

        @Override
        public Signer signer(SigningConfig config) {
            return signer("plain", null);
        }

        @Override
        public Optional<Signer> streamingSigner(SigningConfig config, PayloadMode mode, String trailerChecksum) {
            return streams ? Optional.of(signer(mode + "/" + trailerChecksum, mode)) : Optional.empty();
        }

        private Signer signer(String label, PayloadMode mode) {
            return new Signer() {
                @Override
                public String algorithm() {
                    return "STUB";
                }

                @Override
                public SignedRequest sign(SignableRequest request) {
                    seen.add(request);
                    modes.add(label);
                    Headers.Builder h = request.headers().toBuilder().set("X-Stub-Date", "20250101T000000Z");
                    Payload p = request.payload();
                    if (mode != null) {
                        h.set("Content-Length", "999").set("Content-Encoding", "aws-chunked");
                        p = Payload.ofStream(() -> new ByteArrayInputStream(new byte[999]), 999);
                    }
                    h.set("Authorization", "STUB sig");
                    SignableRequest out = ApiAccess.bridge().withHeaders(request, h.build(), p);
                    return SignedRequest.builder().request(out).algorithm("STUB").signature("sig")
                            .stringToSign("sts").signingTime(Instant.EPOCH).build();
                }
            };
        }
    }

    private static SignableRequest request(String uri, Payload payload) {
        return SignableRequest.builder().method("PUT").uri(uri).header("Content-Type", "text/plain")
                .header("X-Trace", "t1").payload(payload).build();
    }

    /** A stream body over the 1 MiB that is signed rather than streamed; never opened here. */
    private static Payload big() {
        return Payload.ofStream(() -> {
            throw new AssertionError("not read");
        }, (1 << 20) + 1);
    }

    private static Payload stream(long length) {
        return Payload.ofStream(() -> new ByteArrayInputStream(new byte[(int) length]), length);
    }

    @Test
    void automaticModeSignsBytesAndStreamsLargeS3BodiesAwsChunked() {
        HttpSigning s = HttpSigning.builder(S3).algorithm("STUB").signers(Signers.of(new RecordingProvider(true)))
                .build();
        assertEquals(PayloadMode.SIGNED, s.payloadModeFor(request("https://h/k", Payload.empty()), true));
        assertEquals(PayloadMode.SIGNED, s.payloadModeFor(request("https://h/k", Payload.ofBytes(new byte[3])), false));
        assertEquals(PayloadMode.SIGNED, s.payloadModeFor(request("https://h/k", stream(1 << 20)), true));
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, s.payloadModeFor(request("https://h/k", big()), true));
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, s.payloadModeFor(request("https://h/k", stream(5)), false));
        assertEquals(PayloadMode.STREAMING_SIGNED_TRAILER, s.payloadModeFor(request("http://h/k", big()), true));
        assertEquals(PayloadMode.STREAMING_SIGNED_TRAILER, s.payloadModeFor(request("http://h/k", stream(5)), false));
        assertEquals(PayloadMode.UNSIGNED, s.payloadModeFor(request("https://h/k", Payload.unsigned()), true));
        assertEquals(PayloadMode.SIGNED, s.payloadModeFor(request("https://h/k",
                Payload.ofSha256Hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")), false));
    }

    @Test
    void automaticModeWithoutAStreamingFormOrForAnotherServiceSignsWhatCanBeReadTwice() {
        HttpSigning noStreaming = HttpSigning.builder(S3).algorithm("STUB")
                .signers(Signers.of(new RecordingProvider(false))).build();
        assertEquals(PayloadMode.SIGNED, noStreaming.payloadModeFor(request("https://h/k", big()), true));
        assertEquals(PayloadMode.UNSIGNED, noStreaming.payloadModeFor(request("https://h/k", stream(5)), false));
        HttpSigning iam = HttpSigning.builder(IAM).algorithm("STUB").signers(Signers.of(new RecordingProvider(true)))
                .build();
        assertEquals(PayloadMode.SIGNED, iam.payloadModeFor(request("https://h/k", big()), true));
        assertEquals(PayloadMode.UNSIGNED, iam.payloadModeFor(request("https://h/k", stream(5)), false));
    }

    @Test
    void aConfiguredModeIsUsedOrRefusedWithTheReason() {
        Signers stub = Signers.of(new RecordingProvider(true));
        HttpSigning signed = HttpSigning.builder(S3).algorithm("STUB").signers(stub).payloadMode(PayloadMode.SIGNED)
                .build();
        assertEquals(PayloadMode.SIGNED, signed.payloadModeFor(request("https://h/k", stream(5)), true));
        IllegalArgumentException once = assertThrows(IllegalArgumentException.class,
                () -> signed.payloadModeFor(request("https://h/k", stream(5)), false));
        assertTrue(once.getMessage().contains("read only once"), once.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> signed.payloadModeFor(request("https://h/k", Payload.unsigned()), true));
        assertTrue(unknown.getMessage().contains("length is unknown"), unknown.getMessage());
        HttpSigning chunked = HttpSigning.builder(S3).algorithm("STUB").signers(stub)
                .payloadMode(PayloadMode.STREAMING_SIGNED).build();
        assertEquals(PayloadMode.STREAMING_SIGNED, chunked.payloadModeFor(request("https://h/k",
                Payload.ofBytes(new byte[2])), true));
        assertEquals(PayloadMode.SIGNED, chunked.payloadModeFor(request("https://h/k", Payload.empty()), true),
                "no body, nothing to stream");
        assertThrows(SignerLookupException.class, () -> HttpSigning.builder(S3).algorithm("STUB")
                .signers(Signers.of(new RecordingProvider(false))).payloadMode(PayloadMode.STREAMING_SIGNED).build());
    }

    @Test
    void signShowsTheSignerOnlyTheSignedHeadersAndTheModesPayload() {
        RecordingProvider p = new RecordingProvider(true);
        HttpSigning s = HttpSigning.builder(S3).algorithm("STUB").signers(Signers.of(p)).unsignedHeaders("x-TRACE")
                .trailerChecksum("crc32").build();
        assertEquals(java.util.Set.of("x-trace"), s.unsignedHeaders());

        SignedRequest unsigned = s.sign(request("https://h/k", stream(5)), PayloadMode.UNSIGNED);
        assertFalse(p.seen.get(0).headers().contains("X-Trace"), "unsigned header hidden from the signer");
        assertEquals(Payload.Kind.UNSIGNED, p.seen.get(0).payload().kind());
        assertEquals("plain", p.modes.get(0));
        assertEquals(List.of("X-Stub-Date", "Authorization"), names(unsigned.addedHeaders()));

        Payload body = stream(5);
        SignedRequest chunked = s.sign(request("https://h/k", body), PayloadMode.STREAMING_UNSIGNED_TRAILER);
        assertEquals("STREAMING_UNSIGNED_TRAILER/CRC32", p.modes.get(1));
        assertSame(body, p.seen.get(1).payload(), "a streaming signer gets the body itself");
        assertEquals(999, chunked.request().payload().contentLength().getAsLong());
        assertEquals(List.of("X-Stub-Date", "Content-Length", "Content-Encoding", "Authorization"),
                names(chunked.addedHeaders()));
    }

    @Test
    void aConfigWithItsOwnPayloadOptionIsRefused() {
        SigningConfig withOption = S3.toBuilder().option(SigningOption.of("sigv4.payloadSigning", String.class), "x")
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpSigning.builder(withOption)
                .algorithm("STUB").signers(Signers.of(new RecordingProvider(true))).build());
        assertTrue(e.getMessage().contains("payloadMode"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpSigning.builder(S3).unsignedHeaders("Host"));
        assertThrows(IllegalArgumentException.class, () -> HttpSigning.builder(S3).unsignedHeaders("x-amz-date"));
        assertThrows(IllegalArgumentException.class, () -> HttpSigning.builder(S3).unsignedHeaders("bad name"));
    }

    @Test
    void addedHeadersAreTheDifferenceToTheCallersRequest() {
        SignableRequest given = SignableRequest.builder().method("GET").uri("https://h/k").header("A", "1")
                .header("B", "2").header("B", "2").header("Content-Length", "5").build();
        Headers out = given.headers().toBuilder().remove("Content-Length").add("Content-Length", "9")
                .add("B", "3").add("Authorization", "x").build();
        SignableRequest derived = ApiAccess.bridge().withHeaders(given, out, given.payload());
        SignedRequest signed = SignedRequest.builder().request(derived).algorithm("X").signature("s")
                .stringToSign("t").signingTime(Instant.EPOCH).build();
        assertEquals(List.of("Content-Length: 9", "B: 3", "Authorization: ****"),
                signed.addedHeaders().entries().stream().map(Headers.Header::toString).collect(
                        java.util.stream.Collectors.toList()));
        assertSame(signed.addedHeaders(), signed.addedHeaders(), "computed once");

        // a chain of derivations keeps the first input; a request rebuilt by a builder has none
        SignableRequest twice = ApiAccess.bridge().withHeaders(derived, derived.headers().toBuilder()
                .add("X-Token", "t").build(), given.payload());
        SignedRequest chained = SignedRequest.builder().request(twice).algorithm("X").signature("s")
                .stringToSign("t").signingTime(Instant.EPOCH).build();
        assertEquals(4, chained.addedHeaders().size());
        SignedRequest rebuilt = SignedRequest.builder().request(twice.toBuilder().build()).algorithm("X")
                .signature("s").stringToSign("t").signingTime(Instant.EPOCH).build();
        assertEquals(twice.headers(), rebuilt.addedHeaders());
    }

    @Test
    void presignedUrlToUri() {
        PresignedUrl ok = PresignedUrl.builder().url("https://h/a%20b?X-Amz-Signature=00").method("GET")
                .expiration(Instant.EPOCH).stringToSign("s").signature("00").build();
        assertEquals("/a b", ok.toUri().getPath());
        PresignedUrl raw = PresignedUrl.builder().url("https://h/a b?X-Amz-Signature=0123").method("GET")
                .expiration(Instant.EPOCH).stringToSign("s").signature("0123").build();
        IllegalStateException e = assertThrows(IllegalStateException.class, raw::toUri);
        assertTrue(e.getMessage().contains("%20"), e.getMessage());
        assertFalse(e.getMessage().contains("0123"), "no signature in the message: " + e.getMessage());
    }

    private static List<String> names(Headers h) {
        List<String> out = new ArrayList<>();
        h.entries().forEach(e -> out.add(e.name()));
        return out;
    }
}
