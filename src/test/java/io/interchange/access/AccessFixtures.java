package io.interchange.access;

import static io.interchange.support.Api.as;

import io.interchange.platform.CheckCharacters;
import io.interchange.support.Api;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data of the access tests: each test gets its own published resource, rows and grant. */
final class AccessFixtures {

    static final ZoneId HUB_ZONE = ZoneId.of("Asia/Shanghai");

    private AccessFixtures() {}

    static LocalDate today() {
        return LocalDate.now(HUB_ZONE);
    }

    static String idNumber(String first17) {
        return first17 + CheckCharacters.idNumberCheckChar(first17);
    }

    /** A published CONDITIONAL resource of zj-psb with region, household size and birth date to scope on. */
    static String publishedResource() {
        Map<String, Object> body = new HashMap<>(Api.resource(Api.unique("户籍抽样")));
        body.put(
                "items",
                List.of(
                        Map.of(
                                "name",
                                "id_number",
                                "label",
                                "公民身份号码",
                                "type",
                                "C",
                                "length",
                                18,
                                "primaryKey",
                                true,
                                "filterable",
                                true,
                                "subjectIdentifier",
                                true,
                                "sensitive",
                                true,
                                "mask",
                                Map.of("kind", "ID_NUMBER")),
                        Map.of("name", "full_name", "label", "姓名", "type", "C", "length", 50),
                        Map.of("name", "region_code", "label", "行政区划代码", "type", "C", "length", 6, "filterable", true),
                        Map.of("name", "household_size", "label", "家庭人口", "type", "I", "filterable", true),
                        Map.of("name", "birth_date", "label", "出生日期", "type", "D", "filterable", true)));
        return Api.published(body);
    }

    /** Three households in two districts of Hangzhou. */
    static String resourceWithRows() {
        String id = publishedResource();
        as("psb-steward")
                .body(List.of(
                        row("33010219800101001", "张三", "330102", 3, "1980-01-01"),
                        row("33010219900202002", "李四", "330102", 1, "1990-02-02"),
                        row("33010619850303003", "王五", "330106", 4, "1985-03-03")))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200);
        return id;
    }

    static Map<String, Object> row(String first17, String name, String region, int size, String birth) {
        return Map.of(
                "id_number",
                idNumber(first17),
                "full_name",
                name,
                "region_code",
                region,
                "household_size",
                size,
                "birth_date",
                birth);
    }

    static final List<String> ITEMS = List.of("id_number", "region_code", "household_size", "birth_date");

    /** mca-app files, mca-officer endorses: the request waits for zj-psb's decision. */
    static String awaitingDecision(String resourceId) {
        return awaitingDecision(resourceId, ITEMS);
    }

    static String awaitingDecision(String resourceId, List<String> items) {
        String id = Api.file("mca-app", resourceId, items);
        as("mca-officer")
                .post("/api/v1/access-requests/" + id + "/endorse")
                .then()
                .statusCode(200);
        return id;
    }

    /** zj-mca (client mca-app) holds an ACTIVE grant on the resource; returns the grant id. */
    static String grant(String resourceId, Map<String, Object> extraTerms) {
        Map<String, Object> decision = new HashMap<>(Map.of("outcome", "APPROVE", "reason", "符合共享条件"));
        decision.putAll(extraTerms);
        return Api.grant("mca-app", "mca-officer", "psb-officer", resourceId, ITEMS, decision);
    }

    static String grant(String resourceId) {
        return grant(resourceId, Map.of());
    }

    /** The first ADMIN ledger entry since {@code since} for {@code action} on the object {@code objectId}. */
    static Optional<Map<String, Object>> adminEntry(OffsetDateTime since, String action, String objectId) {
        JsonPath page = as("dsb-auditor")
                .queryParam("kind", "ADMIN")
                .queryParam("from", since.toString())
                .queryParam("limit", 500)
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        return items.stream()
                .filter(e -> action.equals(e.get("action")))
                .filter(e -> objectId.equals(((Map<?, ?>) e.get("object")).get("id")))
                .findFirst();
    }
}
