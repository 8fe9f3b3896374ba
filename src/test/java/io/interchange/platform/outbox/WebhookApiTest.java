package io.interchange.platform.outbox;

import static io.interchange.platform.outbox.NotifyFixtures.department;
import static io.interchange.platform.outbox.NotifyFixtures.officer;
import static io.interchange.platform.outbox.NotifyFixtures.withToken;
import static io.interchange.support.Api.as;
import static io.interchange.support.Problems.invalid;
import static io.interchange.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GET, PUT /api/v1/departments/{id}/webhook: own data officer only, the secret write-only, the change ledgered. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookApiTest {

    static final String SECRET = "s3cret-never-shown-0123456789";

    @Inject
    EntityManager em;

    private static String path(String department) {
        return "/api/v1/departments/" + department + "/webhook";
    }

    private static Response put(String department, Map<String, Object> body) {
        return officer(department).body(body).put(path(department));
    }

    @Test
    void own_data_officer_sets_the_webhook_and_reads_it_back_without_the_secret() {
        String dept = department();
        officer(dept)
                .get(path(dept))
                .then()
                .statusCode(200)
                .body("department", equalTo(dept))
                .body("secretSet", equalTo(false))
                .body("url", nullValue());
        String url = "http://127.0.0.1:9/hooks";
        Response set = put(dept, Map.of("url", url, "secret", SECRET));
        set.then()
                .statusCode(200)
                .body("url", equalTo(url))
                .body("secretSet", equalTo(true))
                .body("updatedBy", notNullValue())
                .body("$", not(hasKey("secret")));
        assertFalse(set.asString().contains(SECRET));
        Response read = officer(dept).get(path(dept));
        read.then().statusCode(200).body("url", equalTo(url)).body("secretSet", equalTo(true));
        assertFalse(read.asString().contains(SECRET), "the secret is write-only");

        String stored =
                (String) em.createNativeQuery("select secret_sealed from department_webhook where department_id = ?1")
                        .setParameter(1, dept)
                        .getSingleResult();
        assertTrue(stored.startsWith("v1:"), "sealed with SecretBox");
        assertFalse(stored.contains(SECRET), "never stored in clear");
    }

    @Test
    void what_get_returns_can_be_put_back_keeping_the_secret() {
        String dept = department();
        put(dept, Map.of("url", "http://127.0.0.1:9/a", "secret", SECRET))
                .then()
                .statusCode(200);
        Map<String, Object> read =
                officer(dept).get(path(dept)).then().extract().jsonPath().getMap("$");
        read.put("url", "http://127.0.0.1:9/b");
        officer(dept)
                .body(read)
                .put(path(dept))
                .then()
                .statusCode(200)
                .body("url", equalTo("http://127.0.0.1:9/b"))
                .body("secretSet", equalTo(true));
    }

    @Test
    void the_change_is_ledgered_without_the_secret_or_the_query_string() {
        String dept = department();
        OffsetDateTime since = OffsetDateTime.now().minusSeconds(5);
        put(dept, Map.of("url", "http://127.0.0.1:9/hooks?token=receiver-token", "secret", SECRET))
                .then()
                .statusCode(200);
        List<Map<String, Object>> entries = as("dsb-auditor")
                .queryParam("kind", "ADMIN")
                .queryParam("from", since.toString())
                .queryParam("limit", 500)
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        Map<String, Object> entry = entries.stream()
                .filter(e -> "WEBHOOK_SET".equals(e.get("action")))
                .filter(e -> dept.equals(((Map<?, ?>) e.get("object")).get("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no WEBHOOK_SET entry for " + dept));
        Map<?, ?> summary = (Map<?, ?>) entry.get("summary");
        assertEquals("http://127.0.0.1:9/hooks", summary.get("url"));
        assertEquals(true, summary.get("secretChanged"));
        assertFalse(entry.toString().contains(SECRET));
        assertFalse(entry.toString().contains("receiver-token"));
    }

    @Test
    void without_a_token_it_is_401() {
        String dept = department();
        problem(given().get(path(dept)), 401, "UNAUTHORIZED");
        problem(
                given().contentType("application/json")
                        .body(Map.of("url", "http://127.0.0.1:9/x", "secret", SECRET))
                        .put(path(dept)),
                401,
                "UNAUTHORIZED");
    }

    @Test
    void a_steward_consumer_or_hub_admin_is_403() {
        String dept = department();
        for (String role : new String[] {"steward", "consumer", "auditor"}) {
            problem(withToken(Tokens.forge(dept, role)).get(path(dept)), 403, "FORBIDDEN");
            problem(
                    withToken(Tokens.forge(dept, role))
                            .body(Map.of("url", "http://127.0.0.1:9/x", "secret", SECRET))
                            .put(path(dept)),
                    403,
                    "FORBIDDEN");
        }
        problem(as("dsb-admin").get(path(dept)), 403, "FORBIDDEN");
    }

    @Test
    void another_departments_officer_can_neither_read_nor_set_it() {
        String dept = department();
        put(dept, Map.of("url", "http://127.0.0.1:9/mine", "secret", SECRET))
                .then()
                .statusCode(200);
        problem(as("mca-officer").get(path(dept)), 403, "NOT_OWNER");
        problem(
                as("mca-officer")
                        .body(Map.of("url", "http://127.0.0.1:9/theirs", "secret", SECRET))
                        .put(path(dept)),
                403,
                "NOT_OWNER");
        problem(as("mca-officer").get(path(dept) + "/deliveries"), 403, "NOT_OWNER");
        officer(dept).get(path(dept)).then().body("url", equalTo("http://127.0.0.1:9/mine"));
    }

    @Test
    void bad_urls_and_secrets_are_422_naming_the_member_and_change_nothing() {
        String dept = department();
        invalid(put(dept, Map.of("url", "http://127.0.0.1:9/x")), "secret");
        invalid(put(dept, Map.of("url", "http://127.0.0.1:9/x", "secret", "short")), "secret");
        invalid(put(dept, Map.of("url", "http://hooks.invalid/x", "secret", SECRET)), "url");
        invalid(put(dept, Map.of("url", "https://169.254.169.254/latest/meta-data", "secret", SECRET)), "url");
        invalid(put(dept, Map.of("url", "ftp://127.0.0.1/x", "secret", SECRET)), "url");
        invalid(put(dept, Map.of("secret", SECRET)), "url");
        problem(
                put(dept, Map.of("url", "http://127.0.0.1:9/x", "secret", SECRET, "colour", "red")),
                400,
                "UNKNOWN_MEMBER");
        officer(dept).get(path(dept)).then().body("secretSet", equalTo(false));
    }
}
