package dev.awssig.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny page server on {@code 127.0.0.1} (the JDK's {@code com.sun.net.httpserver}): serves HTML
 * pages registered by path and records every request URI it sees (a POST upload's
 * {@code success_action_redirect} lands here).
 */
final class LocalPages implements AutoCloseable {
    private final HttpServer server;
    private final ConcurrentHashMap<String, String> pages = new ConcurrentHashMap<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    LocalPages() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                seen.add(exchange.getRequestURI().toString());
                String html = pages.get(exchange.getRequestURI().getPath());
                byte[] body = (html != null ? html : "<!doctype html><title>ok</title><p id=\"landed\">landed</p>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    /**
     * Serves a page.
     *
     * @param path the path, starting with '/'
     * @param html the page
     * @return the page's URL
     */
    String serve(String path, String html) {
        pages.put(path, html);
        return base() + path;
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request URI seen so far (path and query). */
    List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
