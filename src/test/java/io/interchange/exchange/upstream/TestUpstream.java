package io.interchange.exchange.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A department API for tests, on 127.0.0.1 and a free port, with the answers a hostile or broken upstream gives:
 * records, a redirect to a private address, a 50 MB body, a slow answer, a wrong-typed item, a server error. It keeps
 * the Authorization headers it received, so tests can see what the hub sent.
 */
public final class TestUpstream implements AutoCloseable {

    public static final String RECORD_TEMPLATE =
            "{\"id_number\":\"%s\",\"full_name\":\"欧阳娜娜\",\"mobile\":\"13812341234\","
                    + "\"household_size\":%d,\"secret_note\":\"not in the catalogue\"}";

    private final HttpServer server;
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final List<String> paths = new CopyOnWriteArrayList<>();
    public final AtomicLong hugeBytesSent = new AtomicLong();

    public TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String origin() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "(none)" : auth);
        String path = exchange.getRequestURI().getRawPath();
        paths.add(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        try {
            if (path.startsWith("/residents/")) {
                String id = path.substring("/residents/".length());
                send(exchange, 200, RECORD_TEMPLATE.formatted(id, 3));
            } else if (path.startsWith("/household/")) {
                // two people of one household: a row scope may release only one of them
                String id = path.substring("/household/".length());
                send(
                        exchange,
                        200,
                        "[" + RECORD_TEMPLATE.formatted(id, 3) + "," + RECORD_TEMPLATE.formatted(id, 9) + "]");
            } else if (path.startsWith("/large/")) {
                // ~450 KB: above the size the hub parses on the event loop, so it takes the worker path
                String id = path.substring("/large/".length());
                StringBuilder json = new StringBuilder("[");
                for (int i = 0; i < 3000; i++) {
                    json.append(i == 0 ? "" : ",").append(RECORD_TEMPLATE.formatted(id, i % 7));
                }
                send(exchange, 200, json.append(']').toString());
            } else if (path.startsWith("/redirect/")) {
                exchange.getResponseHeaders().set("Location", "http://10.0.0.1/internal");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.startsWith("/huge/")) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse up front
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write('[');
                    for (int i = 0; i < 800; i++) { // 50 MB
                        out.write(chunk);
                        hugeBytesSent.addAndGet(chunk.length);
                    }
                    out.write(']');
                } catch (IOException cut) {
                    // the hub hung up: what this test wants
                }
            } else if (path.startsWith("/slow/")) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "[]");
            } else if (path.startsWith("/wrong-type/")) {
                send(exchange, 200, "{\"id_number\":\"x\",\"household_size\":\"many\"}");
            } else if (path.startsWith("/missing/")) {
                send(exchange, 404, "{}");
            } else {
                send(exchange, 500, "{\"error\":\"broken\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
