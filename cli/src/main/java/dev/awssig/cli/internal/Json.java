package dev.awssig.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.SignedRequest;
import java.io.UncheckedIOException;

/** JSON output of signed requests and presigned URLs. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode signed(SignedRequest s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("algorithm", s.algorithm());
        o.put("signature", s.signature());
        if (Job.isSigV4(s.algorithm())) {
            o.put("canonicalRequest", s.canonicalRequest());
        }
        o.put("stringToSign", s.stringToSign());
        o.set("headers", headers(s.request().headers()));
        o.put("url", s.request().uri());
        return o;
    }

    static ObjectNode presigned(PresignedUrl p, boolean sigV4) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("url", p.url());
        o.put("method", p.method());
        o.put("expiration", p.expiration().toString());
        o.put("signature", p.signature());
        if (sigV4) {
            o.put("canonicalRequest", p.canonicalRequest());
        }
        o.put("stringToSign", p.stringToSign());
        o.set("headers", headers(p.signedHeaders()));
        if (!p.warnings().isEmpty()) {
            ArrayNode warnings = o.putArray("warnings");
            p.warnings().forEach(warnings::add);
        }
        return o;
    }

    static ArrayNode headers(Headers headers) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Headers.Header h : headers.entries()) {
            a.addArray().add(h.name()).add(h.value());
        }
        return a;
    }

    static String line(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pretty(Object node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
