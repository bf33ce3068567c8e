package dev.awssig.servlet.internal;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request the application sees: the verified body instead of the container's, and the
 * headers that describe it (an aws-chunked upload's decoded length as {@code Content-Length},
 * {@code aws-chunked} gone from {@code Content-Encoding}; a POST upload's file as the body).
 */
public final class VerifiedRequest extends HttpServletRequestWrapper {
    private final VerifiedBody body;
    private final long contentLength;
    /** Header overrides by lower-case name: an empty list removes the header. */
    private final Map<String, List<String>> overrides = new LinkedHashMap<>();
    private BufferedReader reader;

    /**
     * A wrapper.
     *
     * @param request the container's request
     * @param body the verified body
     * @param contentLength the body's length, or -1 when unknown
     */
    public VerifiedRequest(HttpServletRequest request, VerifiedBody body, long contentLength) {
        super(request);
        this.body = body;
        this.contentLength = contentLength;
        if (contentLength >= 0) {
            override("content-length", Long.toString(contentLength));
        }
    }

    /**
     * Replaces a header.
     *
     * @param name the name
     * @param values the values (none: removed)
     * @return this
     */
    public VerifiedRequest override(String name, String... values) {
        overrides.put(name.toLowerCase(Locale.ROOT), List.of(values));
        return this;
    }

    @Override
    public ServletInputStream getInputStream() {
        return body;
    }

    @Override
    public BufferedReader getReader() {
        if (reader == null) {
            String enc = getCharacterEncoding();
            Charset cs;
            try {
                cs = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
            } catch (RuntimeException e) {
                cs = StandardCharsets.ISO_8859_1;
            }
            reader = new BufferedReader(new InputStreamReader(body, cs));
        }
        return reader;
    }

    @Override
    public int getContentLength() {
        return contentLength > Integer.MAX_VALUE ? -1 : (int) contentLength;
    }

    @Override
    public long getContentLengthLong() {
        return contentLength;
    }

    @Override
    public String getContentType() {
        List<String> o = overrides.get("content-type");
        return o != null ? (o.isEmpty() ? null : o.get(0)) : super.getContentType();
    }

    @Override
    public String getHeader(String name) {
        List<String> o = name == null ? null : overrides.get(name.toLowerCase(Locale.ROOT));
        if (o != null) {
            return o.isEmpty() ? null : o.get(0);
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        List<String> o = name == null ? null : overrides.get(name.toLowerCase(Locale.ROOT));
        if (o != null) {
            return Collections.enumeration(o);
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
            String n = e.nextElement();
            if (!overrides.containsKey(n.toLowerCase(Locale.ROOT))) {
                names.add(n);
            }
        }
        overrides.forEach((n, v) -> {
            if (!v.isEmpty()) {
                names.add(n);
            }
        });
        return Collections.enumeration(names);
    }

    @Override
    public int getIntHeader(String name) {
        String v = getHeader(name);
        return v == null ? -1 : Integer.parseInt(v.trim());
    }

    @Override
    public long getDateHeader(String name) {
        List<String> o = name == null ? null : overrides.get(name.toLowerCase(Locale.ROOT));
        if (o != null && o.isEmpty()) {
            return -1;
        }
        return super.getDateHeader(name);
    }
}
