package io.interchange.access;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** R25 Art. 21–22: one extension of the answer period with a reason; delivery within 20 working days of approval. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExtensionAndDeliveryTest {

    private static final Map<String, Object> FIVE_DAYS = Map.of("workingDays", 5, "reason", "需核查历史档案");

    private static String due(String from, int workingDays) {
        return as("mca-app")
                .queryParam("from", from)
                .queryParam("workingDays", workingDays)
                .get("/api/v1/calendar/due")
                .then()
                .statusCode(200)
                .extract()
                .path("due");
    }

    private static String dueAt(String request) {
        return as("mca-app")
                .get("/api/v1/access-requests/" + request)
                .then()
                .statusCode(200)
                .extract()
                .path("dueAt");
    }

    @Test
    void provider_officer_extends_once_and_the_requester_sees_the_reason_and_both_dates() {
        String request = AccessFixtures.awaitingDecision(Api.RESIDENTS, List.of("id_number"));
        String original = dueAt(request);
        as("psb-officer")
                .body(FIVE_DAYS)
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(200)
                .body("status", equalTo("AWAITING_DECISION"))
                .body("originalDueAt", equalTo(original))
                .body("dueAt", equalTo(due(original, 5)));
        as("mca-app")
                .get("/api/v1/access-requests/" + request)
                .then()
                .statusCode(200)
                .body("originalDueAt", equalTo(original))
                .body("dueAt", equalTo(due(original, 5)))
                .body("extensionDays", equalTo(5))
                .body("extensionReason", equalTo("需核查历史档案"))
                .body("extendedBy", equalTo("psb-officer"))
                .body("overdue", equalTo(false));
    }

    @Test
    void a_second_extension_is_refused() {
        String request = AccessFixtures.awaitingDecision(Api.RESIDENTS, List.of("id_number"));
        as("psb-officer")
                .body(FIVE_DAYS)
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(200);
        String extended = dueAt(request);
        as("psb-officer")
                .body(Map.of("workingDays", 1, "reason", "再延一天"))
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(409)
                .body("code", equalTo("ALREADY_EXTENDED"));
        org.junit.jupiter.api.Assertions.assertEquals(extended, dueAt(request));
    }

    @Test
    void more_than_ten_or_fewer_than_one_working_days_are_refused_and_change_nothing() {
        String request = AccessFixtures.awaitingDecision(Api.RESIDENTS, List.of("id_number"));
        String original = dueAt(request);
        for (int days : new int[] {11, 0, -1}) {
            as("psb-officer")
                    .body(Map.of("workingDays", days, "reason", "理由"))
                    .post("/api/v1/access-requests/" + request + "/extend")
                    .then()
                    .statusCode(422)
                    .body("errors.field", hasItem("workingDays"));
        }
        as("mca-app")
                .get("/api/v1/access-requests/" + request)
                .then()
                .body("dueAt", equalTo(original))
                .body("originalDueAt", nullValue())
                .body("extendedBy", nullValue());
    }

    @Test
    void an_extension_needs_a_reason_and_a_number_of_days() {
        String request = AccessFixtures.awaitingDecision(Api.RESIDENTS, List.of("id_number"));
        as("psb-officer")
                .body(Map.of("workingDays", 3, "reason", "  "))
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("reason")));
        as("psb-officer")
                .body(Map.of())
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("workingDays"))
                .body("errors.field", hasItem("reason"));
    }

    @Test
    void the_requester_officer_cannot_extend() {
        String request = AccessFixtures.awaitingDecision(Api.RESIDENTS, List.of("id_number"));
        as("mca-officer")
                .body(FIVE_DAYS)
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(403)
                .body("code", equalTo("WRONG_PARTY"));
    }

    @Test
    void an_officer_of_another_department_does_not_see_the_request() {
        String request = AccessFixtures.awaitingDecision(Api.RESIDENTS, List.of("id_number"));
        as("hrss-officer")
                .body(FIVE_DAYS)
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(404);
    }

    @Test
    void a_consumer_of_the_provider_cannot_extend() {
        String request = AccessFixtures.awaitingDecision(Api.RESIDENTS, List.of("id_number"));
        as("psb-app")
                .body(FIVE_DAYS)
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(403);
    }

    @Test
    void extending_needs_a_token() {
        String request = AccessFixtures.awaitingDecision(Api.RESIDENTS, List.of("id_number"));
        given().contentType("application/json")
                .body(FIVE_DAYS)
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(401);
    }

    @Test
    void only_a_request_awaiting_decision_can_be_extended() {
        String request = Api.file("mca-app", Api.RESIDENTS, List.of("id_number"));
        as("psb-officer")
                .body(FIVE_DAYS)
                .post("/api/v1/access-requests/" + request + "/extend")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_STATUS"))
                .body("detail", containsString("AWAITING_ENDORSEMENT"));
    }

    @Test
    void approval_sets_delivery_due_twenty_working_days_later() {
        String resource = AccessFixtures.publishedResource();
        String request = AccessFixtures.awaitingDecision(resource);
        as("mca-app").get("/api/v1/access-requests/" + request).then().body("deliveryDueAt", nullValue());
        as("psb-officer")
                .body(Map.of("outcome", "APPROVE", "reason", "符合共享条件"))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("deliveryDueAt", equalTo(due(AccessFixtures.today().toString(), 20)));
    }
}
