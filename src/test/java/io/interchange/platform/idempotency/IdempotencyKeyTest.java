package io.interchange.platform.idempotency;

import static io.interchange.support.Api.as;
import static io.interchange.support.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.platform.CheckCharacters;
import io.interchange.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** API.md "Idempotency": a retried creating POST gets the first answer, never a second object. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdempotencyKeyTest {

    static final String KEY = "Idempotency-Key";

    @Inject
    EntityManager em;

    @Inject
    IdempotencyStore store;

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static Map<String, Object> department() {
        StringBuilder first17 = new StringBuilder("11330000");
        for (int i = 0; i < 9; i++) {
            first17.append(ThreadLocalRandom.current().nextInt(10));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("id", "i-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("code", first17.toString() + CheckCharacters.usccCheckChar(first17.toString()));
        body.put("name", "幂等测试厅");
        return body;
    }

    private static Response createDepartment(String key, Map<String, Object> body) {
        return as("dsb-admin").header(KEY, key).body(body).post("/api/v1/departments");
    }

    private long keyRows(String key) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from idempotency_key where key = ?1")
                                .setParameter(1, key)
                                .getSingleResult())
                        .longValue());
    }

    @Test
    void a_retry_with_the_same_key_and_body_gets_the_stored_response_and_creates_nothing() {
        String key = key();
        Map<String, Object> body = department();
        Response first = createDepartment(key, body);
        first.then().statusCode(201).header(IdempotencyInterceptor.REPLAYED, nullValue());
        Response retry = createDepartment(key, body);
        retry.then().statusCode(201).header(IdempotencyInterceptor.REPLAYED, equalTo("true"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.asString(), retry.asString());
        assertTrue(retry.contentType().startsWith("application/json"));
        // Without the key the same body is a second attempt to create, which the directory refuses.
        problem(as("dsb-admin").body(body).post("/api/v1/departments"), 409, "DEPARTMENT_EXISTS");
    }

    @Test
    void member_order_and_white_space_do_not_make_another_request() {
        String key = key();
        Map<String, Object> body = department();
        createDepartment(key, body).then().statusCode(201);
        String reordered = "{ \"name\" : \"" + body.get("name") + "\",\n \"code\": \"" + body.get("code")
                + "\", \"id\": \"" + body.get("id") + "\" }";
        as("dsb-admin")
                .header(KEY, key)
                .body(reordered)
                .post("/api/v1/departments")
                .then()
                .statusCode(201)
                .header(IdempotencyInterceptor.REPLAYED, equalTo("true"));
    }

    @Test
    void the_same_key_with_another_body_is_422() {
        String key = key();
        createDepartment(key, department()).then().statusCode(201);
        problem(createDepartment(key, department()), 422, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void keys_belong_to_their_caller() {
        String key = key();
        String psb = as("psb-steward")
                .header(KEY, key)
                .body(Api.resource(Api.unique("幂等")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String amr = as("amr-steward")
                .header(KEY, key)
                .body(Api.resource(Api.unique("幂等")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .header(IdempotencyInterceptor.REPLAYED, nullValue())
                .extract()
                .path("id");
        assertNotEquals(psb, amr);
    }

    @Test
    void a_failed_request_is_not_stored_so_a_corrected_retry_may_use_the_key() {
        String key = key();
        Map<String, Object> bad = new HashMap<>(Api.accessRequest(Api.ALLOWANCES, List.of()));
        problem(as("psb-app").header(KEY, key).body(bad).post("/api/v1/access-requests"), 422, "VALIDATION_FAILED");
        problem(as("psb-app").header(KEY, key).body(bad).post("/api/v1/access-requests"), 422, "VALIDATION_FAILED");
        assertEquals(0, keyRows(key));
        Map<String, Object> good = Api.accessRequest(Api.ALLOWANCES, List.of("id_number", "household_size"));
        good = new HashMap<>(good);
        String id = as("psb-app")
                .header(KEY, key)
                .body(good)
                .post("/api/v1/access-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("psb-app")
                .header(KEY, key)
                .body(good)
                .post("/api/v1/access-requests")
                .then()
                .statusCode(201)
                .header(IdempotencyInterceptor.REPLAYED, equalTo("true"))
                .body("id", equalTo(id));
        long filed = as("psb-app").get("/api/v1/access-requests?direction=outgoing").jsonPath().getList("id").stream()
                .filter(id::equals)
                .count();
        assertEquals(1, filed);
    }

    @Test
    void usage_records_are_recorded_once_per_key() {
        String resource = Api.published(Api.resource(Api.unique("幂等用途")));
        String grant = Api.grant(
                "mca-app",
                "mca-officer",
                "psb-officer",
                resource,
                List.of("id_number", "household_size"),
                Map.of("outcome", "APPROVE", "reason", "符合共享条件"));
        Map<String, Object> record = Map.of(
                "scenario", "低保审核",
                "process", "比对户籍",
                "results", "资格确认",
                "storage", "业务库加密存储",
                "destruction", "办结后30日内删除");
        String key = key();
        String path = "/api/v1/grants/" + grant + "/usage-records";
        String first = as("mca-app")
                .header(KEY, key)
                .body(record)
                .post(path)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String again = as("mca-app")
                .header(KEY, key)
                .body(record)
                .post(path)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertEquals(first, again);
        assertEquals(1, as("mca-app").get(path).jsonPath().getList("id").size());
    }

    @Test
    void malformed_keys_are_400_naming_the_header() {
        Map<String, Object> body = department();
        for (String bad : new String[] {"", "has space", "ключ", "x".repeat(129)}) {
            problem(createDepartment(bad, body), 400, "BAD_REQUEST", KEY);
        }
        problem(
                as("dsb-admin").header(KEY, "a").header(KEY, "b").body(body).post("/api/v1/departments"),
                400,
                "BAD_REQUEST",
                KEY);
        createDepartment("x".repeat(128), body).then().statusCode(201);
    }

    @Test
    void a_retry_while_the_first_request_is_still_running_is_409_then_gets_the_stored_answer() throws Exception {
        String key = key();
        Map<String, Object> body = department();
        // Another transaction holds the department's id, so the first request blocks inside its insert.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> blocker = CompletableFuture.runAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    em.createNativeQuery("insert into department (id, code, name) values (?1, ?2, 'blocker')")
                            .setParameter(1, body.get("id"))
                            .setParameter(2, body.get("code"))
                            .executeUpdate();
                    held.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // rolled back: the department id is free again
            }
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> createDepartment(key, body));
        long deadline = System.currentTimeMillis() + 10_000;
        while (keyRows(key) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Response concurrent = createDepartment(key, body);
        problem(concurrent, 409, "IDEMPOTENCY_KEY_IN_USE");
        assertEquals("1", concurrent.header("Retry-After"));
        release.countDown();
        blocker.get(30, TimeUnit.SECONDS);
        Response original = first.get(30, TimeUnit.SECONDS);
        original.then().statusCode(201);
        Response later = createDepartment(key, body);
        later.then().statusCode(201).header(IdempotencyInterceptor.REPLAYED, equalTo("true"));
        assertEquals(original.asString(), later.asString());
    }

    @Test
    void expired_keys_are_purged_and_may_then_be_used_for_another_request() {
        String key = key();
        createDepartment(key, department()).then().statusCode(201);
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update idempotency_key set expires_at = ?2 where key = ?1")
                        .setParameter(1, key)
                        .setParameter(2, OffsetDateTime.now().minusMinutes(1))
                        .executeUpdate());
        createDepartment(key, department()).then().statusCode(201).header(IdempotencyInterceptor.REPLAYED, nullValue());
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update idempotency_key set expires_at = ?2 where key = ?1")
                        .setParameter(1, key)
                        .setParameter(2, OffsetDateTime.now().minusMinutes(1))
                        .executeUpdate());
        assertTrue(store.purgeExpired() >= 1);
        assertEquals(0, keyRows(key));
    }
}
