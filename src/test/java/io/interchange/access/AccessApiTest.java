package io.interchange.access;

import static io.interchange.support.Api.as;
import static io.interchange.support.Problems.invalid;
import static io.interchange.support.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The access workflow's refusal cases: who may file, endorse and decide; what a filing and a decision must hold; which
 * steps may follow which; who sees requests and grants. Requests go from zj-mca to a fresh zj-psb resource; zj-hrss
 * plays the third department that is no party.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessApiTest {

    static final String REQUESTS = "/api/v1/access-requests";
    static final List<String> ITEMS = List.of("id_number", "full_name");

    private static String sharedResource;

    /**
     * A published CONDITIONAL resource of zj-psb, shared by API only, made once for this class: requests on it do not
     * interfere, since each test files its own.
     */
    static synchronized String resource() {
        if (sharedResource == null) {
            sharedResource = publish(Api.resource(Api.unique("共享申请测试")));
        }
        return sharedResource;
    }

    static String publish(Map<String, Object> body) {
        return Api.published(body);
    }

    /** A request filed by mca-app and endorsed by mca-officer: waiting for psb-officer's decision. */
    static String awaitingDecision() {
        String id = Api.file("mca-app", resource(), ITEMS);
        as("mca-officer").post(REQUESTS + "/" + id + "/endorse").then().statusCode(200);
        return id;
    }

    static Map<String, Object> filing(String resourceId) {
        return new HashMap<>(Api.accessRequest(resourceId, ITEMS));
    }

    static String status(String id) {
        return as("dsb-auditor")
                .get(REQUESTS + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    static Response decide(String client, String id, Map<String, Object> decision) {
        return as(client).body(decision).post(REQUESTS + "/" + id + "/decision");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    @Nested
    class Filing {

        @Test
        void a_consumer_files_a_request_that_waits_for_endorsement() {
            String resource = resource();
            as("mca-app")
                    .body(filing(resource))
                    .post(REQUESTS)
                    .then()
                    .statusCode(201)
                    .header("Location", notNullValue())
                    .body("status", equalTo("AWAITING_ENDORSEMENT"))
                    .body("requesterDepartment", equalTo("zj-mca"))
                    .body("providerDepartment", equalTo("zj-psb"))
                    .body("dueAt", nullValue())
                    .body("overdue", equalTo(false));
        }

        @Test
        void a_steward_cannot_file_a_request() {
            problem(as("mca-steward").body(filing(Api.RESIDENTS)).post(REQUESTS), 403, "FORBIDDEN");
        }

        @Test
        void a_data_officer_cannot_file_a_request() {
            problem(as("mca-officer").body(filing(Api.RESIDENTS)).post(REQUESTS), 403, "FORBIDDEN");
        }

        @Test
        void every_missing_member_is_listed_at_once() {
            invalid(
                            as("mca-app")
                                    .body(Map.of("resourceId", Api.RESIDENTS))
                                    .post(REQUESTS),
                            "legalBasis",
                            "scenario",
                            "purpose",
                            "items",
                            "mode",
                            "validUntil")
                    .body("errors.size()", equalTo(6));
        }

        @Test
        void a_request_without_a_resource_is_refused_naming_it() {
            Map<String, Object> body = filing(Api.RESIDENTS);
            body.remove("resourceId");
            invalid(as("mca-app").body(body).post(REQUESTS), "resourceId");
        }

        @Test
        void a_past_valid_until_is_refused() {
            Map<String, Object> body = filing(Api.RESIDENTS);
            body.put("validUntil", today().minusDays(1).toString());
            invalid(as("mca-app").body(body).post(REQUESTS), "validUntil");
        }

        @Test
        void a_valid_until_that_is_not_a_date_is_a_bad_request_naming_it() {
            Map<String, Object> body = filing(Api.RESIDENTS);
            body.put("validUntil", "31/12/2099");
            problem(as("mca-app").body(body).post(REQUESTS), 400, "INVALID_JSON", "validUntil");
        }

        @Test
        void an_unknown_item_is_refused_naming_its_position() {
            Map<String, Object> body = filing(Api.RESIDENTS);
            body.put("items", List.of("id_number", "shoe_size", "full_name"));
            invalid(as("mca-app").body(body).post(REQUESTS), "items[1]");
        }

        @Test
        void an_item_listed_twice_is_refused() {
            Map<String, Object> body = filing(Api.RESIDENTS);
            body.put("items", List.of("id_number", "id_number"));
            invalid(as("mca-app").body(body).post(REQUESTS), "items[1]");
        }

        @Test
        void a_department_does_not_request_its_own_resource() {
            invalid(as("psb-app").body(filing(Api.RESIDENTS)).post(REQUESTS), "resourceId");
        }

        @Test
        void an_unpublished_resource_cannot_be_requested() {
            String draft = as("psb-steward")
                    .body(Api.resource(Api.unique("未发布")))
                    .post("/api/v1/resources")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            invalid(as("mca-app").body(filing(draft)).post(REQUESTS), "resourceId");
            invalid(as("mca-app").body(filing("999999-999999")).post(REQUESTS), "resourceId");
        }

        @Test
        void a_mode_the_resource_does_not_offer_is_refused() {
            Map<String, Object> body = filing(resource()); // shared by API only
            body.put("mode", "BULK");
            invalid(as("mca-app").body(body).post(REQUESTS), "mode");
        }

        @Test
        void a_mode_that_does_not_exist_is_a_bad_request_naming_it() {
            Map<String, Object> body = filing(Api.RESIDENTS);
            body.put("mode", "CARRIER_PIGEON");
            problem(as("mca-app").body(body).post(REQUESTS), 400, "INVALID_JSON", "mode");
        }

        @Test
        void an_unknown_member_is_refused_naming_it() {
            Map<String, Object> body = filing(Api.RESIDENTS);
            body.put("priority", "HIGH");
            problem(as("mca-app").body(body).post(REQUESTS), 400, "UNKNOWN_MEMBER", "priority");
        }

        @Test
        void a_not_shared_resource_cannot_be_requested() {
            Map<String, Object> body = new HashMap<>(Api.resource(Api.unique("不予共享")));
            body.put("sharingType", "NOT_SHARED");
            body.remove("sharingConditions");
            body.put("sharingModes", List.of());
            body.put("notSharedReason", "涉及个人隐私，法律禁止共享");
            body.put("legalBasis", "《中华人民共和国个人信息保护法》第十条");
            String id = publish(body);
            problem(as("mca-app").body(filing(id)).post(REQUESTS), 403, "NOT_SHARED", "resourceId");
        }

        @Test
        void a_refused_filing_leaves_no_request_behind() {
            String purpose = Api.unique("refused filing");
            Map<String, Object> body = filing(Api.RESIDENTS);
            body.put("purpose", purpose);
            body.put("validUntil", today().minusDays(1).toString());
            invalid(as("mca-app").body(body).post(REQUESTS), "validUntil");
            as("mca-app")
                    .queryParam("direction", "outgoing")
                    .get(REQUESTS)
                    .then()
                    .statusCode(200)
                    .body("purpose", not(hasItem(purpose)));
        }
    }

    @Nested
    class Endorsement {

        @Test
        void the_providers_data_officer_cannot_endorse() {
            String id = Api.file("mca-app", resource(), ITEMS);
            problem(as("psb-officer").post(REQUESTS + "/" + id + "/endorse"), 403, "WRONG_PARTY");
            assertEquals("AWAITING_ENDORSEMENT", status(id));
        }

        @Test
        void a_data_officer_of_a_third_department_does_not_see_the_request() {
            String id = Api.file("mca-app", resource(), ITEMS);
            problem(as("hrss-officer").post(REQUESTS + "/" + id + "/endorse"), 404, "NOT_FOUND");
            assertEquals("AWAITING_ENDORSEMENT", status(id));
        }

        @Test
        void a_consumer_cannot_endorse_its_own_request() {
            String id = Api.file("mca-app", resource(), ITEMS);
            problem(as("mca-app").post(REQUESTS + "/" + id + "/endorse"), 403, "FORBIDDEN");
            assertEquals("AWAITING_ENDORSEMENT", status(id));
        }

        @Test
        void endorsing_twice_is_a_conflict() {
            String id = awaitingDecision();
            problem(as("mca-officer").post(REQUESTS + "/" + id + "/endorse"), 409, "INVALID_STATUS");
        }

        @Test
        void an_unknown_request_is_not_found() {
            problem(
                    as("mca-officer").post(REQUESTS + "/00000000-0000-0000-0000-000000000000/endorse"),
                    404,
                    "NOT_FOUND");
        }

        @Test
        void an_id_that_is_not_a_uuid_is_not_found() {
            problem(as("mca-app").get(REQUESTS + "/not-a-uuid"), 404, "NOT_FOUND");
        }
    }

    @Nested
    class Decision {

        @Test
        void a_request_cannot_be_decided_before_it_is_endorsed() {
            String id = Api.file("mca-app", resource(), ITEMS);
            problem(decide("psb-officer", id, Map.of("outcome", "APPROVE")), 409, "INVALID_STATUS");
            assertEquals("AWAITING_ENDORSEMENT", status(id));
        }

        @Test
        void the_requesters_data_officer_cannot_decide() {
            String id = awaitingDecision();
            problem(decide("mca-officer", id, Map.of("outcome", "APPROVE")), 403, "WRONG_PARTY");
            assertEquals("AWAITING_DECISION", status(id));
        }

        @Test
        void a_data_officer_of_a_third_department_cannot_decide() {
            String id = awaitingDecision();
            problem(decide("hrss-officer", id, Map.of("outcome", "APPROVE")), 404, "NOT_FOUND");
            assertEquals("AWAITING_DECISION", status(id));
        }

        @Test
        void a_steward_of_the_provider_cannot_decide() {
            String id = awaitingDecision();
            problem(decide("psb-steward", id, Map.of("outcome", "APPROVE")), 403, "FORBIDDEN");
            assertEquals("AWAITING_DECISION", status(id));
        }

        @Test
        void a_decision_needs_an_outcome() {
            String id = awaitingDecision();
            invalid(decide("psb-officer", id, Map.of("reason", "?")), "outcome");
            problem(decide("psb-officer", id, Map.of("outcome", "MAYBE")), 400, "INVALID_JSON", "outcome");
            assertEquals("AWAITING_DECISION", status(id));
        }

        @Test
        void a_rejection_needs_a_reason_and_a_refused_one_changes_nothing() {
            String id = awaitingDecision();
            invalid(decide("psb-officer", id, Map.of("outcome", "REJECT")), "reason");
            invalid(decide("psb-officer", id, Map.of("outcome", "REJECT", "reason", " ")), "reason");
            as("mca-app")
                    .get(REQUESTS + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("AWAITING_DECISION"))
                    .body("decidedAt", nullValue())
                    .body("dueAt", notNullValue());
        }

        @Test
        void a_rejection_with_a_reason_ends_the_request() {
            String id = awaitingDecision();
            decide("psb-officer", id, Map.of("outcome", "REJECT", "reason", "使用依据不足"))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("REJECTED"))
                    .body("decisionReason", equalTo("使用依据不足"))
                    .body("grantId", nullValue());
        }

        @Test
        void asking_for_more_information_needs_the_list_of_what_is_missing() {
            String id = awaitingDecision();
            invalid(decide("psb-officer", id, Map.of("outcome", "NEEDS_INFO")), "missing");
            invalid(decide("psb-officer", id, Map.of("outcome", "NEEDS_INFO", "missing", List.of(" "))), "missing");
            assertEquals("AWAITING_DECISION", status(id));
        }

        @Test
        void needs_info_stops_the_clock_and_a_resubmission_restarts_it() {
            String id = awaitingDecision();
            decide("psb-officer", id, Map.of("outcome", "NEEDS_INFO", "missing", List.of("法律依据原文", "使用场景说明")))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("NEEDS_INFO"))
                    .body("dueAt", nullValue())
                    .body("overdue", equalTo(false))
                    .body("missing", contains("法律依据原文", "使用场景说明"));
            as("mca-app")
                    .post(REQUESTS + "/" + id + "/resubmit")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("AWAITING_DECISION"))
                    .body("dueAt", notNullValue())
                    .body("missing", nullValue());
        }

        @Test
        void only_the_requesting_department_resubmits() {
            String id = awaitingDecision();
            decide("psb-officer", id, Map.of("outcome", "NEEDS_INFO", "missing", List.of("法律依据原文")))
                    .then()
                    .statusCode(200);
            problem(as("psb-app").post(REQUESTS + "/" + id + "/resubmit"), 403, "WRONG_PARTY");
            problem(as("hrss-app").post(REQUESTS + "/" + id + "/resubmit"), 404, "NOT_FOUND");
            problem(as("mca-officer").post(REQUESTS + "/" + id + "/resubmit"), 403, "FORBIDDEN");
            assertEquals("NEEDS_INFO", status(id));
        }

        @Test
        void a_request_that_is_not_waiting_for_information_cannot_be_resubmitted() {
            String id = awaitingDecision();
            problem(as("mca-app").post(REQUESTS + "/" + id + "/resubmit"), 409, "INVALID_STATUS");
        }

        @Test
        void deciding_twice_is_a_conflict() {
            String id = awaitingDecision();
            decide("psb-officer", id, Map.of("outcome", "APPROVE", "reason", "符合共享条件"))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("APPROVED"));
            problem(decide("psb-officer", id, Map.of("outcome", "REJECT", "reason", "改主意了")), 409, "INVALID_STATUS");
            assertEquals("APPROVED", status(id));
        }

        @Test
        void approving_items_that_were_not_requested_is_refused_and_grants_nothing() {
            String id = awaitingDecision();
            invalid(
                    decide("psb-officer", id, Map.of("outcome", "APPROVE", "items", List.of("id_number", "mobile"))),
                    "items[1]");
            as("mca-app")
                    .get(REQUESTS + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("AWAITING_DECISION"))
                    .body("grantId", nullValue());
        }

        @Test
        void raw_items_must_be_among_the_granted_items() {
            String id = awaitingDecision();
            invalid(
                    decide(
                            "psb-officer",
                            id,
                            Map.of(
                                    "outcome",
                                    "APPROVE",
                                    "items",
                                    List.of("id_number"),
                                    "rawItems",
                                    List.of("full_name"))),
                    "rawItems[0]");
            assertEquals("AWAITING_DECISION", status(id));
        }

        @Test
        void a_row_scope_is_refused_while_the_hub_cannot_enforce_it() {
            String id = awaitingDecision();
            invalid(
                    decide(
                            "psb-officer",
                            id,
                            Map.of("outcome", "APPROVE", "rowScope", "region_code IN ('330102', '330106')")),
                    "rowScope");
            assertEquals("AWAITING_DECISION", status(id));
        }

        @Test
        void a_grant_may_not_outlast_the_request_and_must_lie_in_the_future() {
            String id = awaitingDecision();
            invalid(
                    decide(
                            "psb-officer",
                            id,
                            Map.of(
                                    "outcome",
                                    "APPROVE",
                                    "validUntil",
                                    today().plusYears(5).toString())),
                    "validUntil");
            invalid(
                    decide(
                            "psb-officer",
                            id,
                            Map.of(
                                    "outcome",
                                    "APPROVE",
                                    "validUntil",
                                    today().minusDays(1).toString())),
                    "validUntil");
            invalid(
                    decide("psb-officer", id, Map.of("outcome", "APPROVE", "rateLimitPerMinute", 0)),
                    "rateLimitPerMinute");
            assertEquals("AWAITING_DECISION", status(id));
        }

        @Test
        void a_decision_without_a_body_is_a_bad_request() {
            String id = awaitingDecision();
            problem(as("psb-officer").post(REQUESTS + "/" + id + "/decision"), 400, "BAD_REQUEST", "body");
        }
    }

    @Nested
    class Withdrawal {

        @Test
        void the_requesting_consumer_withdraws_and_the_request_cannot_be_endorsed_afterwards() {
            String id = Api.file("mca-app", resource(), ITEMS);
            as("mca-app")
                    .post(REQUESTS + "/" + id + "/withdraw")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("WITHDRAWN"))
                    .body("dueAt", nullValue());
            problem(as("mca-officer").post(REQUESTS + "/" + id + "/endorse"), 409, "INVALID_STATUS");
            problem(as("mca-app").post(REQUESTS + "/" + id + "/withdraw"), 409, "INVALID_STATUS");
            assertEquals("WITHDRAWN", status(id));
        }

        @Test
        void a_withdrawn_request_cannot_be_decided() {
            String id = awaitingDecision();
            as("mca-app").post(REQUESTS + "/" + id + "/withdraw").then().statusCode(200);
            problem(decide("psb-officer", id, Map.of("outcome", "APPROVE")), 409, "INVALID_STATUS");
        }

        @Test
        void only_the_requesting_department_withdraws() {
            String id = Api.file("mca-app", resource(), ITEMS);
            problem(as("psb-app").post(REQUESTS + "/" + id + "/withdraw"), 403, "WRONG_PARTY");
            problem(as("hrss-app").post(REQUESTS + "/" + id + "/withdraw"), 404, "NOT_FOUND");
            problem(as("mca-officer").post(REQUESTS + "/" + id + "/withdraw"), 403, "FORBIDDEN");
            assertEquals("AWAITING_ENDORSEMENT", status(id));
        }

        @Test
        void an_approved_request_cannot_be_withdrawn() {
            String id = awaitingDecision();
            decide("psb-officer", id, Map.of("outcome", "APPROVE")).then().statusCode(200);
            problem(as("mca-app").post(REQUESTS + "/" + id + "/withdraw"), 409, "INVALID_STATUS");
        }
    }

    @Nested
    class Reading {

        @Test
        void a_third_department_does_not_see_the_request() {
            String id = Api.file("mca-app", resource(), ITEMS);
            problem(as("hrss-app").get(REQUESTS + "/" + id), 404, "NOT_FOUND");
            problem(as("hrss-officer").get(REQUESTS + "/" + id), 404, "NOT_FOUND");
            problem(as("hrss-auditor").get(REQUESTS + "/" + id), 404, "NOT_FOUND");
        }

        @Test
        void both_parties_and_the_hub_wide_roles_read_the_request() {
            String id = Api.file("mca-app", resource(), ITEMS);
            for (String client :
                    List.of("mca-app", "mca-officer", "psb-officer", "psb-app", "dsb-admin", "dsb-auditor")) {
                as(client).get(REQUESTS + "/" + id).then().statusCode(200).body("id", equalTo(id));
            }
        }

        @Test
        void the_lists_hold_only_the_callers_requests_in_the_asked_direction() {
            String id = Api.file("mca-app", resource(), ITEMS);
            as("mca-officer")
                    .queryParam("direction", "outgoing")
                    .get(REQUESTS)
                    .then()
                    .statusCode(200)
                    .body("requesterDepartment", everyItem(equalTo("zj-mca")))
                    .body("id", hasItem(id));
            as("mca-officer")
                    .queryParam("direction", "incoming")
                    .get(REQUESTS)
                    .then()
                    .statusCode(200)
                    .body("providerDepartment", everyItem(equalTo("zj-mca")))
                    .body("id", not(hasItem(id)));
            as("psb-officer")
                    .queryParam("direction", "incoming")
                    .get(REQUESTS)
                    .then()
                    .statusCode(200)
                    .body("providerDepartment", everyItem(equalTo("zj-psb")))
                    .body("id", hasItem(id));
            as("psb-officer")
                    .queryParam("direction", "outgoing")
                    .get(REQUESTS)
                    .then()
                    .statusCode(200)
                    .body("requesterDepartment", everyItem(equalTo("zj-psb")))
                    .body("id", not(hasItem(id)));
            as("hrss-app").get(REQUESTS).then().statusCode(200).body("id", not(hasItem(id)));
        }

        @Test
        void the_status_filter_narrows_the_list() {
            String id = Api.file("mca-app", resource(), ITEMS);
            as("mca-app").post(REQUESTS + "/" + id + "/withdraw").then().statusCode(200);
            as("mca-app")
                    .queryParam("status", "WITHDRAWN")
                    .get(REQUESTS)
                    .then()
                    .statusCode(200)
                    .body("status", everyItem(equalTo("WITHDRAWN")))
                    .body("id", hasItem(id));
        }

        @Test
        void an_unknown_direction_is_a_bad_request_naming_it() {
            problem(as("mca-app").queryParam("direction", "sideways").get(REQUESTS), 400, "BAD_REQUEST", "direction");
        }

        @Test
        void an_unknown_status_filter_is_a_bad_request_naming_it() {
            problem(as("mca-app").queryParam("status", "LOST").get(REQUESTS), 400, "BAD_REQUEST", "status");
        }
    }

    @Nested
    class Unconditional_sharing {

        @Test
        void an_endorsed_request_for_unconditional_data_is_approved_at_once_and_cannot_be_decided_again() {
            String id = Api.file("mca-app", Api.ENTERPRISES, List.of("uscc", "company_name"));
            String grant = as("mca-officer")
                    .post(REQUESTS + "/" + id + "/endorse")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("APPROVED"))
                    .body("grantId", notNullValue())
                    .extract()
                    .path("grantId");
            as("mca-app")
                    .get("/api/v1/grants/" + grant)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ACTIVE"))
                    .body("items", contains("uscc", "company_name"));
            problem(decide("amr-officer", id, Map.of("outcome", "REJECT", "reason", "晚了")), 409, "INVALID_STATUS");
            assertEquals("APPROVED", status(id));
        }
    }

    @Nested
    class Grants {

        String grant() {
            return Api.grant("mca-app", "mca-officer", "psb-officer", resource(), ITEMS, Map.of("outcome", "APPROVE"));
        }

        @Test
        void a_third_department_does_not_see_the_grant() {
            String grant = grant();
            problem(as("hrss-app").get("/api/v1/grants/" + grant), 404, "NOT_FOUND");
            problem(as("hrss-officer").get("/api/v1/grants/" + grant), 404, "NOT_FOUND");
            as("hrss-officer").get("/api/v1/grants").then().statusCode(200).body("id", not(hasItem(grant)));
        }

        @Test
        void both_parties_and_the_hub_wide_roles_read_the_grant() {
            String grant = grant();
            for (String client :
                    List.of("mca-app", "mca-officer", "psb-officer", "psb-auditor", "dsb-admin", "dsb-auditor")) {
                as(client)
                        .get("/api/v1/grants/" + grant)
                        .then()
                        .statusCode(200)
                        .body("id", equalTo(grant))
                        .body("requesterDepartment", equalTo("zj-mca"))
                        .body("providerDepartment", equalTo("zj-psb"));
            }
            as("mca-app").get("/api/v1/grants").then().statusCode(200).body("id", hasItem(grant));
            as("psb-officer").get("/api/v1/grants").then().statusCode(200).body("id", hasItem(grant));
        }

        @Test
        void an_unknown_grant_is_not_found() {
            problem(as("mca-app").get("/api/v1/grants/00000000-0000-0000-0000-000000000000"), 404, "NOT_FOUND");
        }
    }
}
