package io.interchange.access;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** R25 Art. 39–41: overdue answers, undelivered approvals, missing usage records — each seen by the right party. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ComplianceTest {

    @Inject
    CalendarService calendar;

    @Test
    void deadlines_that_passed_show_up_for_the_department_that_owes_them() {
        String resource = Api.published(Api.resource(Api.unique("合规")));
        String waiting = Api.file("mca-app", resource, List.of("id_number"));
        as("mca-officer")
                .post("/api/v1/access-requests/" + waiting + "/endorse")
                .then()
                .statusCode(200);
        String approved = Api.file("mca-app", resource, List.of("full_name"));
        as("mca-officer")
                .post("/api/v1/access-requests/" + approved + "/endorse")
                .then()
                .statusCode(200);
        as("psb-officer")
                .body(Map.of("outcome", "APPROVE"))
                .post("/api/v1/access-requests/" + approved + "/decision")
                .then()
                .statusCode(200);
        as("psb-officer")
                .get("/api/v1/compliance")
                .then()
                .statusCode(200)
                .body("[0].overdueAnswers.requestId", not(hasItem(waiting)));
        calendar.useClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(45)));
        try {
            as("psb-officer")
                    .get("/api/v1/compliance")
                    .then()
                    .statusCode(200)
                    .body("", hasSize(1))
                    .body("[0].department", equalTo("zj-psb"))
                    .body("[0].overdueAnswers.requestId", hasItem(waiting))
                    .body("[0].overdueDeliveries.requestId", hasItem(approved));
            as("mca-auditor")
                    .get("/api/v1/compliance")
                    .then()
                    .statusCode(200)
                    .body("[0].grantsMissingUsageRecords.requestId", hasItem(approved))
                    .body("[0].overdueAnswers.requestId", not(hasItem(waiting)));
            as("dsb-auditor")
                    .queryParam("department", "zj-psb")
                    .get("/api/v1/compliance")
                    .then()
                    .statusCode(200)
                    .body("[0].overdueAnswers.requestId", hasItem(waiting));
        } finally {
            calendar.useClock(Clock.systemUTC());
        }
    }

    @Test
    void a_department_sees_only_its_own_report() {
        as("mca-officer")
                .queryParam("department", "zj-psb")
                .get("/api/v1/compliance")
                .then()
                .statusCode(403)
                .body("code", equalTo("OTHER_DEPARTMENT"));
        as("mca-app").get("/api/v1/compliance").then().statusCode(403);
        as("dsb-auditor")
                .queryParam("department", "zj-nowhere")
                .get("/api/v1/compliance")
                .then()
                .statusCode(404);
        io.restassured.RestAssured.given().get("/api/v1/compliance").then().statusCode(401);
    }
}
