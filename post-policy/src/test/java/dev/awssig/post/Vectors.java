package dev.awssig.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code vectors/s3-doc-examples.json} (copied byte-exact from the shared vectors). */
final class Vectors {
    private Vectors() {
    }

    static JsonNode docExamples() {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/s3-doc-examples.json")) {
            if (in == null) {
                throw new IllegalStateException("vectors/s3-doc-examples.json is not on the test class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The POST examples of an algorithm that the file marks as reproduced. */
    static List<JsonNode> reproducedPostExamples(String algorithm) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : docExamples()) {
            if (algorithm.equals(n.path("algorithm").asText()) && n.path("verification").path("reproduced").asBoolean()) {
                out.add(n);
            }
        }
        return out;
    }

    static JsonNode byName(String name) {
        for (JsonNode n : docExamples()) {
            if (name.equals(n.path("name").asText())) {
                return n;
            }
        }
        throw new IllegalArgumentException("no vector named " + name);
    }
}
