package io.interchange.catalog;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DepartmentStatsTest {

    @Test
    void a_published_resource_without_data_counts_as_stale_and_lowers_the_on_time_rate() {
        String id = ResourceChangeTest.published();
        as("mca-app")
                .get("/api/v1/departments/zj-psb/stats")
                .then()
                .statusCode(200)
                .body("department", equalTo("zj-psb"))
                .body("publishedResources", greaterThanOrEqualTo(2))
                .body("staleResourceIds", hasItem(id))
                .body("onTimeRate", notNullValue())
                .body("lastDataUpdateAt", notNullValue());
    }

    @Test
    void an_unknown_department_is_404_and_a_token_is_needed() {
        as("mca-app").get("/api/v1/departments/zj-nowhere/stats").then().statusCode(404);
        io.restassured.RestAssured.given()
                .get("/api/v1/departments/zj-psb/stats")
                .then()
                .statusCode(401);
    }

    @Test
    void a_command_body_larger_than_a_command_can_be_is_413() {
        Map<String, Object> body = new java.util.HashMap<>(Api.resource(Api.unique("过大")));
        body.put("summary", "摘".repeat(400_000));
        as("psb-steward")
                .body(body)
                .post("/api/v1/resources")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }
}
