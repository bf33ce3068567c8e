package dev.awssig.v4.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that hands out at most {@code slice} bytes per read, like a socket. */
public final class Trickle extends InputStream {
    private final InputStream in;
    private final int slice;

    public Trickle(byte[] bytes, int slice) {
        this.in = new ByteArrayInputStream(bytes);
        this.slice = slice;
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, Math.min(len, slice));
    }
}
