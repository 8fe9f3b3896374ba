package io.interchange.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small builders for test data and authenticated requests, so tests read as the journey they check. */
public final class Api {

    /** Seeded resources (catalog-seed/resources). */
    public static final String RESIDENTS = "101001-000001"; // zj-psb, CONDITIONAL

    public static final String ALLOWANCES = "204001-000001"; // zj-mca, CONDITIONAL
    public static final String ENTERPRISES = "102001-000001"; // zj-amr, UNCONDITIONAL

    private Api() {}

    public static RequestSpecification as(String clientId) {
        return given().auth().oauth2(Tokens.of(clientId)).contentType(ContentType.JSON);
    }

    public static Map<String, Object> accessRequest(String resourceId, List<String> items) {
        return Map.of(
                "resourceId", resourceId,
                "items", items,
                "legalBasis", "《社会救助暂行办法》第十一条",
                "scenario", "最低生活保障资格审核",
                "purpose", "subsidy eligibility check",
                "mode", "API",
                "validUntil", LocalDate.now().plusYears(1).toString());
    }

    /** Files a request as {@code consumer}; returns its id. */
    public static String file(String consumer, String resourceId, List<String> items) {
        return as(consumer)
                .body(accessRequest(resourceId, items))
                .post("/api/v1/access-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Files, endorses and approves: the requester's department then holds a grant. Returns the grant id. */
    public static String grant(
            String consumer,
            String requesterOfficer,
            String providerOfficer,
            String resourceId,
            List<String> items,
            Map<String, Object> decision) {
        String id = file(consumer, resourceId, items);
        as(requesterOfficer)
                .post("/api/v1/access-requests/" + id + "/endorse")
                .then()
                .statusCode(200);
        return as(providerOfficer)
                .body(decision)
                .post("/api/v1/access-requests/" + id + "/decision")
                .then()
                .statusCode(200)
                .extract()
                .path("grantId");
    }

    /** Drafts {@code body} as zj-psb's steward, submits it and publishes it as the authority; returns the id. */
    public static String published(Map<String, Object> body) {
        String id = as("psb-steward")
                .body(body)
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("psb-steward").post("/api/v1/resources/" + id + "/submit").then().statusCode(200);
        as("dsb-admin").post("/api/v1/resources/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** A minimal valid resource draft body with a unique name. */
    public static Map<String, Object> resource(String name) {
        return Map.ofEntries(
                Map.entry("name", name),
                Map.entry("nameEn", "Test resource " + name),
                Map.entry("summary", "测试资源（演示数据）"),
                Map.entry("classification", Map.of("category", "3", "item", "09", "subItem", "001")),
                Map.entry("format", Map.of("category", "DATABASE", "type", "PostgreSQL")),
                Map.entry(
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
                                        Map.of("kind", "ID_NUMBER"),
                                        "level",
                                        "IMPORTANT"),
                                Map.of(
                                        "name",
                                        "full_name",
                                        "label",
                                        "姓名",
                                        "type",
                                        "C",
                                        "length",
                                        50,
                                        "sensitive",
                                        true,
                                        "mask",
                                        Map.of("kind", "NAME")),
                                Map.of(
                                        "name",
                                        "mobile",
                                        "label",
                                        "手机号码",
                                        "type",
                                        "C",
                                        "length",
                                        11,
                                        "sensitive",
                                        true,
                                        "mask",
                                        Map.of("kind", "MOBILE")),
                                Map.of("name", "household_size", "label", "家庭人口", "type", "I", "filterable", true))),
                Map.entry("sharingType", "CONDITIONAL"),
                Map.entry("sharingConditions", Map.of("scope", "县级以上政府部门", "purpose", "资格审查")),
                Map.entry("sharingModes", List.of("API")),
                Map.entry("updateCycle", "DAILY"),
                Map.entry("usageConditions", "仅限申请事项使用"));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
