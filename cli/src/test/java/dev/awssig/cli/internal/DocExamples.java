package dev.awssig.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The AWS documentation examples of {@code vectors/s3-doc-examples.json} (copied byte for byte). */
final class DocExamples {
    private static final JsonNode ALL = load();

    private DocExamples() {
    }

    private static JsonNode load() {
        try (InputStream in = DocExamples.class.getResourceAsStream("/vectors/s3-doc-examples.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode named(String name) {
        for (JsonNode n : ALL) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no example " + name);
    }

    /** The reproduced examples of one algorithm, by name. */
    static List<String> names(String algorithm) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : ALL) {
            if (n.get("algorithm").asText().equals(algorithm) && n.get("verification").get("reproduced").asBoolean()) {
                out.add(n.get("name").asText());
            }
        }
        return out;
    }
}
