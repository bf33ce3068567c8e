package dev.awssig.v4a.support;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A connection as a server sees it: the bytes of one request body followed by whatever comes
 * next (a pipelined request), handed out at most {@code slice} bytes per read, like a socket.
 * It records every read asked of it: where it started, how many bytes it asked for and how
 * many it got, so a test can tell whether a reader ever asked for a byte past the body's end,
 * and pin the exact lengths a reader asks for.
 */
public final class Wire extends InputStream {
    private final byte[] bytes;
    private final int slice;
    private int position;
    private final List<long[]> asked = new ArrayList<>();
    private final List<Integer> returned = new ArrayList<>();

    /**
     * @param body the request body
     * @param next what follows it on the connection
     * @param slice the most bytes one read hands out
     */
    public Wire(byte[] body, byte[] next, int slice) {
        this.bytes = Arrays.copyOf(body, body.length + next.length);
        System.arraycopy(next, 0, bytes, body.length, next.length);
        this.slice = slice;
    }

    @Override
    public int read() {
        asked.add(new long[] {position, 1});
        returned.add(position < bytes.length ? 1 : -1);
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        asked.add(new long[] {position, len});
        int n = len == 0 ? 0 : position >= bytes.length ? -1 : Math.min(Math.min(len, slice), bytes.length - position);
        returned.add(n);
        if (n > 0) {
            System.arraycopy(bytes, position, b, off, n);
            position += n;
        }
        return n;
    }

    /** The bytes not read yet. */
    public byte[] rest() {
        return Arrays.copyOfRange(bytes, position, bytes.length);
    }

    /** One past the furthest byte any read asked for. */
    public long furthestAsked() {
        long end = 0;
        for (long[] a : asked) {
            end = Math.max(end, a[0] + a[1]);
        }
        return end;
    }

    /** The number of bytes each read asked for, in order. */
    public List<Integer> lengthsAsked() {
        List<Integer> out = new ArrayList<>();
        for (long[] a : asked) {
            out.add((int) a[1]);
        }
        return out;
    }

    /** What each read returned, in order: the number of bytes, or -1 at the end. */
    public List<Integer> lengthsReturned() {
        return List.copyOf(returned);
    }

    /** The number of reads asked. */
    public int reads() {
        return asked.size();
    }

    /** The number of reads that asked for exactly one byte. */
    public int singleByteReads() {
        int n = 0;
        for (long[] a : asked) {
            if (a[1] == 1) {
                n++;
            }
        }
        return n;
    }
}
