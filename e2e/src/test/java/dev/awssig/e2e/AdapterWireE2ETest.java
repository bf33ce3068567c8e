package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Headers;
import dev.awssig.HttpSigning;
import dev.awssig.PayloadMode;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.spi.SignerProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapters send exactly what the signer signed: each adapter's requests go to a raw
 * recording server while a provider wrapped around the real SigV4 provider records every
 * {@link SignedRequest}; then, request by request, the request target on the wire is the signed
 * path and query, every signed header is on the wire exactly once with the signed value (the ones
 * the client writes itself, {@code Host} and {@code Content-Length}, included), and every header
 * the signer added is there.
 */
class AdapterWireE2ETest {
    /** The real SigV4 provider, recording what its signers return. */
    static final class Recording implements SignerProvider {
        final SignerProvider real = Signers.discover().provider(Algorithms.SIGV4);
        final List<SignedRequest> signed = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String algorithm() {
            return real.algorithm();
        }

        @Override
        public Signer signer(SigningConfig config) {
            return wrap(real.signer(config));
        }

        @Override
        public Optional<Signer> streamingSigner(SigningConfig config, PayloadMode mode, String trailerChecksum) {
            return real.streamingSigner(config, mode, trailerChecksum).map(this::wrap);
        }

        private Signer wrap(Signer s) {
            return new Signer() {
                @Override
                public String algorithm() {
                    return s.algorithm();
                }

                @Override
                public SignedRequest sign(SignableRequest request) {
                    SignedRequest r = s.sign(request);
                    signed.add(r);
                    return r;
                }
            };
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Adapters.class)
    void theWireCarriesExactlyTheSignedHeaders(Adapters adapter) throws Exception {
        Recording recording = new Recording();
        HttpSigning signing = HttpSigning.builder(Fixtures.config()).signers(Signers.of(recording))
                .unsignedHeaders("X-Trace").build();
        try (RecordingServer server = new RecordingServer(); Adapters.Client c = adapter.client(signing)) {
            S3Client s3 = new S3Client(server.endpoint(), c.transport);
            s3.put("bucket", "small a+b.txt", Scenarios.bytes(1000, 1), Map.of("X-Trace", "t-1", "x-amz-meta-a", "1"));
            s3.put("bucket", "large ü.bin", Scenarios.bytes(2 * 1024 * 1024, 2));
            s3.getRange("bucket", "small a+b.txt", "bytes=0-9");
            s3.list("bucket", Map.of("prefix", "a b/", "max-keys", "2"));

            List<RecordingServer.Recorded> wire = server.requests();
            List<SignedRequest> signed = recording.signed;
            assertEquals(4, wire.size(), wire.toString());
            assertEquals(wire.size(), signed.size(), "one signature per request");
            for (int i = 0; i < wire.size(); i++) {
                check(adapter, wire.get(i), signed.get(i));
            }
            assertEquals(List.of("t-1"), wire.get(0).values("X-Trace"), "an unsigned header is sent");
            assertTrue(!signed.get(0).signedHeaders().contains("x-trace"), "and not signed");
            assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                    wire.get(1).values("x-amz-content-sha256").get(0), "the large body is aws-chunked");
        }
    }

    private static void check(Adapters adapter, RecordingServer.Recorded got, SignedRequest signed) {
        SignableRequest r = signed.request();
        String what = adapter + " " + got.method() + " " + got.target();
        assertEquals(r.method(), got.method(), what);
        assertEquals(r.rawPath() + r.rawQuery().map(q -> "?" + q).orElse(""), got.target(), what + ": target");
        for (String name : signed.signedHeaders()) {
            List<String> sent = got.values(name);
            List<String> values = new ArrayList<>();
            for (String v : r.headers().values(name)) {
                values.add(v.trim());
            }
            assertEquals(values, sent, what + ": signed header '" + name + "' on the wire");
        }
        for (Headers.Header h : signed.addedHeaders().entries()) {
            assertTrue(got.values(h.name()).contains(h.value()), what + ": added header " + h.name() + " is sent");
        }
    }
}
