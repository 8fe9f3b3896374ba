package io.interchange.catalog;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Updates with If-Match, versions, review of structural changes, grants in force, retirement, schemas. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResourceChangeTest {

    /** Creates, submits and publishes a resource of zj-psb; returns its id. */
    static String published() {
        return Api.published(Api.resource(Api.unique("变更测试")));
    }

    static Response read(String id) {
        return as("psb-steward").get("/api/v1/resources/" + id);
    }

    /** The GET body with {@code change} applied, as a client would send it back. */
    static Map<String, Object> edited(String id, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new HashMap<>(read(id).jsonPath().getMap(""));
        change.accept(body);
        return body;
    }

    @Test
    void an_update_needs_if_match_and_refuses_a_stale_etag() {
        String id = published();
        as("psb-steward")
                .body(edited(id, b -> b.put("summaryEn", "x")))
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(428)
                .body("code", equalTo("PRECONDITION_REQUIRED"));
        as("psb-steward")
                .header("If-Match", "\"stale\"")
                .body(edited(id, b -> b.put("summaryEn", "x")))
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(412)
                .body("code", equalTo("PRECONDITION_FAILED"));
    }

    @Test
    void a_metadata_change_to_a_published_resource_is_a_new_version_at_once() {
        String id = published();
        String etag = read(id).header("ETag");
        as("psb-steward")
                .header("If-Match", etag)
                .body(edited(id, b -> b.put("summaryEn", "Updated summary")))
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("version", equalTo(2))
                .body("summaryEn", equalTo("Updated summary"))
                .body("pendingChange", equalTo(false));
        as("hrss-app")
                .get("/api/v1/resources/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("version", contains(2, 1))
                .body("[0].kind", equalTo("METADATA"))
                .body("[0].changes", contains("summaryEn"))
                .body("[0].changedBy", equalTo("psb-steward"));
        // the old ETag is now stale
        as("psb-steward")
                .header("If-Match", etag)
                .body(edited(id, b -> b.put("summaryEn", "again")))
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(412);
    }

    @Test
    void a_new_item_waits_for_review_while_the_published_definition_stays_in_force() {
        String id = published();
        Map<String, Object> body = edited(id, b -> {
            List<Object> items = new ArrayList<>((List<?>) b.get("items"));
            items.add(Map.of(
                    "name", "email", "label", "电子邮箱", "type", "C", "length", 100, "mask", Map.of("kind", "EMAIL")));
            b.put("items", items);
        });
        as("psb-steward")
                .header("If-Match", read(id).header("ETag"))
                .body(body)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(200)
                .body("pendingChange", equalTo(true))
                .body("reviewDueAt", notNullValue())
                .body("items.name", org.hamcrest.Matchers.not(hasItem("email")))
                .body("version", equalTo(1));
        as("dsb-admin")
                .post("/api/v1/resources/" + id + "/publish")
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("items.name", hasItem("email"))
                .body("pendingChange", equalTo(false));
        as("mca-app")
                .get("/api/v1/resources/" + id + "/versions")
                .then()
                .body("[0].kind", equalTo("REVIEWED"))
                .body("[0].changes", contains("items"));
    }

    @Test
    void a_rejected_change_leaves_the_published_definition_untouched() {
        String id = published();
        Map<String, Object> body = edited(id, b -> b.put("usageConditions", "放宽后的条件"));
        as("psb-steward")
                .header("If-Match", read(id).header("ETag"))
                .body(body)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(200)
                .body("pendingChange", equalTo(true));
        as("dsb-admin")
                .body(Map.of())
                .post("/api/v1/resources/" + id + "/reject")
                .then()
                .statusCode(422);
        as("dsb-admin")
                .body(Map.of("reason", "使用条件不得放宽"))
                .post("/api/v1/resources/" + id + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("pendingChange", equalTo(false))
                .body("rejectReason", equalTo("使用条件不得放宽"))
                .body("usageConditions", equalTo("仅限申请事项使用"));
    }

    @Test
    void removing_a_granted_item_or_changing_the_sharing_type_is_refused_naming_the_grants() {
        String id = published();
        String grant = Api.grant(
                "mca-app",
                "mca-officer",
                "psb-officer",
                id,
                List.of("id_number", "full_name"),
                Map.of("outcome", "APPROVE", "reason", "符合共享条件"));
        Map<String, Object> withoutName = edited(
                id,
                b -> b.put(
                        "items",
                        ((List<?>) b.get("items"))
                                .stream()
                                        .filter(i -> !"full_name".equals(((Map<?, ?>) i).get("name")))
                                        .toList()));
        String etag = read(id).header("ETag");
        as("psb-steward")
                .header("If-Match", etag)
                .body(withoutName)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(409)
                .body("code", equalTo("BREAKS_GRANTS"))
                .body("errors.field", hasItem("items.full_name"))
                .body("errors.message", hasItem(containsString(grant)));
        Map<String, Object> unconditional = edited(id, b -> {
            b.put("sharingType", "NOT_SHARED");
            b.put("sharingConditions", null);
            b.put("notSharedReason", "依法不予共享");
            b.put("legalBasis", "《中华人民共和国保守国家秘密法》第三十条");
        });
        as("psb-steward")
                .header("If-Match", etag)
                .body(unconditional)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(409)
                .body("errors.field", hasItem("sharingType"));
        read(id).then().body("pendingChange", equalTo(false)).body("items", hasSize(4));
    }

    @Test
    void only_the_owning_steward_changes_content() {
        String id = published();
        String etag = read(id).header("ETag");
        Map<String, Object> body = edited(id, b -> b.put("summaryEn", "x"));
        as("mca-steward")
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_OWNER"));
        as("dsb-admin")
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(403);
        as("psb-app")
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(401);
    }

    @Test
    void retiring_needs_a_reason_and_ends_the_grants() {
        String id = published();
        String grant = Api.grant(
                "mca-app",
                "mca-officer",
                "psb-officer",
                id,
                List.of("id_number"),
                Map.of("outcome", "APPROVE", "reason", "符合共享条件"));
        as("psb-steward")
                .body(Map.of())
                .post("/api/v1/resources/" + id + "/retire")
                .then()
                .statusCode(422);
        as("mca-steward")
                .body(Map.of("reason", "x"))
                .post("/api/v1/resources/" + id + "/retire")
                .then()
                .statusCode(403);
        as("psb-steward")
                .body(Map.of("reason", "数据来源已停止更新"))
                .post("/api/v1/resources/" + id + "/retire")
                .then()
                .statusCode(200)
                .body("status", equalTo("RETIRED"))
                .body("retireReason", equalTo("数据来源已停止更新"))
                .body("retiredAt", notNullValue());
        as("mca-app").get("/api/v1/grants/" + grant).then().statusCode(200).body("status", equalTo("ENDED"));
        as("mca-app").get("/api/v1/exchange/" + id + "/records").then().statusCode(403);
        as("psb-steward")
                .body(Map.of("reason", "again"))
                .post("/api/v1/resources/" + id + "/retire")
                .then()
                .statusCode(409);
    }

    @Test
    void a_draft_changes_in_place_without_a_version() {
        String id = as("psb-steward")
                .body(Api.resource(Api.unique("草稿")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("psb-steward")
                .header("If-Match", read(id).header("ETag"))
                .body(edited(id, b -> b.put("nameEn", "Renamed")))
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(200)
                .body("nameEn", equalTo("Renamed"))
                .body("version", equalTo(1));
        as("psb-steward")
                .get("/api/v1/resources/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        as("mca-steward").get("/api/v1/resources/" + id + "/versions").then().statusCode(404);
    }

    @Test
    void the_schema_and_openapi_describe_the_records() {
        String id = published();
        JsonPath schema = as("mca-app")
                .get("/api/v1/resources/" + id + "/schema")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(
                "https://json-schema.org/draft/2020-12/schema", schema.getString("'$schema'"));
        as("mca-app")
                .get("/api/v1/resources/" + id + "/schema")
                .then()
                .body("properties.id_number.type", hasItem("string"))
                .body("properties.household_size.type", hasItem("integer"))
                .body("required", contains("id_number"))
                .body("additionalProperties", equalTo(false));
        as("mca-app")
                .get("/api/v1/resources/" + id + "/openapi")
                .then()
                .statusCode(200)
                .body("openapi", equalTo("3.1.0"))
                .body("paths.'/api/v1/exchange/" + id + "/records'.get.parameters.name", hasItem("id_number"))
                .body("components.schemas.Record.properties.full_name.'x-mask'", equalTo("NAME"));
        io.restassured.RestAssured.given()
                .get("/api/v1/resources/" + id + "/schema")
                .then()
                .statusCode(401);
    }

    @Test
    void what_a_get_returns_posted_back_creates_a_new_draft() {
        String id = published();
        Map<String, Object> body = edited(id, b -> b.put("name", Api.unique("副本")));
        as("psb-steward")
                .body(body)
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("id", org.hamcrest.Matchers.not(equalTo(id)))
                .body("rejectReason", nullValue());
    }

    @Test
    void the_providers_auditor_sees_the_authoritys_review_of_its_resource() {
        String id = published();
        as("psb-auditor")
                .queryParam("resource", id)
                .queryParam("kind", "ADMIN")
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .body("items.findAll { it.action == 'RESOURCE_PUBLISH' }.department", hasItem("zj-dsb"))
                .body("items.findAll { it.action == 'RESOURCE_PUBLISH' }.objectDepartment", hasItem("zj-psb"));
        as("mca-auditor")
                .queryParam("resource", id)
                .queryParam("kind", "ADMIN")
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }
}
