package io.interchange.access;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** R25 Art. 29: the requester keeps a usage record per grant, readable by the provider and the authority. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageRecordTest {

    private static Map<String, Object> usage() {
        return Map.of(
                "scenario", "最低生活保障资格审核",
                "process", "经办人逐户核验户籍信息",
                "results", "核验 120 户，其中 3 户不符合条件",
                "storage", "民政业务系统加密存储",
                "destruction", "审核结束后 30 日内删除");
    }

    @Test
    void the_requesting_consumer_records_usage_and_both_departments_and_the_authority_read_it() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("mca-app")
                .body(usage())
                .post("/api/v1/grants/" + grant + "/usage-records")
                .then()
                .statusCode(201)
                .body("grantId", equalTo(grant))
                .body("department", equalTo("zj-mca"))
                .body("recordedBy", equalTo("mca-app"))
                .body("retainUntil", equalTo(AccessFixtures.today().plusYears(3).toString()));
        for (String reader :
                List.of("mca-app", "mca-auditor", "psb-officer", "psb-auditor", "dsb-admin", "dsb-auditor")) {
            as(reader)
                    .get("/api/v1/grants/" + grant + "/usage-records")
                    .then()
                    .statusCode(200)
                    .body("scenario", contains("最低生活保障资格审核"))
                    .body("destruction", contains("审核结束后 30 日内删除"));
        }
    }

    @Test
    void another_department_does_not_see_the_records() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("hrss-auditor")
                .get("/api/v1/grants/" + grant + "/usage-records")
                .then()
                .statusCode(404);
        as("hrss-app")
                .body(usage())
                .post("/api/v1/grants/" + grant + "/usage-records")
                .then()
                .statusCode(404);
    }

    @Test
    void the_provider_cannot_write_the_requesters_record() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-app")
                .body(usage())
                .post("/api/v1/grants/" + grant + "/usage-records")
                .then()
                .statusCode(403)
                .body("code", equalTo("WRONG_PARTY"));
        as("mca-officer")
                .body(usage())
                .post("/api/v1/grants/" + grant + "/usage-records")
                .then()
                .statusCode(403);
        as("mca-app").get("/api/v1/grants/" + grant + "/usage-records").then().body("size()", equalTo(0));
    }

    @Test
    void usage_records_need_a_token() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        given().contentType("application/json")
                .body(usage())
                .post("/api/v1/grants/" + grant + "/usage-records")
                .then()
                .statusCode(401);
        given().get("/api/v1/grants/" + grant + "/usage-records").then().statusCode(401);
    }

    @Test
    void every_part_of_a_usage_record_is_required() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        Map<String, Object> partial = new HashMap<>(usage());
        partial.remove("destruction");
        partial.put("storage", "");
        as("mca-app")
                .body(partial)
                .post("/api/v1/grants/" + grant + "/usage-records")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("destruction"))
                .body("errors.field", hasItem("storage"));
        as("mca-app").get("/api/v1/grants/" + grant + "/usage-records").then().body("size()", equalTo(0));
    }

    @Test
    void usage_records_cannot_be_deleted() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("mca-app").body(usage()).post("/api/v1/grants/" + grant + "/usage-records");
        as("mca-app")
                .delete("/api/v1/grants/" + grant + "/usage-records")
                .then()
                .statusCode(405);
        as("mca-app").get("/api/v1/grants/" + grant + "/usage-records").then().body("size()", equalTo(1));
    }
}
