package io.interchange.catalog;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CatalogSearchTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"身份", "居民身份信息", "身", "identity", "Resident identity", "RESIDENT", "公民身份号码", "101001/000001"})
    void chinese_and_english_queries_find_the_resident_identity_resource(String q) {
        as("mca-app")
                .queryParam("q", q)
                .queryParam("limit", 500)
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(Api.RESIDENTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dentit", "esiden", "id", "nt", "Resident ident", "ident 身份"})
    void english_parts_of_words_match_as_substrings_whatever_their_length(String q) {
        as("mca-app")
                .queryParam("q", q)
                .queryParam("limit", 500)
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(Api.RESIDENTS));
    }

    @Test
    void an_english_word_does_not_match_across_a_separator() {
        // The grams only narrow the candidates; the text itself must contain the word.
        as("mca-app")
                .queryParam("q", "residentidentity")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items", empty());
    }

    /**
     * Exact name first, then name containing the query, then any other match; newest first within a rank, whichever
     * order the pages are read in. Published in the opposite order, so recency alone would reverse the ranking.
     */
    @Test
    void english_matches_rank_by_name_then_recency_and_facets_count_the_whole_set() {
        String word = "qz" + Api.unique("r").substring(2).replace("-", "");
        Map<String, Object> inSummary = new java.util.HashMap<>(Api.resource(Api.unique("检索排序")));
        inSummary.put("nameEn", "Ranking test resource");
        inSummary.put("summaryEn", "About " + word + " records");
        inSummary.put("sharingModes", List.of("API", "BULK"));
        Map<String, Object> inName = new java.util.HashMap<>(Api.resource(Api.unique("检索排序")));
        inName.put("nameEn", "Registry of " + word.toUpperCase(java.util.Locale.ROOT) + " things");
        Map<String, Object> exact = new java.util.HashMap<>(Api.resource(Api.unique("检索排序")));
        exact.put("nameEn", word);
        String exactId = Api.published(exact);
        String inNameId = Api.published(inName);
        String inSummaryId = Api.published(inSummary);
        List<String> ranked = List.of(exactId, inNameId, inSummaryId);

        JsonPath all = as("mca-app")
                .queryParam("q", word)
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(ranked, all.getList("items.id"));
        assertEquals(Map.of("zj-psb", 3), all.getMap("facets.provider"));
        assertEquals(Map.of("API", 3, "BULK", 1), all.getMap("facets.mode"));
        assertEquals(Map.of("CONDITIONAL", 3), all.getMap("facets.sharingType"));
        assertEquals(Map.of("DATABASE", 3), all.getMap("facets.format"));
        assertEquals(Map.of("DAILY", 3), all.getMap("facets.updateCycle"));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(as("mca-app").queryParam("q", word).queryParam("limit", 1), cursor);
            paged.addAll(page.getList("items.id"));
            assertEquals(Map.of("API", 3, "BULK", 1), page.getMap("facets.mode"), "facets ignore the page");
            cursor = page.getString("nextCursor");
        } while (cursor != null && paged.size() < 10);
        assertEquals(ranked, paged);

        as("mca-app")
                .queryParam("q", word)
                .queryParam("sort", "updated")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(inSummaryId, inNameId, exactId)));
        as("mca-app")
                .queryParam("q", word + " records")
                .queryParam("mode", "BULK")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(inSummaryId)))
                .body("facets.provider", equalTo(Map.of("zj-psb", 1)));
    }

    @Test
    void every_word_of_a_query_must_match() {
        as("mca-app")
                .queryParam("q", "identity 婚姻不存在的词")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items", empty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"😀", "%", "_", "'; drop table catalog_resource; --", "\\", "\"", "ｉｄｅｎｔｉｔｙ", "\u200b", "𠀀𠀁"})
    void any_unicode_query_answers_without_error(String q) {
        as("mca-app").queryParam("q", q).get("/api/v1/resources").then().statusCode(200);
    }

    @Test
    void a_query_longer_than_the_limit_is_refused_naming_q() {
        as("mca-app")
                .queryParam("q", "身".repeat(201))
                .get("/api/v1/resources")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void facets_count_the_matching_set_and_filters_narrow_it() {
        JsonPath all = as("mca-app")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> facets = all.getMap("facets");
        assertTrue(facets.keySet()
                .containsAll(List.of("provider", "sharingType", "format", "mode", "updateCycle", "level")));
        as("mca-app")
                .queryParam("sharingType", "UNCONDITIONAL")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.sharingType", everyItem(equalTo("UNCONDITIONAL")))
                .body("items.id", hasItem(Api.ENTERPRISES))
                .body("facets.sharingType", not(hasKey("CONDITIONAL")));
        as("mca-app")
                .queryParam("mode", "BULK")
                .queryParam("provider", "zj-amr")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.provider.id", everyItem(equalTo("zj-amr")))
                .body("facets.mode.BULK", greaterThanOrEqualTo(1));
        as("mca-app")
                .queryParam("level", "NOT_A_LEVEL")
                .get("/api/v1/resources")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("level"));
    }

    @Test
    void pages_follow_the_cursor_without_repeating_a_resource() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = page(as("mca-app").queryParam("limit", 2).queryParam("sort", "updated"), cursor);
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 200);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no resource twice");
        int total = as("mca-app")
                .queryParam("limit", 500)
                .get("/api/v1/resources")
                .jsonPath()
                .getList("items")
                .size();
        assertEquals(total, seen.size(), "every resource once");
        as("mca-app")
                .queryParam("cursor", "not-a-cursor!")
                .get("/api/v1/resources")
                .then()
                .statusCode(400);
        as("mca-app")
                .queryParam("sort", "popularity")
                .get("/api/v1/resources")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sort"));
    }

    @Test
    void drafts_are_found_only_by_their_department_and_the_authority() {
        String name = Api.unique("检索草稿");
        as("psb-steward")
                .body(Api.resource(name))
                .post("/api/v1/resources")
                .then()
                .statusCode(201);
        as("psb-steward").queryParam("q", name).get("/api/v1/resources").then().body("items.name", hasItem(name));
        as("dsb-admin").queryParam("q", name).get("/api/v1/resources").then().body("items.name", hasItem(name));
        as("mca-steward").queryParam("q", name).get("/api/v1/resources").then().body("items", empty());
        as("mca-steward")
                .queryParam("q", name)
                .queryParam("status", "DRAFT")
                .get("/api/v1/resources")
                .then()
                .body("items", empty());
    }

    @Test
    void searching_needs_a_token() {
        io.restassured.RestAssured.given().get("/api/v1/resources").then().statusCode(401);
    }

    /** One page of a catalogue search: the request as built, continued at the cursor when there is one. */
    private static JsonPath page(io.restassured.specification.RequestSpecification request, String cursor) {
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/resources").then().statusCode(200).extract().jsonPath();
    }
}
