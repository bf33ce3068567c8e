package dev.awssig.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of a server that changes what a client sends after the
 * client signed it: every occurrence of one byte string in the client-to-server direction is
 * replaced by another of the same length (a header value, or bytes inside a body or an
 * aws-chunked chunk). For clients whose HTTP layer offers no hook after signing (the AWS SDK v1,
 * MinIO): they are pointed at the relay and see the server's answer unchanged.
 */
final class TamperingRelay implements AutoCloseable {
    private final ServerSocket socket;
    private final URI target;
    private final byte[] from;
    private final byte[] to;
    private final AtomicInteger replaced = new AtomicInteger();

    private TamperingRelay(URI target, byte[] from, byte[] to) throws IOException {
        if (from.length != to.length || from.length == 0) {
            throw new IllegalArgumentException("from and to must be non-empty and of one length");
        }
        this.target = target;
        this.from = from;
        this.to = to;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tampering-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay to {@code endpoint} (http://127.0.0.1:PORT) replacing {@code from} by {@code to}. */
    static TamperingRelay start(String endpoint, String from, String to) throws IOException {
        return new TamperingRelay(URI.create(endpoint), from.getBytes(StandardCharsets.ISO_8859_1),
                to.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The relay's endpoint, {@code http://127.0.0.1:PORT}. */
    String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** How many times the string was replaced so far. */
    int replaced() {
        return replaced.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(target.getHost(), target.getPort());
                start(() -> pump(client, server, true));
                start(() -> pump(server, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "tampering-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket in, Socket out, boolean tamper) {
        try (InputStream i = in.getInputStream(); OutputStream o = out.getOutputStream()) {
            byte[] buf = new byte[64 * 1024 + from.length];
            int held = 0; // bytes at the start of buf kept back: a prefix of 'from' at the end of the last read
            for (int n = i.read(buf, held, buf.length - held - from.length); n >= 0;
                 n = i.read(buf, held, buf.length - held - from.length)) {
                int end = held + n;
                held = 0;
                if (tamper) {
                    for (int at = indexOf(buf, end, 0); at >= 0; at = indexOf(buf, end, at + from.length)) {
                        System.arraycopy(to, 0, buf, at, to.length);
                        replaced.incrementAndGet();
                    }
                    held = partialMatchAtEnd(buf, end);
                }
                o.write(buf, 0, end - held);
                o.flush();
                System.arraycopy(buf, end - held, buf, 0, held);
            }
            o.write(buf, 0, held);
            out.shutdownOutput();
        } catch (IOException e) {
            // a side closed: close both
        } finally {
            closeQuietly(in);
            closeQuietly(out);
        }
    }

    private int indexOf(byte[] buf, int end, int start) {
        for (int i = start; i + from.length <= end; i++) {
            if (Arrays.equals(buf, i, i + from.length, from, 0, from.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The length of the longest proper prefix of 'from' the buffer ends with. */
    private int partialMatchAtEnd(byte[] buf, int end) {
        for (int k = Math.min(from.length - 1, end); k > 0; k--) {
            if (Arrays.equals(buf, end - k, end, from, 0, k)) {
                return k;
            }
        }
        return 0;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
