package io.interchange.exchange;

import static io.interchange.support.Api.as;
import static io.interchange.support.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.platform.CheckCharacters;
import io.interchange.support.Api;
import io.interchange.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker's refusal cases, and that every refusal is ledgered. zj-psb provides a fresh resource with three rows;
 * zj-mca holds a grant on it; zj-hrss holds none.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExchangeApiTest {

    static final String PERSON = idNumber("33010619900307123");
    static final String OTHER = idNumber("33010219851111456");
    static final String THIRD = idNumber("33010519780415041");
    static final List<String> GRANTED = List.of("id_number", "full_name", "region_code", "household_size");
    static final String PURPOSE = "subsidy eligibility check"; // Api.accessRequest

    /** The resource most tests share, with a default grant for zj-mca (600 queries a minute). */
    private static String shared;

    static String idNumber(String first17) {
        return first17 + CheckCharacters.idNumberCheckChar(first17);
    }

    static String records(String id) {
        return "/api/v1/exchange/" + id + "/records";
    }

    /** A published zj-psb resource with a filterable region code, loaded with three rows. */
    @SuppressWarnings("unchecked")
    static String resource() {
        Map<String, Object> body = new HashMap<>(Api.resource(Api.unique("交换测试")));
        List<Object> items = new ArrayList<>((List<Object>) body.get("items"));
        items.add(Map.of("name", "region_code", "label", "行政区划代码", "type", "C", "length", 6, "filterable", true));
        body.put("items", items);
        String id = Api.published(body);
        as("psb-steward")
                .body(List.of(
                        Map.of(
                                "id_number",
                                PERSON,
                                "full_name",
                                "欧阳娜娜",
                                "mobile",
                                "13812341234",
                                "region_code",
                                "330106",
                                "household_size",
                                3),
                        Map.of(
                                "id_number",
                                OTHER,
                                "full_name",
                                "张三",
                                "mobile",
                                "13900001111",
                                "region_code",
                                "330102",
                                "household_size",
                                1),
                        // a stored value that starts with an operator word: only eq: can match it
                        Map.of(
                                "id_number",
                                THIRD,
                                "full_name",
                                "李四",
                                "mobile",
                                "13700002222",
                                "region_code",
                                "in:x",
                                "household_size",
                                2)))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200)
                .body("rows", equalTo(3));
        return id;
    }

    /** A fresh resource and a grant for mca-app on these terms; returns the resource id. */
    static String granted(Map<String, Object> decision) {
        String id = resource();
        Api.grant("mca-app", "mca-officer", "psb-officer", id, GRANTED, decision);
        return id;
    }

    static synchronized String shared() {
        if (shared == null) {
            shared = granted(Map.of("outcome", "APPROVE"));
        }
        return shared;
    }

    static Response query(String client, String id, Map<String, ?> params) {
        return as(client).queryParams(params).get(records(id));
    }

    /** Every ledger entry {@code auditor} sees for the resource, all pages. */
    static List<Map<String, Object>> ledger(String auditor, String resourceId) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(auditor).queryParam("resource", resourceId).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/ledger/entries");
            page.then().statusCode(200);
            entries.addAll(page.jsonPath().getList("items"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return entries;
    }

    static Map<String, Object> entry(String auditor, String resourceId, String exchangeId) {
        return ledger(auditor, resourceId).stream()
                .filter(e -> exchangeId.equals(e.get("exchangeId")))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("exchange " + exchangeId + " is not in the ledger " + auditor + " reads"));
    }

    /** A refusal: the problem, an {@code X-Exchange-Id}, and a REFUSED ledger entry with the code. */
    static String assertLedgeredRefusal(Response response, int status, String code, String auditor, String resource) {
        problem(response, status, code).header("X-Exchange-Id", notNullValue());
        String exchangeId = response.header("X-Exchange-Id");
        Map<String, Object> entry = entry(auditor, resource, exchangeId);
        assertEquals("EXCHANGE", entry.get("kind"));
        assertEquals("REFUSED", entry.get("outcome"));
        assertEquals(code, entry.get("code"));
        assertEquals(0, entry.get("rows"));
        return exchangeId;
    }

    static void assertAllRowsIntact(String id) {
        as("psb-app")
                .get(records(id))
                .then()
                .statusCode(200)
                .body("items.id_number", containsInAnyOrder(PERSON, OTHER, THIRD))
                .body("items.find { it.id_number == '" + PERSON + "' }.full_name", equalTo("欧阳娜娜"));
    }

    // --- who may query ------------------------------------------------------------------------------------------

    @Test
    void the_granted_consumer_gets_masked_rows() {
        query("mca-app", shared(), Map.of("id_number", PERSON))
                .then()
                .statusCode(200)
                .header("X-Exchange-Id", notNullValue())
                .body("items.size()", equalTo(1))
                .body("items[0].full_name", equalTo("欧阳**"))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("mobile")));
    }

    @Test
    void a_data_officer_cannot_query() {
        problem(as("mca-officer").get(records(shared())), 403, "FORBIDDEN");
        problem(as("psb-officer").get(records(shared())), 403, "FORBIDDEN");
    }

    @Test
    void a_steward_cannot_query_even_their_own_resource() {
        problem(as("psb-steward").get(records(shared())), 403, "FORBIDDEN");
        problem(as("mca-steward").get(records(shared())), 403, "FORBIDDEN");
    }

    // --- every refusal is ledgered ------------------------------------------------------------------------------

    @Test
    void a_department_without_a_grant_is_refused_and_the_refusal_is_ledgered() {
        String id = shared();
        assertLedgeredRefusal(as("hrss-app").get(records(id)), 403, "NO_GRANT", "hrss-auditor", id);
    }

    @Test
    void an_item_outside_the_grant_is_refused_and_the_refusal_is_ledgered() {
        String id = shared();
        assertLedgeredRefusal(
                query("mca-app", id, Map.of("fields", "mobile")), 403, "FIELD_NOT_GRANTED", "mca-auditor", id);
    }

    @Test
    void a_bad_query_is_refused_and_the_refusal_is_ledgered() {
        String id = shared();
        assertLedgeredRefusal(query("mca-app", id, Map.of("shoe_size", "42")), 400, "BAD_QUERY", "mca-auditor", id);
    }

    @Test
    void a_refusal_is_ledgered_for_the_providers_auditor_too() {
        String id = shared();
        String exchangeId = assertLedgeredRefusal(as("hrss-app").get(records(id)), 403, "NO_GRANT", "hrss-auditor", id);
        assertEquals("REFUSED", entry("psb-auditor", id, exchangeId).get("outcome"));
    }

    @Test
    void an_unknown_resource_is_not_found_and_the_refusal_is_ledgered() {
        assertLedgeredRefusal(
                as("mca-app").get(records("999999-999999")), 404, "NOT_FOUND", "mca-auditor", "999999-999999");
    }

    @Test
    void an_unknown_resource_with_a_long_id_is_not_found_and_the_refusal_is_ledgered() {
        String id = "this-resource-does-not-exist-at-all";
        Response response = as("mca-app").get(records(id));
        problem(response, 404, "NOT_FOUND").header("X-Exchange-Id", notNullValue());
    }

    @Test
    void an_unpublished_resource_is_refused_and_the_refusal_is_ledgered() {
        String draft = as("psb-steward")
                .body(Api.resource(Api.unique("未发布交换")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // another department's draft does not exist for the caller, as in the catalogue; still ledgered
        assertLedgeredRefusal(as("mca-app").get(records(draft)), 404, "NOT_FOUND", "mca-auditor", draft);
    }

    @Test
    void a_not_shared_resource_is_refused_and_the_refusal_is_ledgered() {
        Map<String, Object> body = new HashMap<>(Api.resource(Api.unique("不予共享交换")));
        body.put("sharingType", "NOT_SHARED");
        body.remove("sharingConditions");
        body.put("sharingModes", List.of());
        body.put("notSharedReason", "法律禁止共享");
        body.put("legalBasis", "《中华人民共和国个人信息保护法》第十条");
        String id = Api.published(body);
        assertLedgeredRefusal(as("mca-app").get(records(id)), 403, "NOT_SHARED", "mca-auditor", id);
    }

    @Test
    void a_purpose_other_than_the_grants_is_refused_and_the_refusal_is_ledgered() {
        String id = shared();
        assertLedgeredRefusal(
                as("mca-app").header("X-Purpose", "marketing").get(records(id)),
                403,
                "PURPOSE_MISMATCH",
                "mca-auditor",
                id);
        as("mca-app").header("X-Purpose", PURPOSE).get(records(id)).then().statusCode(200);
    }

    @Test
    void the_rate_limit_of_the_grant_is_enforced_with_retry_after_and_ledgered() {
        String id = granted(Map.of("outcome", "APPROVE", "rateLimitPerMinute", 2));
        as("mca-app").get(records(id)).then().statusCode(200);
        as("mca-app").get(records(id)).then().statusCode(200);
        Response third = as("mca-app").get(records(id));
        third.then().statusCode(429).header("Retry-After", matchesPattern("[1-9]\\d*"));
        assertLedgeredRefusal(third, 429, "RATE_LIMITED", "mca-auditor", id);
    }

    // --- the query grammar --------------------------------------------------------------------------------------

    @Test
    void an_unknown_filter_item_is_a_bad_query_naming_it() {
        problem(query("mca-app", shared(), Map.of("shoe_size", "42")), 400, "BAD_QUERY", "shoe_size");
    }

    @Test
    void a_filter_on_an_item_that_is_not_filterable_is_a_bad_query_naming_it() {
        problem(query("mca-app", shared(), Map.of("full_name", "张三")), 400, "BAD_QUERY", "full_name");
    }

    @Test
    void an_unknown_item_in_fields_is_a_bad_query() {
        problem(query("mca-app", shared(), Map.of("fields", "id_number,shoe_size")), 400, "BAD_QUERY", "fields");
    }

    @Test
    void sorting_is_a_bad_query() {
        problem(query("mca-app", shared(), Map.of("sort", "full_name")), 400, "BAD_QUERY", "sort");
    }

    @Test
    void a_parameter_given_twice_is_a_bad_query() {
        problem(
                as("mca-app").queryParam("region_code", "330106", "330102").get(records(shared())),
                400,
                "BAD_QUERY",
                "region_code");
    }

    @Test
    void a_value_that_does_not_fit_the_item_type_is_a_bad_query() {
        problem(query("mca-app", shared(), Map.of("household_size", "1 OR 1=1")), 400, "BAD_QUERY", "household_size");
        problem(query("mca-app", shared(), Map.of("household_size", "three")), 400, "BAD_QUERY", "household_size");
    }

    @Test
    void hostile_filter_values_match_nothing_and_break_nothing() {
        String id = shared();
        List<String> hostile = List.of(
                "' OR 1=1 --",
                "330106' OR '1'='1",
                "; drop table hosted_row;",
                "'); delete from hosted_row; --",
                "\"}, \"region_code\": \"330106",
                "%",
                "_",
                "\\",
                "330%",
                "中文",
                "浙江😀",
                "\u202e330106",
                "<script>alert(1)</script>",
                "${jndi:ldap://x}",
                "x".repeat(3000));
        for (String value : hostile) {
            for (String item : List.of("id_number", "region_code")) {
                Response response = query("mca-app", id, Map.of(item, value));
                Problems.noInternals(response);
                response.then().statusCode(200).body("items.size()", equalTo(0));
            }
        }
        assertAllRowsIntact(id);
        query("mca-app", id, Map.of("region_code", "330106"))
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void a_value_longer_than_the_hub_accepts_is_a_bad_query_naming_the_item() {
        String id = shared();
        problem(query("mca-app", id, Map.of("region_code", "x".repeat(4001))), 400, "BAD_QUERY", "region_code");
        assertAllRowsIntact(id);
    }

    @Test
    void a_very_long_value_is_a_bad_query_naming_the_item() {
        String id = shared();
        Response response = query("mca-app", id, Map.of("region_code", "x".repeat(5000)));
        problem(response, 400, "BAD_QUERY", "region_code")
                .header("X-Interchange-Mode", "demo")
                .header("X-Exchange-Id", notNullValue());
        assertAllRowsIntact(id);
    }

    @Test
    void a_value_holding_a_nul_character_is_refused_without_a_server_error() {
        String id = shared();
        for (String item : List.of("id_number", "region_code")) {
            Response response = query("mca-app", id, Map.of(item, "330106\u0000"));
            Problems.noInternals(response);
            problem(response, 400, "BAD_QUERY", item).header("X-Exchange-Id", notNullValue());
        }
        assertAllRowsIntact(id);
    }

    @Test
    void in_ranges_and_prefix_filter_by_item_type() {
        String id = shared();
        int first = query("mca-app", id, Map.of("region_code", "330106"))
                .jsonPath()
                .getList("items")
                .size();
        int second = query("mca-app", id, Map.of("region_code", "330102"))
                .jsonPath()
                .getList("items")
                .size();
        query("mca-app", id, Map.of("region_code", "in:330106,330102"))
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(first + second));
        query("mca-app", id, Map.of("household_size", "gt:1", "fields", "household_size"))
                .then()
                .statusCode(200)
                .body("items.household_size", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.greaterThan(1)));
        query("mca-app", id, Map.of("household_size", "lte:1", "fields", "household_size"))
                .then()
                .statusCode(200)
                .body(
                        "items.household_size",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.lessThanOrEqualTo(1)));
        query("mca-app", id, Map.of("region_code", "prefix:3301"))
                .then()
                .statusCode(200)
                .body("items.region_code", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("3301")));
        problem(query("mca-app", id, Map.of("region_code", "gt:330106")), 400, "BAD_QUERY", "region_code");
        problem(query("mca-app", id, Map.of("household_size", "prefix:1")), 400, "BAD_QUERY", "household_size");
        problem(query("mca-app", id, Map.of("household_size", "in:1,x")), 400, "BAD_QUERY", "household_size");
    }

    @Test
    void eq_escapes_a_value_that_starts_with_an_operator_word() {
        query("mca-app", shared(), Map.of("region_code", "eq:in:x"))
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].region_code", equalTo("in:x"));
        query("mca-app", shared(), Map.of("region_code", "eq:330106"))
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].household_size", equalTo(3));
    }

    @Test
    void a_limit_outside_the_allowed_range_is_a_bad_query_naming_limit() {
        for (String limit : List.of("0", "-1", "100000", "ten")) {
            problem(query("mca-app", shared(), Map.of("limit", limit)), 400, "BAD_QUERY", "limit");
        }
    }

    @Test
    void a_cursor_the_hub_did_not_issue_is_a_bad_request_naming_it() {
        Response response = query("mca-app", shared(), Map.of("cursor", "!!not-a-cursor!!"));
        problem(response, 400, "BAD_REQUEST", "cursor").header("X-Exchange-Id", notNullValue());
    }

    @Test
    void pages_follow_the_cursor_without_repeating_a_row() {
        String id = shared();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> params = new HashMap<>(Map.of("limit", 1, "fields", "region_code,household_size"));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Response page = query("mca-app", id, params);
            page.then().statusCode(200).body("items.size()", equalTo(1));
            String row = page.jsonPath().getString("items[0].region_code");
            assertTrue(seen.add(row), "row " + row + " came back twice");
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
            assertTrue(pages <= 3, "three rows take three pages");
        } while (cursor != null);
        assertEquals(Set.of("330106", "330102", "in:x"), seen);
        query("mca-app", id, Map.of("limit", 3)).then().statusCode(200).body("nextCursor", nullValue());
        query("mca-app", id, Map.of("limit", 2))
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("nextCursor", notNullValue());
    }

    @Test
    void fields_project_onto_granted_items() {
        query("mca-app", shared(), Map.of("fields", "full_name", "region_code", "330102"))
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].keySet()", contains("full_name"))
                .body("items[0].full_name", equalTo("张*"));
        query("mca-app", shared(), Map.of("fields", "household_size,region_code", "region_code", "330106"))
                .then()
                .statusCode(200)
                .body("items[0].keySet()", containsInAnyOrder("household_size", "region_code"));
    }

    // --- what the ledger holds ----------------------------------------------------------------------------------

    @Test
    void raw_items_of_the_grant_are_released_unmasked_and_the_ledger_says_so() {
        String id = granted(Map.of("outcome", "APPROVE", "rawItems", List.of("full_name")));
        Response response = query("mca-app", id, Map.of("id_number", PERSON));
        response.then()
                .statusCode(200)
                .body("items[0].full_name", equalTo("欧阳娜娜"))
                .body("items[0].id_number", not(equalTo(PERSON)));
        Map<String, Object> entry = entry("mca-auditor", id, response.header("X-Exchange-Id"));
        assertEquals("ANSWERED", entry.get("outcome"));
        assertEquals(List.of("full_name"), entry.get("rawItems"));
        assertTrue(((List<?>) entry.get("masked")).contains("id_number"), "id_number stays masked");
        assertFalse(((List<?>) entry.get("masked")).contains("full_name"), "full_name was released raw");
    }

    @Test
    void the_same_id_number_gets_the_same_hmac_in_the_ledger_and_never_appears_in_clear() {
        String id = shared();
        String first = query("mca-app", id, Map.of("id_number", PERSON)).header("X-Exchange-Id");
        String second = query("mca-app", id, Map.of("id_number", PERSON)).header("X-Exchange-Id");
        String other = query("mca-app", id, Map.of("id_number", OTHER)).header("X-Exchange-Id");
        Map<?, ?> a = (Map<?, ?>) entry("mca-auditor", id, first).get("query");
        Map<?, ?> b = (Map<?, ?>) entry("mca-auditor", id, second).get("query");
        Map<?, ?> c = (Map<?, ?>) entry("mca-auditor", id, other).get("query");
        assertNotNull(a.get("id_number"));
        assertTrue(a.get("id_number").toString().matches("hmac:k1:[0-9a-f]{64}"), a.toString());
        assertEquals(a.get("id_number"), b.get("id_number"));
        assertNotEquals(a.get("id_number"), c.get("id_number"));
        assertTrue(
                ((List<?>) entry("mca-auditor", id, first).get("subjects")).contains(a.get("id_number")),
                "subjects hold the queried person");
        String ledger = as("mca-auditor")
                .queryParam("resource", id)
                .queryParam("limit", 500)
                .get("/api/v1/ledger/entries")
                .asString();
        assertFalse(ledger.contains(PERSON), "the ID number never enters the ledger in clear");
    }
}
