package io.interchange.exchange;

import static io.interchange.exchange.ExchangeApiTest.assertLedgeredRefusal;
import static io.interchange.exchange.ExchangeApiTest.entry;
import static io.interchange.exchange.UpstreamExchangeTest.allow;
import static io.interchange.exchange.UpstreamExchangeTest.origin;
import static io.interchange.exchange.UpstreamExchangeTest.upstreamResource;
import static io.interchange.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.interchange.exchange.upstream.TestUpstream;
import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No worker thread waits on a department's API: with a worker pool of {@value #WORKERS} threads, {@value #CALLS}
 * queries to an upstream that answers only once all of them have arrived must all be in flight together — a broker that
 * parked a worker per call would never get past {@value #WORKERS} and the upstream would give up waiting.
 */
@QuarkusTest
@TestProfile(UpstreamInFlightTest.FewWorkers.class)
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UpstreamInFlightTest {

    static final int WORKERS = 4;
    static final int CALLS = 16;

    /** A worker pool far smaller than the number of calls in flight. */
    public static class FewWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", Integer.toString(WORKERS));
        }
    }

    /** Holds every request until {@link #CALLS} are waiting (or 8 s pass), then answers each with a record. */
    static HttpServer gate;

    static final AtomicInteger waiting = new AtomicInteger();
    static final AtomicInteger mostWaiting = new AtomicInteger();
    static volatile CountDownLatch arrived = new CountDownLatch(0);

    @BeforeAll
    static void start() throws IOException {
        gate = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        gate.createContext("/gate/", UpstreamInFlightTest::hold);
        gate.setExecutor(Executors.newFixedThreadPool(CALLS + 8));
        gate.start();
    }

    @AfterAll
    static void stop() {
        gate.stop(0);
    }

    private static void hold(HttpExchange exchange) throws IOException {
        int now = waiting.incrementAndGet();
        mostWaiting.accumulateAndGet(now, Math::max);
        arrived.countDown();
        try {
            arrived.await(8, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
        String id = exchange.getRequestURI().getRawPath().substring("/gate/".length());
        byte[] body = TestUpstream.RECORD_TEMPLATE.formatted(id, 3).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }

    @Test
    void more_slow_upstream_calls_than_worker_threads_are_in_flight_together_and_all_are_answered_and_ledgered()
            throws Exception {
        allow(origin("http", "127.0.0.1", gate.getAddress().getPort()));
        String id = Api.published(
                upstreamResource("http://127.0.0.1:" + gate.getAddress().getPort() + "/gate/{id_number}", 10_000));
        arrived = new CountDownLatch(0);
        as("psb-app").get("/api/v1/exchange/" + id + "/records?id_number=" + UpstreamExchangeTest.PERSON); // warm
        mostWaiting.set(0);
        arrived = new CountDownLatch(CALLS);

        ExecutorService clients = Executors.newFixedThreadPool(CALLS);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(clients.submit(() -> as("psb-app")
                        .get("/api/v1/exchange/" + id + "/records?id_number=" + UpstreamExchangeTest.PERSON)));
            }
            // While they all wait on the upstream, the hub still has workers for everything else.
            assertTrue(arrived.await(8, TimeUnit.SECONDS), "only " + mostWaiting.get() + " calls reached the upstream");
            List<String> exchanges = new ArrayList<>();
            for (Future<Response> call : calls) {
                Response r = call.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.asString());
                assertEquals(1, r.jsonPath().getList("items").size());
                exchanges.add(r.header("X-Exchange-Id"));
            }
            assertEquals(CALLS, mostWaiting.get(), "every call was in flight at once, on " + WORKERS + " workers");
            for (String exchange : exchanges) {
                assertEquals("ANSWERED", entry("psb-auditor", id, exchange).get("outcome"));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void a_cached_upstream_exchange_is_answered_while_every_worker_thread_is_busy() throws Exception {
        allow(origin("http", "127.0.0.1", gate.getAddress().getPort()));
        String id = Api.published(
                upstreamResource("http://127.0.0.1:" + gate.getAddress().getPort() + "/gate/{id_number}", 10_000));
        arrived = new CountDownLatch(0);
        String path = "/api/v1/exchange/" + id + "/records?id_number=" + UpstreamExchangeTest.PERSON;
        assertEquals(200, as("psb-app").get(path).statusCode()); // resource, grant and allow-list now cached

        CountDownLatch held = new CountDownLatch(WORKERS);
        CountDownLatch release = new CountDownLatch(1);
        var workers = io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool();
        for (int i = 0; i < WORKERS; i++) {
            workers.execute(() -> {
                held.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            assertTrue(held.await(5, TimeUnit.SECONDS), "every worker thread is taken");
            // A broker that needed a worker for its policy would wait here until the workers are released.
            Response r = client.submit(() -> as("psb-app").get(path)).get(10, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals(1, release.getCount(), "answered while the workers were still held");
            release.countDown(); // the ledger API below reads on a worker
            assertEquals(
                    "ANSWERED",
                    entry("psb-auditor", id, r.header("X-Exchange-Id")).get("outcome"));
        } finally {
            release.countDown();
            client.shutdownNow();
        }
    }

    @Test
    void a_refusal_after_the_call_is_still_ledgered_before_the_response() {
        allow(origin("http", "127.0.0.1", gate.getAddress().getPort()));
        // an upstream that never answers within 300 ms: the deadline refuses it, off any worker thread
        arrived = new CountDownLatch(1_000);
        String id = Api.published(
                upstreamResource("http://127.0.0.1:" + gate.getAddress().getPort() + "/gate/{id_number}", 300));
        Response r = as("psb-app").get("/api/v1/exchange/" + id + "/records?id_number=" + UpstreamExchangeTest.PERSON);
        assertLedgeredRefusal(r, 504, "UPSTREAM_TIMEOUT", "psb-auditor", id);
        arrived = new CountDownLatch(0);
    }
}
