package dev.awssig.servlet.internal;

import dev.awssig.AuthError;
import dev.awssig.BodyVerificationException;
import dev.awssig.VerificationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body as it arrives: the fields before the {@code file} part
 * (bounded in total by a byte budget), then the file as a stream that ends at the next boundary.
 * What follows the file is never read (S3 ignores it). Memory: one buffer of 64 KiB plus the
 * fields. A boundary is searched with a linear scan (the delimiter is at most 74 bytes).
 */
public final class Multipart {
    private static final String MALFORMED = "The body of your POST request is not well-formed multipart/form-data.";
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean sourceEnded;
    private long budget;

    /** The fields before the file, in order. */
    public final List<Map.Entry<String, String>> fields = new ArrayList<>();
    /** The file part's file name, or null. */
    public String fileName;
    /** The file part's Content-Type, or null. */
    public String fileContentType;
    /** Whether a file part was found (its data is then {@link #file()}). */
    public boolean hasFile;

    private Multipart(InputStream in, String boundary, long budget) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // the first delimiter has no CRLF before it: read the body as if it had one
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
        this.budget = budget;
    }

    /**
     * The boundary parameter of a {@code multipart/form-data} content type.
     *
     * @param contentType the Content-Type header, or null
     * @return the boundary, or null when the type is not multipart/form-data with a valid boundary
     */
    public static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("multipart/form-data")) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String b = p.substring(eq + 1).trim();
                if (b.length() >= 2 && b.charAt(0) == '"' && b.charAt(b.length() - 1) == '"') {
                    b = b.substring(1, b.length() - 1);
                }
                if (b.isEmpty() || b.length() > 70) {
                    return null;
                }
                for (int k = 0; k < b.length(); k++) {
                    char c = b.charAt(k);
                    if (c < 0x20 || c >= 0x7f) {
                        return null;
                    }
                }
                return b;
            }
        }
        return null;
    }

    /**
     * Reads the fields up to the file part.
     *
     * @param in the body
     * @param boundary the boundary
     * @param fieldBytes the most bytes of field names and values before the file
     * @return the reader, positioned at the file's data (if any)
     * @throws BodyVerificationException {@code MalformedPOSTRequest} or
     *     {@code MaxPostPreDataLengthExceededError}
     * @throws IOException if the body cannot be read
     */
    public static Multipart read(InputStream in, String boundary, long fieldBytes) throws IOException {
        Multipart m = new Multipart(in, boundary, fieldBytes);
        m.readFields();
        return m;
    }

    private static BodyVerificationException malformed(String detail) {
        return new BodyVerificationException(VerificationResult.failure(AuthError.MALFORMED_POST_REQUEST,
                MALFORMED + " (" + detail + ")"));
    }

    private BodyVerificationException tooLarge() {
        return new BodyVerificationException(VerificationResult.failure(AuthError.MAX_POST_PRE_DATA_LENGTH_EXCEEDED,
                "Your POST request fields preceding the upload file were too large."));
    }

    private void readFields() throws IOException {
        // the preamble, up to the first delimiter, is discarded (bounded by the budget)
        skipPart(true);
        while (true) {
            if (!afterDelimiter()) {
                return; // the closing delimiter: no file part
            }
            String name = null;
            String filename = null;
            String type = null;
            while (true) {
                String line = readLine();
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw malformed("a part header has no ':'");
                }
                String h = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String v = line.substring(colon + 1).trim();
                if (h.equals("content-disposition")) {
                    String[] params = splitParams(v);
                    if (!params[0].equalsIgnoreCase("form-data")) {
                        throw malformed("a part is not form-data");
                    }
                    name = params[1];
                    filename = params[2];
                } else if (h.equals("content-type")) {
                    type = v;
                }
            }
            if (name == null) {
                throw malformed("a part has no name");
            }
            if (name.equalsIgnoreCase("file")) {
                hasFile = true;
                fileName = filename;
                fileContentType = type;
                return;
            }
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = readPart(chunk, 0, chunk.length)) >= 0) {
                budget -= n;
                if (budget < 0) {
                    throw tooLarge();
                }
                value.write(chunk, 0, n);
            }
            String text = utf8(value.toByteArray(), name);
            fields.add(new AbstractMap.SimpleImmutableEntry<>(name, text));
        }
    }

    private static String utf8(byte[] b, String field) throws BodyVerificationException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the value of a field is not UTF-8");
        }
    }

    /** [disposition type, name, filename] of a Content-Disposition value (quoted strings unescaped). */
    private static String[] splitParams(String v) throws BodyVerificationException {
        String[] out = new String[3];
        int i = v.indexOf(';');
        out[0] = (i < 0 ? v : v.substring(0, i)).trim();
        while (i >= 0 && i < v.length()) {
            int start = i + 1;
            int eq = v.indexOf('=', start);
            if (eq < 0) {
                break;
            }
            String key = v.substring(start, eq).trim().toLowerCase(Locale.ROOT);
            StringBuilder val = new StringBuilder();
            int k = eq + 1;
            while (k < v.length() && v.charAt(k) == ' ') {
                k++;
            }
            if (k < v.length() && v.charAt(k) == '"') {
                k++;
                // browsers send a quote in a name as %22 and a backslash as it is (RFC 7578 4.2)
                while (k < v.length() && v.charAt(k) != '"') {
                    val.append(v.charAt(k));
                    k++;
                }
                if (k >= v.length()) {
                    throw malformed("an unterminated quoted string in Content-Disposition");
                }
                k++;
                i = v.indexOf(';', k);
            } else {
                int semi = v.indexOf(';', k);
                val.append((semi < 0 ? v.substring(k) : v.substring(k, semi)).trim());
                i = semi;
            }
            if (key.equals("name")) {
                out[1] = val.toString();
            } else if (key.equals("filename")) {
                out[2] = val.toString();
            }
        }
        return out;
    }

    /** After a delimiter: true for "CRLF" (a part follows), false for "--" (the end). */
    private boolean afterDelimiter() throws IOException {
        partEnded = false;
        ensure(2);
        if (lim - pos < 2) {
            throw malformed("the body ends after a boundary");
        }
        byte a = buf[pos];
        byte b = buf[pos + 1];
        pos += 2;
        if (a == '-' && b == '-') {
            return false;
        }
        if (a == '\r' && b == '\n') {
            return true;
        }
        // transport padding (spaces, tabs) before the CRLF
        pos -= 2;
        String rest = readLine();
        if (!rest.isBlank()) {
            throw malformed("unexpected text after a boundary");
        }
        return true;
    }

    /** A header line without its CRLF, ISO-8859-1 (UTF-8 file names are re-decoded). */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (pos == lim) {
                ensure(1);
                if (pos == lim) {
                    throw malformed("the body ends inside a part's headers");
                }
            }
            byte c = buf[pos++];
            budget--;
            if (budget < 0) {
                throw tooLarge();
            }
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                String s = new String(b, 0, n, StandardCharsets.UTF_8);
                return s;
            }
            line.write(c);
            if (line.size() > MAX_HEADER_LINE) {
                throw malformed("a part header line is too long");
            }
        }
    }

    private void skipPart(boolean preamble) throws IOException {
        byte[] scratch = new byte[4096];
        int n;
        while ((n = readPart(scratch, 0, scratch.length)) >= 0) {
            if (preamble) {
                budget -= n;
                if (budget < 0) {
                    throw tooLarge();
                }
            }
        }
    }

    private boolean partEnded;

    /** Reads the current part's data; -1 at its delimiter (which is consumed). */
    private int readPart(byte[] b, int off, int len) throws IOException {
        if (partEnded) {
            return -1;
        }
        while (true) {
            int found = indexOfDelimiter();
            if (found >= 0) {
                int avail = found - pos;
                if (avail == 0) {
                    pos = found + delimiter.length;
                    partEnded = true;
                    return -1;
                }
                int n = Math.min(len, avail);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
            int safe = lim - pos - (delimiter.length - 1);
            if (safe > 0) {
                int n = Math.min(len, safe);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
            if (sourceEnded) {
                throw malformed("the body ends before the closing boundary");
            }
            ensure(delimiter.length + 1);
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = lim - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads until at least {@code need} bytes are buffered or the source ends. */
    private void ensure(int need) throws IOException {
        if (lim - pos >= need || sourceEnded) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < need && lim < buf.length) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                sourceEnded = true;
                return;
            }
            lim += n;
        }
    }

    /**
     * The file's data, ending at the boundary after it.
     *
     * @return the stream
     */
    public InputStream file() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return readPart(b, off, len);
            }
        };
    }

    /**
     * The fields as a list (for diagnostics).
     *
     * @return the names
     */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> e : fields) {
            names.add(e.getKey());
        }
        return names;
    }
}
