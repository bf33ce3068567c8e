package dev.awssig.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds a {@code multipart/form-data} body (RFC 7578) the way a browser does for an S3 POST
 * upload: text fields in the order added, then the file part. Field values are written as UTF-8.
 */
final class MultipartBody {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean built;

    /**
     * A new body with a fixed boundary (tests stay reproducible).
     *
     * @param boundary the boundary; must not occur in any value
     */
    MultipartBody(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("boundary: must be 1..70 characters");
        }
        this.boundary = boundary;
    }

    /** A body with a default boundary. */
    MultipartBody() {
        this("----awssigE2eBoundary7MA4YWxkTrZu0gW");
    }

    /**
     * Adds a text field.
     *
     * @param name the field name
     * @param value the value
     * @return this
     */
    MultipartBody field(String name, String value) {
        check(name, "field name");
        check(value, "value of " + name);
        write("--" + boundary + "\r\n");
        write("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        write(value);
        write("\r\n");
        return this;
    }

    /**
     * Adds every field of a map, in its iteration order.
     *
     * @param fields name to value
     * @return this
     */
    MultipartBody fields(Map<String, String> fields) {
        fields.forEach(this::field);
        return this;
    }

    /**
     * Adds a file part.
     *
     * @param name the field name (S3 wants {@code file}, last)
     * @param filename the file name
     * @param contentType the part's content type
     * @param content the file bytes
     * @return this
     */
    MultipartBody file(String name, String filename, String contentType, byte[] content) {
        check(name, "field name");
        check(filename, "filename");
        write("--" + boundary + "\r\n");
        write("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n");
        write("Content-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** The request's {@code Content-Type}. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * Closes the body and returns it.
     *
     * @return the bytes to send
     */
    byte[] build() {
        if (!built) {
            write("--" + boundary + "--\r\n");
            built = true;
        }
        return out.toByteArray();
    }

    private void check(String s, String what) {
        if (s.indexOf('"') >= 0 && !what.startsWith("value")) {
            throw new IllegalArgumentException(what + ": must not contain '\"'");
        }
        if (s.contains(boundary)) {
            throw new IllegalArgumentException(what + ": contains the boundary");
        }
        if (built) {
            throw new IllegalStateException("body already built");
        }
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
