package io.interchange.ledger;

import static io.interchange.support.Api.as;
import static io.interchange.support.Problems.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Who reads the ledger, that nobody can rewrite it, and that administrative acts are in it. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerApiTest {

    static final String ENTRIES = "/api/v1/ledger/entries";

    @Inject
    DataSource ds;

    /** Every entry {@code auditor} reads with these filters, all pages. */
    static List<Map<String, Object>> entries(String auditor, Map<String, ?> filters) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(auditor).queryParams(filters).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(ENTRIES);
            page.then().statusCode(200);
            entries.addAll(page.jsonPath().getList("items"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return entries;
    }

    /** The first page (up to 500 entries, oldest first) {@code auditor} reads with these filters. */
    static List<Map<String, Object>> firstPage(String auditor, Map<String, ?> filters) {
        return as(auditor)
                .queryParams(filters)
                .queryParam("limit", 500)
                .get(ENTRIES)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    /** The ADMIN entries since {@code since} that {@code auditor} reads about {@code objectId}, as their actions. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> adminEntries(String auditor, String since, String objectId) {
        return entries(auditor, Map.of("kind", "ADMIN", "from", since)).stream()
                .filter(e -> objectId.equals(((Map<String, Object>) e.get("object")).get("id")))
                .toList();
    }

    static List<Object> actions(List<Map<String, Object>> entries) {
        return entries.stream().map(e -> e.get("action")).toList();
    }

    static Map<String, Object> action(List<Map<String, Object>> entries, String action) {
        return entries.stream()
                .filter(e -> action.equals(e.get("action")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " among " + actions(entries)));
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(2).toString();
    }

    static String publishedResource() {
        return Api.published(Api.resource(Api.unique("账本测试")));
    }

    // --- who reads ----------------------------------------------------------------------------------------------

    @Test
    void a_consumer_cannot_read_the_ledger() {
        problem(as("mca-app").get(ENTRIES), 403, "FORBIDDEN");
    }

    @Test
    void a_steward_cannot_read_the_ledger() {
        problem(as("psb-steward").get(ENTRIES), 403, "FORBIDDEN");
    }

    @Test
    void a_data_officer_and_the_hub_admin_cannot_read_the_ledger() {
        problem(as("psb-officer").get(ENTRIES), 403, "FORBIDDEN");
        problem(as("dsb-admin").get(ENTRIES), 403, "FORBIDDEN");
    }

    @Test
    void an_auditor_cannot_ask_for_another_departments_entries() {
        problem(as("mca-auditor").queryParam("department", "zj-psb").get(ENTRIES), 403, "OTHER_DEPARTMENT");
    }

    @Test
    void an_auditor_may_name_their_own_department() {
        as("mca-auditor").queryParam("department", "zj-mca").get(ENTRIES).then().statusCode(200);
    }

    @Test
    void an_auditor_reads_only_entries_of_their_own_department() {
        List<Map<String, Object>> page = firstPage("mca-auditor", Map.of());
        assertFalse(page.isEmpty());
        for (Map<String, Object> e : page) {
            assertTrue(
                    "zj-mca".equals(e.get("department"))
                            || "zj-mca".equals(e.get("objectDepartment"))
                            || "zj-mca".equals(e.get("requesterDepartment"))
                            || "zj-mca".equals(e.get("providerDepartment")),
                    "zj-mca's auditor reads " + e);
        }
    }

    @Test
    void the_hub_auditor_reads_entries_of_every_department() {
        Set<Object> departments = new HashSet<>();
        for (Map<String, Object> e : firstPage("dsb-auditor", Map.of())) {
            departments.add(e.get("department"));
            departments.add(e.get("objectDepartment"));
            departments.add(e.get("requesterDepartment"));
            departments.add(e.get("providerDepartment"));
        }
        assertTrue(
                departments.containsAll(List.of("zj-psb", "zj-mca", "zj-hrss", "zj-amr")),
                "the hub auditor reads " + departments);
        for (String department : List.of("zj-psb", "zj-mca", "zj-hrss", "zj-amr")) {
            List<Map<String, Object>> own = firstPage("dsb-auditor", Map.of("department", department));
            assertFalse(own.isEmpty(), department + " has entries");
            for (Map<String, Object> e : own) {
                assertTrue(
                        department.equals(e.get("department"))
                                || department.equals(e.get("objectDepartment"))
                                || department.equals(e.get("requesterDepartment"))
                                || department.equals(e.get("providerDepartment")),
                        "filtered by " + department + ": " + e);
            }
        }
    }

    @Test
    void bad_filters_are_a_bad_request_naming_them() {
        problem(as("dsb-auditor").queryParam("from", "yesterday").get(ENTRIES), 400, "BAD_REQUEST", "from");
        problem(as("dsb-auditor").queryParam("to", "2026-13-45").get(ENTRIES), 400, "BAD_REQUEST", "to");
        problem(as("dsb-auditor").queryParam("limit", 0).get(ENTRIES), 400, "BAD_REQUEST", "limit");
        problem(as("dsb-auditor").queryParam("cursor", "bm90LWEtbnVtYmVy").get(ENTRIES), 400, "BAD_REQUEST", "cursor");
    }

    @Test
    void an_unknown_kind_is_a_bad_request_naming_it() {
        problem(as("dsb-auditor").queryParam("kind", "GOSSIP").get(ENTRIES), 400, "BAD_REQUEST", "kind");
    }

    /**
     * One answered exchange (hrss-app, granted) and one refused (mca-app, no grant) on a fresh zj-psb resource;
     * returns {resource, answered exchangeId, refused exchangeId}.
     */
    static String[] answeredAndRefused() {
        String id = publishedResource();
        Api.grant("hrss-app", "hrss-officer", "psb-officer", id, List.of("id_number"), Map.of("outcome", "APPROVE"));
        String answered = as("hrss-app")
                .queryParam("id_number", "11010519491231002X")
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Exchange-Id");
        Response refusal =
                as("mca-app").queryParam("id_number", "11010519491231002X").get("/api/v1/exchange/" + id + "/records");
        assertTrue(refusal.statusCode() >= 400, refusal.asString());
        return new String[] {id, answered, refusal.header("X-Exchange-Id")};
    }

    static List<Object> exchangeIds(List<Map<String, Object>> entries) {
        return entries.stream().map(e -> e.get("exchangeId")).toList();
    }

    @Test
    void the_outcome_filter_keeps_exchanges_with_that_outcome_only() {
        String[] done = answeredAndRefused();
        Map<String, String> resource = Map.of("resource", done[0]);
        List<Map<String, Object>> all = entries("psb-auditor", resource);
        assertTrue(all.stream().anyMatch(e -> "ADMIN".equals(e.get("kind"))), "publishing acts are listed: " + all);
        assertTrue(exchangeIds(all).containsAll(List.of(done[1], done[2])), "both exchanges: " + exchangeIds(all));

        List<Map<String, Object>> answered = entries("psb-auditor", Map.of("resource", done[0], "outcome", "ANSWERED"));
        assertEquals(List.of(done[1]), exchangeIds(answered));
        assertEquals("EXCHANGE", answered.get(0).get("kind"));
        assertEquals("ANSWERED", answered.get(0).get("outcome"));

        List<Map<String, Object>> refused = entries("dsb-auditor", Map.of("resource", done[0], "outcome", "refused"));
        assertEquals(List.of(done[2]), exchangeIds(refused));
        assertEquals("REFUSED", refused.get(0).get("outcome"));

        // ADMIN entries have no outcome: with one, they never match
        assertTrue(entries("dsb-auditor", Map.of("resource", done[0], "kind", "ADMIN", "outcome", "ANSWERED"))
                .isEmpty());
        assertEquals(
                List.of(done[1]),
                exchangeIds(entries(
                        "dsb-auditor", Map.of("resource", done[0], "kind", "EXCHANGE", "outcome", "ANSWERED"))));
    }

    @Test
    void the_outcome_filter_keeps_to_the_auditors_department() {
        String[] done = answeredAndRefused();
        // the refusal was civil affairs' call, the answer human resources'
        assertEquals(
                List.of(done[2]),
                exchangeIds(entries("mca-auditor", Map.of("resource", done[0], "outcome", "REFUSED"))));
        assertTrue(entries("mca-auditor", Map.of("resource", done[0], "outcome", "ANSWERED"))
                .isEmpty());
        assertTrue(entries("hrss-auditor", Map.of("resource", done[0], "outcome", "REFUSED"))
                .isEmpty());
        problem(
                as("mca-auditor")
                        .queryParam("department", "zj-hrss")
                        .queryParam("outcome", "ANSWERED")
                        .get(ENTRIES),
                403,
                "OTHER_DEPARTMENT");
        problem(as("mca-app").queryParam("outcome", "REFUSED").get(ENTRIES), 403, "FORBIDDEN");
        io.restassured.RestAssured.given()
                .queryParam("outcome", "REFUSED")
                .get(ENTRIES)
                .then()
                .statusCode(401);
    }

    @Test
    void an_unknown_outcome_is_a_bad_request_naming_it() {
        problem(as("dsb-auditor").queryParam("outcome", "MAYBE").get(ENTRIES), 400, "BAD_REQUEST", "outcome");
        problem(as("dsb-auditor").queryParam("outcome", "ANSWERED';--").get(ENTRIES), 400, "BAD_REQUEST", "outcome");
    }

    // --- nobody rewrites history --------------------------------------------------------------------------------

    void assertRefused(String sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            // inside a transaction that is rolled back, so even a missing trigger could not destroy the ledger
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(
                        refused.getMessage().contains("append-only"),
                        "refused by the ledger's trigger: " + refused.getMessage());
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void entries_cannot_be_updated() throws SQLException {
        assertRefused("update ledger_entry set kind = 'X'");
    }

    @Test
    void entries_cannot_be_deleted() throws SQLException {
        assertRefused("delete from ledger_entry");
    }

    @Test
    void the_ledger_cannot_be_truncated() throws SQLException {
        assertRefused("truncate ledger_entry cascade"); // cascade passes the foreign keys: only the trigger stops it
    }

    @Test
    void the_ledger_still_holds_its_entries_after_the_attempts() throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*), count(*) filter (where kind = 'X') from ledger_entry")) {
            rs.next();
            assertTrue(rs.getLong(1) > 0);
            assertEquals(0, rs.getLong(2));
        }
    }

    // --- administrative acts are ledgered -----------------------------------------------------------------------

    @Test
    void resource_lifecycle_acts_are_admin_entries_of_the_acting_department() {
        String since = now();
        String id = publishedResource();
        List<Map<String, Object>> steward = adminEntries("psb-auditor", since, id);
        Map<String, Object> create = action(steward, "RESOURCE_CREATE");
        assertEquals("zj-psb", create.get("department"));
        assertEquals("psb-steward", create.get("actor"));
        Map<String, Object> submit = action(steward, "RESOURCE_SUBMIT");
        assertEquals("zj-psb", submit.get("department"));
        assertEquals("psb-steward", submit.get("actor"));
        Map<String, Object> publish = action(adminEntries("dsb-auditor", since, id), "RESOURCE_PUBLISH");
        assertEquals("zj-dsb", publish.get("department"));
        assertEquals("dsb-admin", publish.get("actor"));
        assertEquals(Map.of("type", "resource", "id", id), publish.get("object"));
    }

    @Test
    void a_rejection_is_an_admin_entry_with_its_reason() {
        String since = now();
        String id = as("psb-steward")
                .body(Api.resource(Api.unique("账本驳回")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("psb-steward").post("/api/v1/resources/" + id + "/submit").then().statusCode(200);
        as("dsb-admin")
                .body(Map.of("reason", "摘要不清"))
                .post("/api/v1/resources/" + id + "/reject")
                .then()
                .statusCode(200);
        Map<String, Object> reject = action(adminEntries("dsb-auditor", since, id), "RESOURCE_REJECT");
        assertEquals("摘要不清", ((Map<?, ?>) reject.get("summary")).get("reason"));
    }

    @Test
    void request_endorsement_and_decision_are_admin_entries_of_the_acting_departments() {
        String resource = publishedResource();
        String since = now();
        String request = Api.file("mca-app", resource, List.of("id_number"));
        as("mca-officer")
                .post("/api/v1/access-requests/" + request + "/endorse")
                .then()
                .statusCode(200);
        as("psb-officer")
                .body(Map.of("outcome", "APPROVE", "reason", "符合共享条件"))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(200);

        List<Map<String, Object>> requester = adminEntries("mca-auditor", since, request);
        assertEquals("mca-app", action(requester, "REQUEST_FILE").get("actor"));
        Map<String, Object> endorse = action(requester, "REQUEST_ENDORSE");
        assertEquals("zj-mca", endorse.get("department"));
        assertEquals("mca-officer", endorse.get("actor"));
        assertEquals(Map.of("type", "access-request", "id", request), endorse.get("object"));

        Map<String, Object> approve = action(adminEntries("psb-auditor", since, request), "REQUEST_APPROVE");
        assertEquals("zj-psb", approve.get("department"));
        assertEquals("psb-officer", approve.get("actor"));
        assertEquals("APPROVED", ((Map<?, ?>) approve.get("summary")).get("status"));
    }

    @Test
    void a_refused_act_leaves_no_admin_entry() {
        String resource = publishedResource();
        String since = now();
        String request = Api.file("mca-app", resource, List.of("id_number"));
        as("mca-officer")
                .post("/api/v1/access-requests/" + request + "/endorse")
                .then()
                .statusCode(200);
        as("psb-officer")
                .body(Map.of("outcome", "REJECT"))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(422);
        as("psb-officer")
                .body(Map.of("outcome", "APPROVE", "rowScope", "region_code = '330106'"))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(422);
        List<Object> acts = actions(adminEntries("dsb-auditor", since, request));
        assertEquals(List.of("REQUEST_FILE", "REQUEST_ENDORSE"), acts);
    }
}
