// The stub upstream of the benchmark: a department's own HTTP API reduced to one fixed JSON answer.
// JDK only (com.sun.net.httpserver), single-file source: `java bench/stub/Stub.java PORT [THREADS]`.
// Binds 127.0.0.1 only, answers every GET/POST with the same resident record, prints "stub ready on PORT" once
// listening (a keyed /api/residents/{id} lookup gets that person's record, anything else the fixed one), and stops on SIGTERM/SIGINT (the harness's trap) or after --max-seconds (default 3600) as a safety net.
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public class Stub {
    /** Shaped like the bench's hosted resource, so an upstream resource can declare the same items. */
    static final String RECORD = "{\"id_number\":\"%s\",\"full_name\":\"欧阳娜娜\","
            + "\"mobile\":\"13812341234\",\"region_code\":\"330106\"}";
    static final byte[] BODY = RECORD.formatted("330100000000000001").getBytes(StandardCharsets.UTF_8);
    static final String RESIDENTS = "/api/residents/";

    public static void main(String[] args) throws IOException {
        // Headers and body go out as separate writes: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        long maxSeconds = args.length > 2 ? Long.parseLong(args[2]) : 3600;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            // /api/residents/{id}: the record of that person, as a department API answers a keyed lookup
            String path = exchange.getRequestURI().getRawPath();
            String id = path.startsWith(RESIDENTS) ? path.substring(RESIDENTS.length()) : "";
            byte[] body = id.matches("[0-9]{17}[0-9X]")
                    ? RECORD.formatted(id).getBytes(StandardCharsets.UTF_8)
                    : BODY;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("stub ready on " + port);
        try {
            Thread.sleep(maxSeconds * 1000);
        } catch (InterruptedException ignored) {
        }
        System.exit(0);
    }
}
