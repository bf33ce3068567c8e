package dev.awssig.e2e;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 that records each request exactly as it arrives: the
 * request line, every header line in order (names as written, duplicates kept) and the body
 * length; it answers {@code 200} with no body. For checking what a client puts on the wire
 * without any server-side parsing in between.
 */
final class RecordingServer implements AutoCloseable {
    /** One request as received. */
    record Recorded(String method, String target, List<String[]> headers, long bodyLength) {
        /** Every value of a header, by case-insensitive name, in order. */
        List<String> values(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    out.add(h[1]);
                }
            }
            return out;
        }
    }

    private final ServerSocket socket;
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    RecordingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "recording-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "recording-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                String line;
                try {
                    line = line(in);
                } catch (EOFException e) {
                    return; // the client closed the connection between requests
                }
                String[] parts = line.split(" ");
                List<String[]> headers = new ArrayList<>();
                for (String l = line(in); !l.isEmpty(); l = line(in)) {
                    int colon = l.indexOf(':');
                    headers.add(new String[] {l.substring(0, colon), l.substring(colon + 1).trim()});
                }
                Recorded r = new Recorded(parts[0], parts[1], headers, 0);
                long length = body(in, out, r);
                requests.add(new Recorded(parts[0], parts[1], headers, length));
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the exchange ended; what arrived is recorded
        }
    }

    private static long body(InputStream in, OutputStream out, Recorded r) throws IOException {
        if (r.values("Expect").stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        if (r.values("Transfer-Encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            long total = 0;
            while (true) {
                String size = line(in);
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    for (String l = line(in); !l.isEmpty(); l = line(in)) {
                        // trailers
                    }
                    return total;
                }
                in.skipNBytes(n);
                line(in);
                total += n;
            }
        }
        List<String> cl = r.values("Content-Length");
        long n = cl.isEmpty() ? 0 : Long.parseLong(cl.get(0));
        in.skipNBytes(n);
        return n;
    }

    private static String line(InputStream in) throws IOException {
        return S3Http.line(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
