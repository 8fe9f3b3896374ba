package io.interchange.platform.outbox;

import static io.interchange.platform.outbox.NotifyFixtures.await;
import static io.interchange.platform.outbox.NotifyFixtures.department;
import static io.interchange.platform.outbox.NotifyFixtures.officer;
import static io.interchange.platform.outbox.NotifyFixtures.setWebhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.platform.net.TestResolver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Delivery to a receiver on loopback: signed as docs/notifications.md says, retried with growing waits, given up
 * after the last attempt, each attempt in the department's delivery log. The scheduled worker runs throughout (every
 * second in tests — the scheduler's finest interval — backoff 100 ms doubling to 400 ms, 4 attempts).
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookDeliveryTest {

    static final String SECRET = "delivery-test-secret-0123456789";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;

    @Inject
    WebhookDelivery delivery;

    @Inject
    ObjectMapper mapper;

    @Inject
    jakarta.persistence.EntityManager em;

    private UUID publish(String department, Map<String, Object> data) {
        return QuarkusTransaction.requiringNew()
                .call(() -> outbox.publish(department, EventType.REQUEST_ENDORSED, data));
    }

    private static JsonPath log(String department) {
        return officer(department)
                .get("/api/v1/departments/" + department + "/webhook/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String status(String department) {
        List<String> statuses = log(department).getList("items.status");
        return statuses.isEmpty() ? null : statuses.get(0);
    }

    @Test
    void an_event_reaches_the_webhook_signed_and_is_logged_delivered() throws Exception {
        String dept = department();
        try (Receiver receiver = new Receiver()) {
            setWebhook(dept, receiver.url("/hooks/interchange"), SECRET);
            UUID event = publish(dept, Map.of("requestId", "r-1", "status", "AWAITING_DECISION"));
            await("the receiver is called", WAIT, () -> receiver.calls.size() == 1);
            await("the delivery is logged", WAIT, () -> "DELIVERED".equals(status(dept)));

            Receiver.Call call = receiver.calls.get(0);
            assertEquals("/hooks/interchange", call.path());
            assertEquals("REQUEST_ENDORSED", call.header("X-Interchange-Event"));
            assertTrue(call.header("Content-Type").startsWith("application/json"));
            long timestamp = Long.parseLong(call.header("X-Interchange-Timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60, "a current timestamp");
            assertTrue(
                    WebhookSignature.verify(SECRET, timestamp, call.body(), call.header("X-Interchange-Signature")),
                    "the receiver can verify the signature with its secret");

            JsonNode body = mapper.readTree(call.body());
            assertEquals(event.toString(), body.get("id").asText());
            assertEquals("REQUEST_ENDORSED", body.get("type").asText());
            assertEquals(dept, body.get("department").asText());
            assertEquals("r-1", body.at("/data/requestId").asText());
            assertTrue(body.hasNonNull("occurredAt"));

            JsonPath log = log(dept);
            assertEquals(call.header("X-Interchange-Delivery"), log.getString("items[0].id"));
            assertEquals(event.toString(), log.getString("items[0].eventId"));
            assertEquals(1, log.getInt("items[0].attempts"));
            assertEquals(204, log.getInt("items[0].attemptLog[0].statusCode"));
            assertNull(log.get("items[0].nextAttemptAt"));
        }
    }

    @Test
    void a_failing_receiver_is_retried_with_growing_waits_until_it_answers() throws Exception {
        String dept = department();
        try (Receiver receiver = new Receiver().answer(500, 500)) {
            setWebhook(dept, receiver.url("/h"), SECRET);
            publish(dept, Map.of("n", 1));
            await("delivered on the third attempt", WAIT, () -> "DELIVERED".equals(status(dept)));
            assertEquals(3, receiver.calls.size());
            Set<String> deliveryIds = new HashSet<>();
            for (Receiver.Call call : receiver.calls) {
                deliveryIds.add(call.header("X-Interchange-Delivery"));
                long ts = Long.parseLong(call.header("X-Interchange-Timestamp"));
                assertTrue(WebhookSignature.verify(SECRET, ts, call.body(), call.header("X-Interchange-Signature")));
            }
            assertEquals(1, deliveryIds.size(), "a retry is the same delivery, so receivers can de-duplicate");
            long firstGap = receiver.calls.get(1).receivedAtNanos()
                    - receiver.calls.get(0).receivedAtNanos();
            long secondGap = receiver.calls.get(2).receivedAtNanos()
                    - receiver.calls.get(1).receivedAtNanos();
            // backoff-base 100 ms, doubled per failure, jitter keeps at least half.
            assertTrue(firstGap >= Duration.ofMillis(50).toNanos(), "first wait " + firstGap);
            assertTrue(secondGap >= Duration.ofMillis(100).toNanos(), "second wait " + secondGap);

            JsonPath log = log(dept);
            assertEquals(List.of(500, 500, 204), log.getList("items[0].attemptLog.statusCode"));
            assertEquals(List.of(1, 2, 3), log.getList("items[0].attemptLog.attempt"));
            assertEquals("HTTP 500", log.getString("items[0].attemptLog[0].error"));
        }
    }

    @Test
    void a_redirect_is_not_followed_but_counted_as_a_failure() throws Exception {
        String dept = department();
        try (Receiver receiver = new Receiver().answer(302)) {
            setWebhook(dept, receiver.url("/h"), SECRET);
            publish(dept, Map.of("n", 1));
            await("delivered after the redirect", WAIT, () -> "DELIVERED".equals(status(dept)));
            assertEquals(List.of(302, 204), log(dept).getList("items[0].attemptLog.statusCode"));
        }
    }

    @Test
    void after_the_last_attempt_the_delivery_is_dead_and_never_retried() throws Exception {
        String dept = department();
        try (Receiver receiver = new Receiver().otherwise(503)) {
            setWebhook(dept, receiver.url("/h"), SECRET);
            publish(dept, Map.of("n", 1));
            await("dead", WAIT, () -> "DEAD".equals(status(dept)));
            Thread.sleep(1500);
            assertEquals(4, receiver.calls.size(), "interchange.notify.max-attempts is 4 in tests");
            JsonPath log = log(dept);
            assertEquals(4, log.getInt("items[0].attempts"));
            assertEquals("HTTP 503", log.getString("items[0].lastError"));
            assertEquals(List.of(503, 503, 503, 503), log.getList("items[0].attemptLog.statusCode"));
        }
    }

    @Test
    void the_call_goes_to_the_address_that_was_checked_with_the_url_host_name_kept() throws Exception {
        String dept = department();
        String name = "hooks." + dept + ".example.test"; // no real DNS answers this name: only the checked address
        try (Receiver receiver = new Receiver()) {
            String port = receiver.url("").replaceAll(".*:", "");
            TestResolver.answer(name, "127.0.0.1");
            setWebhook(dept, "http://" + name + ":" + port + "/hooks", SECRET);
            publish(dept, Map.of("n", 1));
            await("delivered", WAIT, () -> "DELIVERED".equals(status(dept)));
            assertEquals(name + ":" + port, receiver.calls.get(0).header("Host"));
        }
    }

    @Test
    void a_receiver_that_accepts_but_never_answers_is_cut_off_at_the_request_timeout() throws Exception {
        String dept = department();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            setWebhook(dept, "http://127.0.0.1:" + silent.getLocalPort() + "/h", SECRET);
            publish(dept, Map.of("n", 1));
            await("the first attempt is logged", WAIT, () -> {
                List<Object> attempts = log(dept).getList("items[0].attemptLog");
                return attempts != null && !attempts.isEmpty();
            });
            JsonPath log = log(dept);
            assertEquals("timed out", log.getString("items[0].attemptLog[0].error"));
            // 2 s in tests (interchange.notify.request-timeout); well under the next attempt's wait
            assertTrue(log.getInt("items[0].attemptLog[0].durationMs") < 5_000);
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void a_name_that_resolves_elsewhere_after_registration_is_not_called() throws Exception {
        String dept = department();
        String name = "rebind." + dept + ".example.test";
        try (Receiver receiver = new Receiver()) {
            String port = receiver.url("").replaceAll(".*:", "");
            TestResolver.answer(name, "127.0.0.1");
            setWebhook(dept, "http://" + name + ":" + port + "/hooks", SECRET);
            TestResolver.answer(name, "169.254.169.254");
            publish(dept, Map.of("n", 1));
            await("dead", WAIT, () -> "DEAD".equals(status(dept)));
            assertEquals(
                    "url resolves to 169.254.169.254, a link-local or cloud metadata address",
                    log(dept).getString("items[0].attemptLog[0].error"));
            assertTrue(receiver.calls.isEmpty(), "the receiver was never called");
        }
    }

    private static String redeliverPath(String department, String delivery) {
        return "/api/v1/departments/" + department + "/webhook/deliveries/" + delivery + "/redeliver";
    }

    @Test
    void a_dead_delivery_is_sent_again_on_request_with_its_id_and_a_new_run_of_retries() throws Exception {
        String dept = department();
        try (Receiver receiver = new Receiver().otherwise(503)) {
            setWebhook(dept, receiver.url("/h"), SECRET);
            publish(dept, Map.of("n", 1));
            await("dead", WAIT, () -> "DEAD".equals(status(dept)));
            String id = log(dept).getString("items[0].id");

            receiver.answer(503).otherwise(204); // one more failure, then the receiver is back
            officer(dept)
                    .post(redeliverPath(dept, id))
                    .then()
                    .statusCode(200)
                    .body("id", org.hamcrest.Matchers.equalTo(id))
                    .body("status", org.hamcrest.Matchers.equalTo("PENDING"));
            // still pending: a second request is refused rather than queued twice
            officer(dept)
                    .post(redeliverPath(dept, id))
                    .then()
                    .statusCode(409)
                    .body("code", org.hamcrest.Matchers.equalTo("INVALID_STATUS"));
            await("delivered after the resend", WAIT, () -> "DELIVERED".equals(status(dept)));

            JsonPath log = log(dept);
            assertEquals(6, log.getInt("items[0].attempts"), "4 before, then a failure and a success");
            assertEquals(List.of(503, 503, 503, 503, 503, 204), log.getList("items[0].attemptLog.statusCode"));
            Set<String> ids = new HashSet<>();
            receiver.calls.forEach(c -> ids.add(c.header("X-Interchange-Delivery")));
            assertEquals(Set.of(id), ids, "the resend carries the same delivery id");
            Number ledgered = (Number) em.createNativeQuery("select count(*) from ledger_entry where kind = 'ADMIN'"
                            + " and entry->>'action' = 'WEBHOOK_REDELIVER' and entry->'object'->>'id' = ?1")
                    .setParameter(1, id)
                    .getSingleResult();
            assertEquals(1, ledgered.intValue());
        }
    }

    @Test
    void redelivery_is_for_the_own_data_officer_and_the_own_deliveries_only() throws Exception {
        String dept = department();
        String other = department();
        publish(dept, Map.of("n", 1)); // no webhook: UNDELIVERABLE
        await("undeliverable", WAIT, () -> "UNDELIVERABLE".equals(status(dept)));
        String id = log(dept).getString("items[0].id");

        io.restassured.RestAssured.given().post(redeliverPath(dept, id)).then().statusCode(401);
        NotifyFixtures.withToken(io.interchange.support.Tokens.forge(dept, "steward"))
                .post(redeliverPath(dept, id))
                .then()
                .statusCode(403);
        officer(other).post(redeliverPath(dept, id)).then().statusCode(403);
        officer(other).post(redeliverPath(other, id)).then().statusCode(404);
        officer(dept).post(redeliverPath(dept, "not-a-uuid")).then().statusCode(404);
        officer(dept)
                .post(redeliverPath(dept, UUID.randomUUID().toString()))
                .then()
                .statusCode(404);
        assertEquals("UNDELIVERABLE", status(dept), "refusals changed nothing");
        // once a webhook exists, the event that had nowhere to go can still be sent
        try (Receiver receiver = new Receiver()) {
            setWebhook(dept, receiver.url("/h"), SECRET);
            officer(dept).post(redeliverPath(dept, id)).then().statusCode(200);
            await("delivered", WAIT, () -> "DELIVERED".equals(status(dept)));
            assertEquals(1, receiver.calls.size());
        }
    }

    @Test
    void an_unreachable_receiver_is_logged_as_an_error_without_internals() throws Exception {
        String dept = department();
        int port;
        try (Receiver closed = new Receiver()) {
            port = Integer.parseInt(closed.url("").replaceAll(".*:", ""));
        }
        setWebhook(dept, "http://127.0.0.1:" + port + "/gone", SECRET);
        publish(dept, Map.of("n", 1));
        await("dead", WAIT, () -> "DEAD".equals(status(dept)));
        JsonPath log = log(dept);
        assertEquals("connection refused or unreachable", log.getString("items[0].attemptLog[0].error"));
        assertNull(log.get("items[0].attemptLog[0].statusCode"));
    }

    @Test
    void a_department_without_a_webhook_keeps_its_events_as_undeliverable() {
        String dept = department();
        publish(dept, Map.of("n", 1));
        JsonPath log = log(dept);
        assertEquals("UNDELIVERABLE", log.getString("items[0].status"));
        assertEquals(0, log.getInt("items[0].attempts"));
        assertEquals(List.of(), log.getList("items[0].attemptLog"));
    }

    @Test
    void nodes_running_the_worker_at_once_send_each_delivery_exactly_once() throws Exception {
        String dept = department();
        try (Receiver receiver = new Receiver()) {
            setWebhook(dept, receiver.url("/h"), SECRET);
            int events = 40;
            for (int i = 0; i < events; i++) {
                publish(dept, Map.of("n", i));
            }
            ExecutorService nodes = Executors.newFixedThreadPool(3);
            try {
                List<Callable<Integer>> rounds = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    rounds.add(delivery::deliverDue);
                }
                for (Future<Integer> f : nodes.invokeAll(rounds)) {
                    f.get();
                }
            } finally {
                nodes.shutdown();
            }
            await("all delivered", WAIT, () -> receiver.calls.size() >= events);
            Thread.sleep(500);
            Set<String> ids = new HashSet<>();
            receiver.calls.forEach(c -> ids.add(c.header("X-Interchange-Delivery")));
            assertEquals(events, receiver.calls.size(), "no delivery sent twice");
            assertEquals(events, ids.size());
        }
    }

    @Test
    void the_delivery_log_is_paged_newest_first() {
        String dept = department();
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(publish(dept, Map.of("n", i)));
        }
        String path = "/api/v1/departments/" + dept + "/webhook/deliveries";
        JsonPath first = officer(dept)
                .queryParam("limit", 2)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(events.get(2).toString(), events.get(1).toString()), first.getList("items.eventId"));
        JsonPath second = officer(dept)
                .queryParam("limit", 2)
                .queryParam("cursor", first.getString("nextCursor"))
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(events.get(0).toString()), second.getList("items.eventId"));
        assertNull(second.get("nextCursor"));
        officer(dept)
                .queryParam("status", "DELIVERED")
                .get(path)
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
        officer(dept).queryParam("status", "nope").get(path).then().statusCode(400);
    }
}
