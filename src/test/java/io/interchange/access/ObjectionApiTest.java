package io.interchange.access;

import static io.interchange.support.Api.as;
import static io.interchange.support.Problems.invalid;
import static io.interchange.support.Problems.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 数据异议 and disputes (R25 Art. 26, 28): who files, who answers, who rates, and the ladder a dispute climbs. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ObjectionApiTest {

    static final String OBJECTIONS = "/api/v1/objections";

    @Inject
    CalendarService calendar;

    @Inject
    EntityManager em;

    @Inject
    ObjectionService objections;

    /** A fresh zj-psb resource, so no other test's objections touch its verification flag. */
    static String psbResource() {
        return Api.published(Api.resource(Api.unique("异议")));
    }

    static Map<String, Object> objection(String resourceId) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "CATALOGUE_ERROR");
        body.put("resourceId", resourceId);
        body.put("recordKey", "330102199001011234");
        body.put("description", "户籍地址与民政系统记录不一致（演示）");
        return body;
    }

    static Response file(String client, Map<String, Object> body) {
        return as(client).body(body).post(OBJECTIONS);
    }

    static String filed(String resourceId) {
        return file("mca-app", objection(resourceId))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static Response act(String client, String id, String action, Map<String, Object> body) {
        return as(client).body(body).post(OBJECTIONS + "/" + id + "/" + action);
    }

    static String answered(String resourceId) {
        String id = filed(resourceId);
        act("psb-officer", id, "reply", Map.of("reply", "已核实并更正", "corrected", true))
                .then()
                .statusCode(200);
        return id;
    }

    static String unresolved(String resourceId) {
        String id = answered(resourceId);
        act("mca-app", id, "rate", Map.of("rating", 2, "resolved", false))
                .then()
                .statusCode(200)
                .body("status", equalTo("UNRESOLVED"));
        return id;
    }

    static Map<String, Object> step(String step, String note) {
        return Map.of("step", step, "note", note);
    }

    static Map<String, Object> outcome(String step, String outcome) {
        return Map.of("step", step, "outcome", outcome, "note", "结果：" + outcome);
    }

    @Test
    void a_consumer_files_an_objection_the_provider_owes_a_reply_in_10_working_days() {
        String resource = psbResource();
        Response response = file("mca-app", objection(resource));
        String id = response.then()
                .statusCode(201)
                .header("Location", endsWith(OBJECTIONS + "/" + response.path("id")))
                .body("status", equalTo("OPEN"))
                .body("type", equalTo("CATALOGUE_ERROR"))
                .body("resourceId", equalTo(resource))
                .body("filerDepartment", equalTo("zj-mca"))
                .body("providerDepartment", equalTo("zj-psb"))
                .body("handlingDepartment", equalTo("zj-psb"))
                .body("replyDueAt", equalTo(calendar.due(calendar.today(), 10).toString()))
                .body("replyOverdue", equalTo(false))
                .body("reply", nullValue())
                .body("transfers", hasSize(0))
                .extract()
                .path("id");
        // officers and stewards of a department may file as well
        file("mca-officer", objection(resource)).then().statusCode(201);
        file("hrss-steward", objection(resource)).then().statusCode(201);
        assertEquals(1L, ledgerEntries(id, "OBJECTION_FILE"));
    }

    @Test
    void filing_needs_a_token_and_a_filing_role() {
        String resource = psbResource();
        RestAssured.given()
                .contentType(ContentType.JSON)
                .body(objection(resource))
                .post(OBJECTIONS)
                .then()
                .statusCode(401);
        RestAssured.given().get(OBJECTIONS).then().statusCode(401);
        problem(file("mca-auditor", objection(resource)), 403, "FORBIDDEN");
        problem(file("dsb-admin", objection(resource)), 403, "FORBIDDEN");
    }

    @Test
    void bad_objections_are_refused_naming_every_field() {
        String resource = psbResource();
        invalid(file("mca-app", Map.of()), "type", "resourceId", "description");
        Map<String, Object> tooLong = objection(resource);
        tooLong.put("description", "长".repeat(4001));
        tooLong.put("recordKey", "k".repeat(201));
        invalid(file("mca-app", tooLong), "description", "recordKey");
        invalid(file("mca-app", objection("999999-999999")), "resourceId");
        // a related request only with REQUEST_DECISION, and only the filer's own
        Map<String, Object> related = objection(resource);
        related.put("relatedRequestId", java.util.UUID.randomUUID().toString());
        invalid(file("mca-app", related), "relatedRequestId");
        related.put("type", "REQUEST_DECISION");
        invalid(file("mca-app", related), "relatedRequestId");
        String request = Api.file("hrss-app", resource, List.of("id_number"));
        related.put("relatedRequestId", request);
        invalid(file("mca-app", related), "relatedRequestId");
        Map<String, Object> unknownType = objection(resource);
        unknownType.put("type", "GRUMBLE");
        problem(file("mca-app", unknownType), 400, "INVALID_JSON", "type");
    }

    @Test
    void a_related_request_of_the_filer_is_kept() {
        String resource = psbResource();
        String request = Api.file("mca-app", resource, List.of("id_number"));
        Map<String, Object> body = objection(resource);
        body.put("type", "REQUEST_DECISION");
        body.put("relatedRequestId", request);
        file("mca-app", body).then().statusCode(201).body("relatedRequestId", equalTo(request));
    }

    @Test
    void a_department_cannot_object_to_its_own_resource() {
        String resource = psbResource();
        invalid(file("psb-app", objection(resource)), "resourceId")
                .body("errors[0].message", containsString("own department"));
    }

    @Test
    void what_a_get_returns_can_be_filed_again() {
        String id = filed(psbResource());
        Map<String, Object> copy = as("mca-app")
                .get(OBJECTIONS + "/" + id)
                .then()
                .extract()
                .jsonPath()
                .getMap("");
        file("mca-app", copy)
                .then()
                .statusCode(201)
                .body("id", not(equalTo(id)))
                .body("status", equalTo("OPEN"));
    }

    @Test
    void only_parties_and_the_hub_roles_see_an_objection() {
        String id = filed(psbResource());
        as("mca-app").get(OBJECTIONS + "/" + id).then().statusCode(200);
        as("psb-officer").get(OBJECTIONS + "/" + id).then().statusCode(200);
        as("dsb-admin").get(OBJECTIONS + "/" + id).then().statusCode(200);
        as("dsb-auditor").get(OBJECTIONS + "/" + id).then().statusCode(200);
        problem(as("hrss-officer").get(OBJECTIONS + "/" + id), 404, "NOT_FOUND");
        problem(as("mca-app").get(OBJECTIONS + "/" + java.util.UUID.randomUUID()), 404, "NOT_FOUND");

        as("mca-app")
                .queryParam("role", "filed")
                .get(OBJECTIONS)
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        as("mca-app").queryParam("role", "received").get(OBJECTIONS).then().body("items.id", not(hasItem(id)));
        as("psb-officer")
                .queryParam("role", "received")
                .queryParam("status", "open")
                .get(OBJECTIONS)
                .then()
                .body("items.id", hasItem(id));
        as("psb-officer")
                .queryParam("status", "RESOLVED")
                .get(OBJECTIONS)
                .then()
                .body("items.id", not(hasItem(id)));
        as("hrss-officer").get(OBJECTIONS).then().statusCode(200).body("items.id", not(hasItem(id)));
        as("dsb-auditor").queryParam("limit", 200).get(OBJECTIONS).then().body("items.id", hasItem(id));
        problem(as("mca-app").queryParam("role", "both").get(OBJECTIONS), 400, "BAD_REQUEST", "role");
    }

    @Test
    void the_list_pages_with_a_cursor() {
        String resource = psbResource();
        String first = file("amr-app", objection(resource))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String second = file("amr-app", objection(resource))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Response page =
                as("amr-app").queryParam("role", "filed").queryParam("limit", 1).get(OBJECTIONS);
        page.then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(second));
        String cursor = page.path("nextCursor");
        as("amr-app")
                .queryParam("role", "filed")
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .get(OBJECTIONS)
                .then()
                .body("items[0].id", equalTo(first));
    }

    @Test
    void the_handling_departments_data_officer_replies_once() {
        String id = filed(psbResource());
        Map<String, Object> reply = Map.of("reply", "已核实，目录已更正", "corrected", true);
        problem(act("psb-app", id, "reply", reply), 403, "FORBIDDEN");
        problem(act("mca-officer", id, "reply", reply), 403, "WRONG_PARTY");
        problem(act("hrss-officer", id, "reply", reply), 404, "NOT_FOUND");
        invalid(act("psb-officer", id, "reply", Map.of("reply", " ")), "reply", "corrected");
        RestAssured.given()
                .contentType(ContentType.JSON)
                .body(reply)
                .post(OBJECTIONS + "/" + id + "/reply")
                .then()
                .statusCode(401);
        act("psb-officer", id, "reply", reply)
                .then()
                .statusCode(200)
                .body("status", equalTo("ANSWERED"))
                .body("reply.text", equalTo("已核实，目录已更正"))
                .body("reply.corrected", equalTo(true))
                .body("reply.department", equalTo("zj-psb"))
                .body("reply.late", equalTo(false));
        problem(act("psb-officer", id, "reply", reply), 409, "INVALID_STATUS")
                .body("detail", containsString("ANSWERED"));
        assertEquals(1L, ledgerEntries(id, "OBJECTION_REPLY"));
    }

    @Test
    void a_transfer_hands_the_reply_to_another_department_with_a_new_period() {
        String id = filed(psbResource());
        problem(act("psb-app", id, "transfer", Map.of("toDepartment", "zj-hrss", "reason", "x")), 403, "FORBIDDEN");
        problem(
                act("mca-officer", id, "transfer", Map.of("toDepartment", "zj-hrss", "reason", "x")),
                403,
                "WRONG_PARTY");
        invalid(act("psb-officer", id, "transfer", Map.of("toDepartment", "zj-mca", "reason", "x")), "toDepartment");
        invalid(act("psb-officer", id, "transfer", Map.of("toDepartment", "zj-psb", "reason", "x")), "toDepartment");
        invalid(act("psb-officer", id, "transfer", Map.of("toDepartment", "zj-nowhere")), "toDepartment", "reason");
        act("psb-officer", id, "transfer", Map.of("toDepartment", "zj-hrss", "reason", "参保数据由人社厅维护"))
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("providerDepartment", equalTo("zj-psb"))
                .body("handlingDepartment", equalTo("zj-hrss"))
                .body("replyDueAt", equalTo(calendar.due(calendar.today(), 10).toString()))
                .body("transfers", hasSize(1))
                .body("transfers[0].fromDepartment", equalTo("zj-psb"))
                .body("transfers[0].toDepartment", equalTo("zj-hrss"))
                .body("transfers[0].reason", equalTo("参保数据由人社厅维护"));
        // the earlier handler still reads it but no longer answers it; the new one does
        as("psb-officer").get(OBJECTIONS + "/" + id).then().statusCode(200);
        as("psb-officer").queryParam("role", "received").get(OBJECTIONS).then().body("items.id", hasItem(id));
        as("hrss-officer").queryParam("role", "received").get(OBJECTIONS).then().body("items.id", hasItem(id));
        problem(act("psb-officer", id, "reply", Map.of("reply", "x", "corrected", false)), 403, "WRONG_PARTY");
        act("hrss-officer", id, "reply", Map.of("reply", "已更正参保记录", "corrected", true))
                .then()
                .statusCode(200)
                .body("reply.department", equalTo("zj-hrss"));
        problem(
                act("hrss-officer", id, "transfer", Map.of("toDepartment", "zj-amr", "reason", "x")),
                409,
                "INVALID_STATUS");
        assertEquals(1L, ledgerEntries(id, "OBJECTION_TRANSFER"));
    }

    @Test
    void the_filer_rates_the_handling_and_resolves_it() {
        String id = filed(psbResource());
        problem(act("mca-app", id, "rate", Map.of("rating", 5, "resolved", true)), 409, "INVALID_STATUS")
                .body("detail", containsString("OPEN"));
        act("psb-officer", id, "reply", Map.of("reply", "已核实", "corrected", false))
                .then()
                .statusCode(200);
        problem(act("psb-officer", id, "rate", Map.of("rating", 5, "resolved", true)), 403, "WRONG_PARTY");
        problem(act("mca-auditor", id, "rate", Map.of("rating", 5, "resolved", true)), 403, "FORBIDDEN");
        problem(act("hrss-app", id, "rate", Map.of("rating", 5, "resolved", true)), 404, "NOT_FOUND");
        invalid(act("mca-app", id, "rate", Map.of("rating", 0, "resolved", true)), "rating");
        invalid(act("mca-app", id, "rate", Map.of("rating", 6, "resolved", true)), "rating");
        invalid(act("mca-app", id, "rate", Map.of("comment", "?")), "rating", "resolved");
        as("mca-app").get(OBJECTIONS + "/" + id).then().body("status", equalTo("ANSWERED"));
        act("mca-officer", id, "rate", Map.of("rating", 5, "resolved", true, "comment", "处理及时"))
                .then()
                .statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("rating.rating", equalTo(5))
                .body("rating.resolved", equalTo(true))
                .body("rating.comment", equalTo("处理及时"))
                .body("closedAt", not(nullValue()));
        act("mca-app", id, "rate", Map.of("rating", 1, "resolved", false))
                .then()
                .statusCode(409);
        problem(act("mca-officer", id, "escalate", step("NEGOTIATION", "x")), 409, "INVALID_STATUS");
    }

    @Test
    void an_open_objection_puts_the_resource_under_verification() {
        String resource = psbResource();
        String name = as("psb-steward").get("/api/v1/resources/" + resource).path("name");
        as("hrss-app").get("/api/v1/resources/" + resource).then().body("underVerification", equalTo(false));
        String id = filed(resource);
        as("hrss-app").get("/api/v1/resources/" + resource).then().body("underVerification", equalTo(true));
        as("hrss-app")
                .queryParam("q", name)
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + resource + "' }.underVerification", equalTo(true));
        act("psb-officer", id, "reply", Map.of("reply", "已核实", "corrected", true))
                .then()
                .statusCode(200);
        // answered but not yet accepted: still under verification
        as("hrss-app").get("/api/v1/resources/" + resource).then().body("underVerification", equalTo(true));
        act("mca-app", id, "rate", Map.of("rating", 4, "resolved", true)).then().statusCode(200);
        as("hrss-app").get("/api/v1/resources/" + resource).then().body("underVerification", equalTo(false));
        as("hrss-app")
                .queryParam("q", name)
                .get("/api/v1/resources")
                .then()
                .body("items.find { it.id == '" + resource + "' }.underVerification", equalTo(false));
    }

    @Test
    void the_whole_catalogue_can_be_checked_in_one_call() {
        String resource = psbResource();
        filed(resource);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            ids.add(String.format("999%03d-%06d", i % 1000, i));
        }
        ids.set(2100, resource);
        assertEquals(java.util.Set.of(resource), objections.underVerification(ids));
    }

    @Test
    void a_dispute_climbs_the_ladder_one_step_at_a_time_to_the_peoples_government() {
        String id = unresolved(psbResource());
        problem(
                        act("mca-officer", id, "escalate", step("SAME_LEVEL_AUTHORITY", "跳级")),
                        409,
                        "DISPUTE_STEP_OUT_OF_ORDER")
                .body("detail", containsString("NEGOTIATION"));
        problem(act("dsb-admin", id, "escalate", step("NEGOTIATION", "x")), 403, "WRONG_PARTY");
        problem(act("mca-app", id, "escalate", step("NEGOTIATION", "x")), 403, "FORBIDDEN");
        problem(act("hrss-officer", id, "escalate", step("NEGOTIATION", "x")), 404, "NOT_FOUND");
        invalid(act("mca-officer", id, "escalate", Map.of("note", "x")), "step");
        invalid(act("mca-officer", id, "escalate", Map.of("step", "NEGOTIATION")), "note");
        RestAssured.given()
                .contentType(ContentType.JSON)
                .body(step("NEGOTIATION", "x"))
                .post(OBJECTIONS + "/" + id + "/escalate")
                .then()
                .statusCode(401);

        act("mca-officer", id, "escalate", step("NEGOTIATION", "请求双方协商"))
                .then()
                .statusCode(200)
                .body("status", equalTo("DISPUTED"))
                .body("disputeStep", equalTo("NEGOTIATION"));
        problem(act("mca-officer", id, "escalate", step("SAME_LEVEL_AUTHORITY", "x")), 409, "INVALID_STATUS")
                .body("detail", containsString("NEGOTIATION"));
        invalid(act("psb-officer", id, "escalate", outcome("NEGOTIATION", "DECIDED")), "outcome");
        problem(
                act("psb-officer", id, "escalate", outcome("SAME_LEVEL_AUTHORITY", "SETTLED")),
                409,
                "DISPUTE_STEP_OUT_OF_ORDER");
        act("psb-officer", id, "escalate", outcome("NEGOTIATION", "NOT_SETTLED"))
                .then()
                .statusCode(200)
                .body("status", equalTo("DISPUTED"))
                .body("disputeSteps[0].outcome", equalTo("NOT_SETTLED"));
        problem(act("psb-officer", id, "escalate", outcome("NEGOTIATION", "SETTLED")), 409, "INVALID_STATUS");

        act("psb-officer", id, "escalate", step("SAME_LEVEL_AUTHORITY", "提请同级主管部门协调"))
                .then()
                .statusCode(200)
                .body("disputeStep", equalTo("SAME_LEVEL_AUTHORITY"));
        problem(act("psb-officer", id, "escalate", outcome("SAME_LEVEL_AUTHORITY", "NOT_SETTLED")), 403, "WRONG_PARTY");
        act("dsb-admin", id, "escalate", outcome("SAME_LEVEL_AUTHORITY", "NOT_SETTLED"))
                .then()
                .statusCode(200);
        problem(act("mca-officer", id, "escalate", step("PEOPLES_GOVERNMENT", "x")), 409, "DISPUTE_STEP_OUT_OF_ORDER");
        act("mca-officer", id, "escalate", step("COMMON_SUPERIOR_AUTHORITY", "报共同上级主管部门"))
                .then()
                .statusCode(200);
        act("dsb-admin", id, "escalate", outcome("COMMON_SUPERIOR_AUTHORITY", "NOT_SETTLED"))
                .then()
                .statusCode(200);
        act("mca-officer", id, "escalate", step("PEOPLES_GOVERNMENT", "报本级人民政府决定"))
                .then()
                .statusCode(200);
        invalid(act("dsb-admin", id, "escalate", outcome("PEOPLES_GOVERNMENT", "NOT_SETTLED")), "outcome");
        act("dsb-admin", id, "escalate", outcome("PEOPLES_GOVERNMENT", "DECIDED"))
                .then()
                .statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("closedAt", not(nullValue()))
                .body(
                        "disputeSteps.step",
                        equalTo(List.of(
                                "NEGOTIATION",
                                "SAME_LEVEL_AUTHORITY",
                                "COMMON_SUPERIOR_AUTHORITY",
                                "PEOPLES_GOVERNMENT")))
                .body("disputeSteps.outcome", equalTo(List.of("NOT_SETTLED", "NOT_SETTLED", "NOT_SETTLED", "DECIDED")))
                .body("disputeSteps[0].openedDepartment", equalTo("zj-mca"))
                .body("disputeSteps[1].outcomeBy", equalTo("dsb-admin"));
        problem(act("mca-officer", id, "escalate", step("NEGOTIATION", "x")), 409, "INVALID_STATUS");
        assertEquals(4L, ledgerEntries(id, "OBJECTION_ESCALATE"));
        assertEquals(4L, ledgerEntries(id, "OBJECTION_STEP_OUTCOME"));
    }

    @Test
    void a_settled_negotiation_closes_the_objection() {
        String resource = psbResource();
        String id = unresolved(resource);
        act("psb-officer", id, "escalate", step("NEGOTIATION", "主动协商")).then().statusCode(200);
        as("hrss-app").get("/api/v1/resources/" + resource).then().body("underVerification", equalTo(true));
        act("mca-officer", id, "escalate", outcome("NEGOTIATION", "SETTLED"))
                .then()
                .statusCode(200)
                .body("status", equalTo("RESOLVED"));
        as("hrss-app").get("/api/v1/resources/" + resource).then().body("underVerification", equalTo(false));
    }

    @Test
    void a_reply_past_its_date_shows_in_the_compliance_report_and_is_marked_late() {
        String id = filed(psbResource());
        String silent = filed(psbResource());
        as("psb-officer")
                .get("/api/v1/compliance")
                .then()
                .statusCode(200)
                .body("[0].overdueObjectionReplies.objectionId", not(hasItem(id)));
        calendar.useClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(30)));
        try {
            as("psb-officer")
                    .get("/api/v1/compliance")
                    .then()
                    .statusCode(200)
                    .body("[0].overdueObjectionReplies.objectionId", hasItem(id))
                    .body(
                            "[0].overdueObjectionReplies.find { it.objectionId == '" + id + "' }.kind",
                            equalTo("OVERDUE_OBJECTION_REPLY"))
                    .body(
                            "[0].overdueObjectionReplies.find { it.objectionId == '" + id + "' }.counterpart",
                            equalTo("zj-mca"));
            as("dsb-auditor")
                    .queryParam("department", "zj-psb")
                    .get("/api/v1/compliance")
                    .then()
                    .body("[0].overdueObjectionReplies.objectionId", hasItem(id));
            as("mca-officer")
                    .get("/api/v1/compliance")
                    .then()
                    .body("[0].overdueObjectionReplies.objectionId", not(hasItem(id)));
            as("mca-app").get(OBJECTIONS + "/" + id).then().body("replyOverdue", equalTo(true));
            act("psb-officer", id, "reply", Map.of("reply", "迟复：已核实", "corrected", false))
                    .then()
                    .statusCode(200)
                    .body("reply.late", equalTo(true))
                    .body("replyOverdue", equalTo(false));
            as("psb-officer")
                    .get("/api/v1/compliance")
                    .then()
                    .body("[0].overdueObjectionReplies.objectionId", not(hasItem(id)))
                    .body("[0].overdueObjectionReplies.objectionId", hasItem(silent));
            // no reply in time: the filer need not wait for one to start a dispute
            act("mca-officer", silent, "escalate", step("NEGOTIATION", "逾期未答复，请求协商"))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("DISPUTED"));
        } finally {
            calendar.useClock(Clock.systemUTC());
        }
    }

    @Test
    void an_objection_within_its_reply_period_cannot_be_escalated_yet() {
        String id = filed(psbResource());
        problem(act("mca-officer", id, "escalate", step("NEGOTIATION", "x")), 409, "INVALID_STATUS")
                .body("detail", containsString("OPEN"));
    }

    private long ledgerEntries(String objectionId, String action) {
        return ((Number) em.createNativeQuery("select count(*) from ledger_entry where entry -> 'object' ->> 'id' = ?1"
                                + " and entry ->> 'action' = ?2")
                        .setParameter(1, objectionId)
                        .setParameter(2, action)
                        .getSingleResult())
                .longValue();
    }
}
