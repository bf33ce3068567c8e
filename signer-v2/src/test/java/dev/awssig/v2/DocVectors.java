package dev.awssig.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Signature Version 2 examples of {@code s3-doc-examples.json} that the file marks as reproduced. */
final class DocVectors {
    private static final List<Object> ALL = castList(Json.readResource("/vectors/s3-doc-examples.json"));

    private DocVectors() {
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) {
        return (List<Object>) o;
    }

    /** Reproduced examples of an algorithm (the ones marked not reproduced are doc typos). */
    static List<Map<String, Object>> reproduced(String algorithm) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : ALL) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) o;
            if (algorithm.equals(e.get("algorithm"))
                    && Boolean.TRUE.equals(Json.obj(e, "verification").get("reproduced"))) {
                out.add(e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no reproduced " + algorithm + " examples in the vector file");
        }
        return out;
    }
}
