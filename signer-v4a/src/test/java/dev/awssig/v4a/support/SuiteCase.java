package dev.awssig.v4a.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One case of aws-c-auth's {@code aws-signing-test-suite/v4a}: its context, its raw request
 * (request line, {@code Name:value} headers with obs-fold lines unfolded, blank line, body) and
 * its expected files.
 */
public final class SuiteCase {
    public static final Path SUITE = root().resolve("aws-signing-test-suite").resolve("v4a");
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String name;
    public final JsonNode context;
    public final Http request;
    public final Instant time;

    public SuiteCase(String name) {
        this.name = name;
        try {
            this.context = JSON.readTree(text("context.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.request = Http.parse(bytes("request.txt"));
        this.time = Instant.parse(context.get("timestamp").asText());
    }

    private static Path root() {
        Path p = Path.of("src", "test", "resources", "vectors");
        return Files.isDirectory(p) ? p : Path.of("target", "test-classes", "vectors");
    }

    /** Every folder of the suite, sorted. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        try (var s = Files.list(SUITE)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }

    /** Whether the case has expected results (the two query-order stubs have none). */
    public boolean hasExpectations() {
        return Files.exists(SUITE.resolve(name).resolve("header-canonical-request.txt"));
    }

    public byte[] bytes(String file) {
        try {
            return Files.readAllBytes(SUITE.resolve(name).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    public Credentials credentials() {
        JsonNode c = context.get("credentials");
        return Credentials.of(c.get("access_key_id").asText(), c.get("secret_access_key").asText(),
                c.has("token") ? c.get("token").asText() : null);
    }

    public boolean omitToken() {
        return context.path("omit_session_token").asBoolean(false);
    }

    public long expires() {
        return context.get("expiration_in_seconds").asLong();
    }

    /** The signing config the case asks for (aws-c-auth's harness always double-encodes). */
    public SigningConfig config() {
        return SigningConfig.builder()
                .credentials(credentials())
                .region(context.get("region").asText())
                .service(context.get("service").asText())
                .clock(Clock.fixed(time, ZoneOffset.UTC))
                .option(SigV4Options.NORMALIZE_PATH, context.get("normalize").asBoolean())
                .option(SigV4Options.DOUBLE_URL_ENCODE, true)
                .option(SigV4Options.CONTENT_SHA256_HEADER, context.get("sign_body").asBoolean())
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT,
                        omitToken() ? SessionTokenPlacement.AFTER_SIGNING : SessionTokenPlacement.SIGNED)
                .build();
    }

    /** The verifier's config for the case. */
    public SigningConfig verifierConfig() {
        return SigningConfig.builder()
                .region(context.get("region").asText())
                .service(context.get("service").asText())
                .option(SigV4Options.NORMALIZE_PATH, context.get("normalize").asBoolean())
                .option(SigV4Options.DOUBLE_URL_ENCODE, true)
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT,
                        omitToken() ? SessionTokenPlacement.AFTER_SIGNING : SessionTokenPlacement.SIGNED)
                .build();
    }

    /** The published public key ({@code public-key.json}), built with the JDK alone. */
    public ECPublicKey publishedPublicKey() {
        try {
            JsonNode k = JSON.readTree(text("public-key.json"));
            var params = java.security.AlgorithmParameters.getInstance("EC");
            params.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
            var spec = params.getParameterSpec(java.security.spec.ECParameterSpec.class);
            ECPoint point = new ECPoint(new BigInteger(k.get("X").asText(), 16), new BigInteger(k.get("Y").asText(), 16));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key's coordinates as in {@code public-key.json}: X and Y, lower-case hex. */
    public String[] publishedCoordinates() {
        try {
            JsonNode k = JSON.readTree(text("public-key.json"));
            return new String[] {k.get("X").asText().toLowerCase(Locale.ROOT), k.get("Y").asText().toLowerCase(Locale.ROOT)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw HTTP/1.1 request of the suite (lines end with LF). */
    public static final class Http {
        public final String method;
        public final String target;
        public final List<String[]> headers;
        public final byte[] body;

        private Http(String method, String target, List<String[]> headers, byte[] body) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
        }

        public static Http parse(byte[] raw) {
            int p = 0;
            List<String> lines = new ArrayList<>();
            int bodyStart = raw.length;
            while (p < raw.length) {
                int e = p;
                while (e < raw.length && raw[e] != '\n') {
                    e++;
                }
                String line = new String(raw, p, e - p, StandardCharsets.UTF_8);
                p = e + 1;
                if (line.isEmpty() && !lines.isEmpty()) {
                    bodyStart = Math.min(p, raw.length);
                    break;
                }
                lines.add(line);
            }
            String requestLine = lines.get(0);
            String method = requestLine.substring(0, requestLine.indexOf(' '));
            String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
            List<String[]> headers = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                if ((l.startsWith(" ") || l.startsWith("\t")) && !headers.isEmpty()) {
                    String[] last = headers.get(headers.size() - 1);
                    last[1] = last[1] + " " + l; // obs-fold: the continuation joins the value
                } else {
                    int colon = l.indexOf(':');
                    headers.add(new String[] {l.substring(0, colon), l.substring(colon + 1).trim()});
                }
            }
            return new Http(method, target, headers, Arrays.copyOfRange(raw, bodyStart, raw.length));
        }

        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        public SignableRequest toSignable() {
            SignableRequest.Builder b = SignableRequest.builder().method(method)
                    .uri("https://" + header("host") + target);
            for (String[] h : headers) {
                b.header(h[0], h[1]);
            }
            return b.payload(Payload.ofBytes(body)).build();
        }
    }
}
