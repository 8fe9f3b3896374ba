package io.interchange.exchange;

import static io.interchange.exchange.ExchangeApiTest.assertLedgeredRefusal;
import static io.interchange.exchange.ExchangeApiTest.entry;
import static io.interchange.support.Api.as;
import static io.interchange.support.Problems.invalid;
import static io.interchange.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.exchange.upstream.HostileUrls;
import io.interchange.exchange.upstream.TestUpstream;
import io.interchange.platform.CheckCharacters;
import io.interchange.platform.net.TestResolver;
import io.interchange.support.Api;
import io.interchange.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Upstream sources end to end: the allow-list, registration rules, the call (masked, ledgered, credential sent but
 * never the caller's token), and every way an upstream can be hostile — at registration and at call time.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@SuppressWarnings("unchecked")
class UpstreamExchangeTest {

    static final String PERSON = "33010619900307123" + CheckCharacters.idNumberCheckChar("33010619900307123");
    static final String CREDENTIAL = "Bearer psb-upstream-secret-7f3a";

    static TestUpstream upstream;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    static String hosts(String department) {
        return "/api/v1/departments/" + department + "/upstream-hosts";
    }

    /** Adds entries to zj-psb's allow-list (as the authority), keeping what is there. */
    static void allow(Map<String, Object>... entries) {
        List<Map<String, Object>> list = new ArrayList<>(as("dsb-admin")
                .get(hosts("zj-psb"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$"));
        for (Map<String, Object> e : entries) {
            if (!list.contains(e)) {
                list.add(e);
            }
        }
        as("dsb-admin").body(list).put(hosts("zj-psb")).then().statusCode(200);
    }

    static Map<String, Object> origin(String scheme, String host, int port) {
        return new LinkedHashMap<>(Map.of("scheme", scheme, "host", host, "port", port));
    }

    static Map<String, Object> upstreamResource(String url, Integer timeoutMs) {
        Map<String, Object> body = new HashMap<>(Api.resource(Api.unique("上游")));
        Map<String, Object> endpoint = new HashMap<>(Map.of(
                "urlTemplate",
                url,
                "method",
                "GET",
                "headers",
                Map.of("X-Dept-Client", "interchange"),
                "credential",
                CREDENTIAL));
        if (timeoutMs != null) {
            endpoint.put("timeoutMs", timeoutMs);
        }
        body.put("source", Map.of("kind", "UPSTREAM", "endpoint", endpoint));
        body.put("format", Map.of("category", "SERVICE_API", "type", "HTTP/JSON"));
        return body;
    }

    /** A published upstream resource of zj-psb at {@code path} of the test upstream. */
    static String published(String path, Integer timeoutMs) {
        allow(origin("http", "127.0.0.1", upstream.port()));
        return Api.published(upstreamResource(upstream.origin() + path, timeoutMs));
    }

    static Response query(String client, String id, String person) {
        return as(client).get("/api/v1/exchange/" + id + "/records?id_number=" + person);
    }

    // ----------------------------------------------------------------------------------------------- allow-list

    @Test
    void the_authority_edits_the_allow_list_and_the_edit_is_ledgered() {
        Map<String, Object> e = origin("https", "api.psb.example.gov.cn", 443);
        // Only entries from now on: the whole suite writes far more ADMIN entries than one page holds.
        String since = java.time.OffsetDateTime.now().minusSeconds(1).toString();
        allow(e);
        as("psb-steward").get(hosts("zj-psb")).then().statusCode(200).body("$", hasItem(e));
        as("dsb-auditor")
                .queryParam("kind", "ADMIN")
                .queryParam("department", "zj-dsb")
                .queryParam("from", since)
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .body("items.action", hasItem("UPSTREAM_HOSTS_REPLACE"));
    }

    @Test
    void only_the_authority_edits_and_only_the_department_and_the_authority_read() {
        List<Map<String, Object>> one = List.of(origin("http", "10.1.2.3", 8080));
        as("psb-steward").body(one).put(hosts("zj-psb")).then().statusCode(403);
        as("psb-officer").body(one).put(hosts("zj-psb")).then().statusCode(403);
        given().contentType("application/json")
                .body(one)
                .put(hosts("zj-psb"))
                .then()
                .statusCode(401);
        given().get(hosts("zj-psb")).then().statusCode(401);
        problem(as("mca-steward").get(hosts("zj-psb")), 403, "OTHER_DEPARTMENT");
        as("psb-app").get(hosts("zj-psb")).then().statusCode(403);
        as("dsb-admin").get(hosts("zj-nope")).then().statusCode(404);
    }

    @Test
    void link_local_metadata_and_non_canonical_entries_are_refused_and_nothing_changes() {
        List<Object> before = as("dsb-admin").get(hosts("zj-psb")).jsonPath().getList("$");
        for (String host : List.of(
                "169.254.169.254",
                "metadata.google.internal",
                "[fd00:ec2::254]",
                "127.1",
                "0x7f000001",
                "2130706433",
                "localhost.",
                "[::ffff:127.0.0.1]",
                "100.100.100.200")) {
            invalid(
                    as("dsb-admin")
                            .body(List.of(origin("http", "10.9.9.9", 80), origin("http", host, 80)))
                            .put(hosts("zj-psb")),
                    "[1].host");
        }
        invalid(as("dsb-admin").body(List.of(origin("ftp", "10.9.9.9", 21))).put(hosts("zj-psb")), "[0].scheme");
        invalid(as("dsb-admin").body(List.of(origin("http", "10.9.9.9", 70000))).put(hosts("zj-psb")), "[0].port");
        assertEquals(before, as("dsb-admin").get(hosts("zj-psb")).jsonPath().getList("$"));
    }

    // --------------------------------------------------------------------------------------------- registration

    @Test
    void hostile_urls_are_refused_at_registration() {
        allow(origin("http", "127.0.0.1", upstream.port()));
        List<String> urls = HostileUrls.at(upstream.port());
        assertTrue(urls.size() >= 20);
        for (String url : urls) {
            Response response =
                    as("psb-steward").body(upstreamResource(url, null)).post("/api/v1/resources");
            assertEquals(422, response.statusCode(), url + " → " + response.asString());
            invalid(response, "source.endpoint.urlTemplate");
        }
    }

    @Test
    void an_upstream_resource_is_shared_in_api_mode_only_and_a_hosted_one_takes_no_endpoint() {
        allow(origin("http", "127.0.0.1", upstream.port()));
        Map<String, Object> bulk = upstreamResource(upstream.origin() + "/residents/{id_number}", null);
        bulk.put("sharingModes", List.of("API", "BULK"));
        bulk.put("format", Map.of("category", "DATABASE", "type", "PostgreSQL"));
        invalid(as("psb-steward").body(bulk).post("/api/v1/resources"), "sharingModes[1]");
        Map<String, Object> hosted = new HashMap<>(Api.resource(Api.unique("托管")));
        hosted.put("source", Map.of("kind", "HOSTED", "endpoint", Map.of("urlTemplate", upstream.origin() + "/x")));
        invalid(as("psb-steward").body(hosted).post("/api/v1/resources"), "source.endpoint");
    }

    @Test
    void the_credential_is_write_only_and_kept_when_an_update_omits_it() {
        allow(origin("http", "127.0.0.1", upstream.port()));
        Response created = as("psb-steward")
                .body(upstreamResource(upstream.origin() + "/residents/{id_number}", null))
                .post("/api/v1/resources");
        created.then()
                .statusCode(201)
                .body("source.kind", equalTo("UPSTREAM"))
                .body("source.endpoint", not(hasKey("credential")));
        assertFalse(created.asString().contains(CREDENTIAL.substring(7)));
        String id = created.jsonPath().getString("id");
        Response read = as("psb-steward").get("/api/v1/resources/" + id);
        read.then()
                .statusCode(200)
                .body("source.endpoint.urlTemplate", containsString("/residents/{id_number}"))
                .body("source.endpoint.timeoutMs", equalTo(3000))
                .body("source.endpoint", not(hasKey("credential")));
        // post back what GET returned (no credential): the stored one stays
        Map<String, Object> back = new HashMap<>(read.jsonPath().getMap("$"));
        as("psb-steward")
                .header("If-Match", read.header("ETag"))
                .body(back)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(200)
                .body("source.endpoint", not(hasKey("credential")));
        as("psb-steward").post("/api/v1/resources/" + id + "/submit").then().statusCode(200);
        as("dsb-admin").post("/api/v1/resources/" + id + "/publish").then().statusCode(200);
        int before = upstream.authorizations.size();
        query("psb-app", id, PERSON).then().statusCode(200);
        assertEquals(CREDENTIAL, upstream.authorizations.get(before));
        for (String client : List.of("mca-app", "dsb-admin", "psb-steward")) {
            Response r = as(client).get("/api/v1/resources/" + id);
            assertFalse(r.asString().contains("psb-upstream-secret"), client);
            assertFalse(r.asString().contains("v1:c1:"), client);
        }
    }

    @Test
    void a_new_credential_on_a_published_resource_waits_for_review_and_an_empty_one_removes_it() {
        String id = published("/residents/{id_number}", null);
        Response read = as("psb-steward").get("/api/v1/resources/" + id);
        Map<String, Object> body = new HashMap<>(read.jsonPath().getMap("$"));
        Map<String, Object> source = new HashMap<>((Map<String, Object>) body.get("source"));
        Map<String, Object> endpoint = new HashMap<>((Map<String, Object>) source.get("endpoint"));
        endpoint.put("credential", "Bearer rotated-credential");
        source.put("endpoint", endpoint);
        body.put("source", source);
        Response changed = as("psb-steward")
                .header("If-Match", read.header("ETag"))
                .body(body)
                .put("/api/v1/resources/" + id);
        changed.then().statusCode(200).body("pendingChange", equalTo(true));
        assertFalse(changed.asString().contains("rotated-credential"));
        int before = upstream.authorizations.size();
        query("psb-app", id, PERSON).then().statusCode(200);
        assertEquals(CREDENTIAL, upstream.authorizations.get(before), "the published definition stays in force");
        as("dsb-admin").post("/api/v1/resources/" + id + "/publish").then().statusCode(200);
        query("psb-app", id, PERSON).then().statusCode(200);
        assertEquals("Bearer rotated-credential", upstream.authorizations.get(before + 1));
        // an empty credential removes it (reviewed like any change of the source)
        read = as("psb-steward").get("/api/v1/resources/" + id);
        body = new HashMap<>(read.jsonPath().getMap("$"));
        source = new HashMap<>((Map<String, Object>) body.get("source"));
        endpoint = new HashMap<>((Map<String, Object>) source.get("endpoint"));
        endpoint.put("credential", "");
        source.put("endpoint", endpoint);
        body.put("source", source);
        as("psb-steward")
                .header("If-Match", read.header("ETag"))
                .body(body)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(200);
        as("dsb-admin").post("/api/v1/resources/" + id + "/publish").then().statusCode(200);
        query("psb-app", id, PERSON).then().statusCode(200);
        assertEquals("(none)", upstream.authorizations.get(before + 2));
    }

    // -------------------------------------------------------------------------------------------------- the call

    @Test
    void a_granted_query_reaches_the_upstream_with_its_credential_never_the_callers_token_and_comes_back_masked() {
        String id = published("/residents/{id_number}", null);
        String grant = Api.grant(
                "mca-app",
                "mca-officer",
                "psb-officer",
                id,
                List.of("id_number", "full_name", "mobile", "household_size"),
                Map.of("outcome", "APPROVE"));
        int before = upstream.authorizations.size();
        Response answer = query("mca-app", id, PERSON);
        answer.then()
                .statusCode(200)
                .header("X-Exchange-Id", notNullValue())
                .body("items.size()", equalTo(1))
                .body("items[0].id_number", equalTo(PERSON.substring(0, 6) + "********" + PERSON.substring(14)))
                .body("items[0].full_name", equalTo("欧阳**"))
                .body("items[0].mobile", equalTo("138****1234"))
                .body("items[0].household_size", equalTo(3))
                .body("items[0]", not(hasKey("secret_note")));
        assertEquals(CREDENTIAL, upstream.authorizations.get(before));
        assertFalse(upstream.authorizations.contains("Bearer " + Tokens.of("mca-app")));
        assertEquals("/residents/" + PERSON, upstream.paths.get(upstream.paths.size() - 1));
        Map<String, Object> entry = entry("mca-auditor", id, answer.header("X-Exchange-Id"));
        assertEquals("ANSWERED", entry.get("outcome"));
        assertEquals(1, entry.get("rows"));
        assertEquals(grant, entry.get("grantId"));
        assertFalse(entry.toString().contains(PERSON), "the ledger holds the subject only as an HMAC");
        // fields outside the grant are still refused before any call
        as("mca-app")
                .get("/api/v1/exchange/" + id + "/records?id_number=" + PERSON + "&fields=id_number,secret_note")
                .then()
                .statusCode(400);
    }

    @Test
    void the_grants_row_scope_and_the_query_hold_on_what_the_upstream_answers() {
        String id = published("/household/{id_number}", null);
        Api.grant(
                "mca-app",
                "mca-officer",
                "psb-officer",
                id,
                List.of("id_number", "household_size"),
                Map.of("outcome", "APPROVE", "rowScope", "household_size <= 5"));
        query("mca-app", id, PERSON).then().statusCode(200).body("items.household_size", equalTo(List.of(3)));
        as("psb-app")
                .get("/api/v1/exchange/" + id + "/records?id_number=" + PERSON + "&household_size=gt:5")
                .then()
                .statusCode(200)
                .body("items.household_size", equalTo(List.of(9)));
    }

    @Test
    void a_large_answer_is_parsed_off_the_event_loop_and_still_scoped_and_masked() {
        String id = published("/large/{id_number}", null);
        Api.grant(
                "mca-app",
                "mca-officer",
                "psb-officer",
                id,
                List.of("id_number", "household_size"),
                Map.of("outcome", "APPROVE", "rowScope", "household_size = 6"));
        as("mca-app")
                .get("/api/v1/exchange/" + id + "/records?id_number=" + PERSON + "&limit=5")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(5))
                .body("items.household_size", equalTo(List.of(6, 6, 6, 6, 6)))
                .body("items[0].id_number", equalTo(PERSON.substring(0, 6) + "********" + PERSON.substring(14)));
    }

    @Test
    void a_query_without_the_templates_parameter_is_refused_with_400_naming_it() {
        String id = published("/residents/{id_number}", null);
        Response r = as("psb-app").get("/api/v1/exchange/" + id + "/records?household_size=3");
        problem(r, 400, "BAD_QUERY").body("errors.field", hasItem("id_number"));
    }

    @Test
    void a_404_from_the_upstream_is_an_empty_answer_and_verification_works_against_the_upstream() {
        String missing = published("/missing/{id_number}", null);
        query("psb-app", missing, PERSON).then().statusCode(200).body("items.size()", equalTo(0));
        String id = published("/residents/{id_number}", null);
        as("psb-app")
                .body(Map.of("values", Map.of("id_number", PERSON, "full_name", "欧阳娜娜")))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(true));
        as("psb-app")
                .body(Map.of("values", Map.of("id_number", PERSON, "full_name", "欧阳娜")))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(false));
    }

    @Test
    void a_redirect_is_not_followed_and_becomes_a_ledgered_502() {
        String id = published("/redirect/{id_number}", null);
        int before = upstream.paths.size();
        assertLedgeredRefusal(query("psb-app", id, PERSON), 502, "UPSTREAM_FAILED", "psb-auditor", id);
        assertEquals(before + 1, upstream.paths.size(), "exactly one call: the Location is never fetched");
    }

    @Test
    void a_50_mb_answer_is_cut_off_with_502_not_buffered() {
        String id = published("/huge/{id_number}", 10_000);
        long started = System.nanoTime();
        assertLedgeredRefusal(query("psb-app", id, PERSON), 502, "UPSTREAM_FAILED", "psb-auditor", id);
        assertTrue(upstream.hugeBytesSent.get() < 50L * 1024 * 1024, "the hub hung up before the end");
        assertTrue((System.nanoTime() - started) / 1_000_000 < 9_000, "cut off, not read to the timeout");
    }

    @Test
    void a_slow_upstream_is_a_504_within_its_timeout() {
        String id = published("/slow/{id_number}", 400);
        long started = System.nanoTime();
        Response r = query("psb-app", id, PERSON);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertLedgeredRefusal(r, 504, "UPSTREAM_TIMEOUT", "psb-auditor", id);
        assertTrue(ms < 2_000, "answered in " + ms + " ms");
    }

    @Test
    void an_answer_that_breaks_the_schema_is_a_502() {
        String id = published("/wrong-type/{id_number}", null);
        assertLedgeredRefusal(query("psb-app", id, PERSON), 502, "UPSTREAM_FAILED", "psb-auditor", id);
    }

    @Test
    void a_failing_upstream_opens_its_breaker_and_the_metrics_show_it() {
        String id = published("/broken/{id_number}", null);
        for (int i = 0; i < 5; i++) {
            problem(query("psb-app", id, PERSON), 502, "UPSTREAM_FAILED");
        }
        int calls = upstream.paths.size();
        Response open = query("psb-app", id, PERSON);
        problem(open, 502, "UPSTREAM_FAILED").header("Retry-After", notNullValue());
        assertEquals(calls, upstream.paths.size(), "an open breaker does not call");
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("interchange_upstream_circuit_state{upstream=\"" + id + "\"} 1.0"), metrics);
        assertTrue(metrics.contains("interchange_upstream_latency_seconds_bucket"));
    }

    // ------------------------------------------------------------------------------------------ call-time SSRF

    /** Points a published resource's stored endpoint elsewhere, as a tampered or outdated row would. */
    void storeEndpoint(String id, String url) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "update catalog_resource set upstream = jsonb_set(upstream, '{urlTemplate}', to_jsonb(?::text))"
                                + " where id = ?")) {
            s.setString(1, url);
            s.setString(2, id);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void hostile_urls_are_refused_at_call_time_too() throws Exception {
        String id = published("/residents/{id_number}", null);
        List<String> urls = HostileUrls.at(upstream.port());
        int calls = upstream.paths.size();
        for (String url : urls) {
            storeEndpoint(id, url);
            Response r = query("psb-app", id, PERSON);
            assertEquals(502, r.statusCode(), url + " → " + r.asString());
            problem(r, 502, "UPSTREAM_FAILED");
        }
        assertEquals(calls, upstream.paths.size(), "none of them reached the upstream");
        storeEndpoint(id, upstream.origin() + "/residents/{id_number}");
        assertLedgeredRefusal(
                as("psb-app").get("/api/v1/exchange/" + id + "/records?id_number=" + PERSON + "&limit=0"),
                400,
                "BAD_QUERY",
                "psb-auditor",
                id);
        query("psb-app", id, PERSON).then().statusCode(200);
    }

    @Test
    void a_name_that_resolves_to_a_private_address_is_refused_at_call_time() {
        TestResolver.answer("intranet.psb.example.test", "127.0.0.1");
        TestResolver.answer("rebind.psb.example.test", "8.8.8.8", "10.0.0.7");
        allow(
                origin("http", "intranet.psb.example.test", upstream.port()),
                origin("http", "rebind.psb.example.test", upstream.port()));
        int calls = upstream.paths.size();
        for (String name : List.of("intranet.psb.example.test", "rebind.psb.example.test")) {
            String id = Api.published(
                    upstreamResource("http://" + name + ":" + upstream.port() + "/residents/{id_number}", null));
            Response r = query("psb-app", id, PERSON);
            assertLedgeredRefusal(r, 502, "UPSTREAM_FAILED", "psb-auditor", id);
            r.then().body("detail", containsString("non-public"));
        }
        assertEquals(calls, upstream.paths.size());
    }

    @Test
    void an_origin_removed_from_the_allow_list_is_no_longer_called() {
        allow(origin("http", "127.0.0.2", upstream.port()));
        String id =
                Api.published(upstreamResource("http://127.0.0.2:" + upstream.port() + "/residents/{id_number}", null));
        List<Map<String, Object>> list =
                new ArrayList<>(as("dsb-admin").get(hosts("zj-psb")).jsonPath().getList("$"));
        list.removeIf(e -> "127.0.0.2".equals(e.get("host")));
        as("dsb-admin").body(list).put(hosts("zj-psb")).then().statusCode(200);
        Response r = query("psb-app", id, PERSON);
        assertLedgeredRefusal(r, 502, "UPSTREAM_FAILED", "psb-auditor", id);
        r.then().body("detail", containsString("allow-list"));
    }

    @Test
    void another_departments_consumer_without_a_grant_is_refused_before_any_call() {
        String id = published("/residents/{id_number}", null);
        int calls = upstream.paths.size();
        assertLedgeredRefusal(query("hrss-app", id, PERSON), 403, "NO_GRANT", "psb-auditor", id);
        given().get("/api/v1/exchange/" + id + "/records?id_number=" + PERSON)
                .then()
                .statusCode(401);
        problem(query("psb-steward", id, PERSON), 403, "FORBIDDEN");
        assertEquals(calls, upstream.paths.size());
    }

    @Test
    void bulk_export_of_an_upstream_resource_is_refused() {
        String id = published("/residents/{id_number}", null);
        Response r = as("psb-app").get("/api/v1/exchange/" + id + "/export?format=ndjson");
        problem(r, 409, "NOT_HOSTED");
    }
}
