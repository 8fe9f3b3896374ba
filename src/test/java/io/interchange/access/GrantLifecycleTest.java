package io.interchange.access;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** R25 Art. 27: the provider suspends with a deadline to fix, resumes or revokes; validity runs out; the broker obeys. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GrantLifecycleTest {

    @Inject
    GrantService grants;

    @Inject
    EntityManager em;

    @Inject
    AccessService access;

    private static Map<String, Object> suspension() {
        return Map.of(
                "reason", "超范围使用", "fixBy", AccessFixtures.today().plusDays(10).toString());
    }

    private static Map<String, Object> because(String reason) {
        return Map.of("reason", reason);
    }

    private static void query(String resource, int status, String code) {
        var response =
                as("mca-app").get("/api/v1/exchange/" + resource + "/records").then();
        response.statusCode(status);
        if (code != null) {
            response.body("code", equalTo(code));
        }
    }

    @Test
    void provider_officer_suspends_and_the_broker_refuses_at_once_then_resumes_and_it_answers_again() {
        String resource = AccessFixtures.resourceWithRows();
        String grant = AccessFixtures.grant(resource);
        query(resource, 200, null);

        String fixBy = AccessFixtures.today().plusDays(10).toString();
        as("psb-officer")
                .body(suspension())
                .post("/api/v1/grants/" + grant + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"))
                .body("statusReason", equalTo("超范围使用"))
                .body("fixBy", equalTo(fixBy));
        query(resource, 403, "GRANT_SUSPENDED");
        as("mca-app")
                .get("/api/v1/grants/" + grant)
                .then()
                .body("status", equalTo("SUSPENDED"))
                .body("fixBy", equalTo(fixBy));

        as("psb-officer")
                .body(because("已整改"))
                .post("/api/v1/grants/" + grant + "/resume")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("fixBy", nullValue());
        query(resource, 200, null);
    }

    @Test
    void a_revoked_grant_is_refused_and_every_change_is_recorded_with_actor_and_reason() {
        OffsetDateTime since = OffsetDateTime.now().minusSeconds(5);
        String resource = AccessFixtures.resourceWithRows();
        String grant = AccessFixtures.grant(resource);
        as("psb-officer").body(suspension()).post("/api/v1/grants/" + grant + "/suspend");
        as("psb-officer")
                .body(because("逾期未整改"))
                .post("/api/v1/grants/" + grant + "/revoke")
                .then()
                .statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("statusReason", equalTo("逾期未整改"));
        query(resource, 403, "GRANT_REVOKED");

        as("mca-auditor")
                .get("/api/v1/grants/" + grant + "/events")
                .then()
                .statusCode(200)
                .body("action", contains("GRANT_SUSPEND", "GRANT_REVOKE"))
                .body("actor", contains("psb-officer", "psb-officer"))
                .body("reason", contains("超范围使用", "逾期未整改"))
                .body("toStatus", contains("SUSPENDED", "REVOKED"));
        Map<String, Object> entry =
                AccessFixtures.adminEntry(since, "GRANT_REVOKE", grant).orElseThrow();
        assertEquals("psb-officer", entry.get("actor"));
        assertEquals("逾期未整改", ((Map<?, ?>) entry.get("summary")).get("reason"));
        assertEquals("SUSPENDED", ((Map<?, ?>) entry.get("summary")).get("from"));
    }

    @Test
    void requester_officer_cannot_suspend_a_grant() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("mca-officer")
                .body(suspension())
                .post("/api/v1/grants/" + grant + "/suspend")
                .then()
                .statusCode(403)
                .body("code", equalTo("WRONG_PARTY"));
        as("mca-app").get("/api/v1/grants/" + grant).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void an_officer_of_another_department_does_not_see_the_grant() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        for (String action : List.of("suspend", "resume", "revoke")) {
            as("hrss-officer")
                    .body(action.equals("suspend") ? suspension() : because("x"))
                    .post("/api/v1/grants/" + grant + "/" + action)
                    .then()
                    .statusCode(404);
        }
        as("hrss-auditor").get("/api/v1/grants/" + grant + "/events").then().statusCode(404);
        given().get("/api/v1/grants/" + grant + "/events").then().statusCode(401);
    }

    @Test
    void a_consumer_or_steward_of_the_provider_cannot_change_a_grant() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-app")
                .body(suspension())
                .post("/api/v1/grants/" + grant + "/suspend")
                .then()
                .statusCode(403);
        as("psb-steward")
                .body(because("x"))
                .post("/api/v1/grants/" + grant + "/revoke")
                .then()
                .statusCode(403);
        as("dsb-admin")
                .body(because("x"))
                .post("/api/v1/grants/" + grant + "/revoke")
                .then()
                .statusCode(403);
    }

    @Test
    void changing_a_grant_needs_a_token() {
        given().contentType("application/json")
                .body(suspension())
                .post("/api/v1/grants/" + UUID.randomUUID() + "/suspend")
                .then()
                .statusCode(401);
    }

    @Test
    void only_a_suspended_grant_can_be_resumed() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-officer")
                .body(because("无需"))
                .post("/api/v1/grants/" + grant + "/resume")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_STATUS"))
                .body("detail", containsString("ACTIVE"));
    }

    @Test
    void nothing_changes_a_revoked_grant() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-officer")
                .body(because("违规"))
                .post("/api/v1/grants/" + grant + "/revoke")
                .then()
                .statusCode(200);
        as("psb-officer")
                .body(suspension())
                .post("/api/v1/grants/" + grant + "/suspend")
                .then()
                .statusCode(409)
                .body("detail", containsString("REVOKED"));
        as("psb-officer")
                .body(because("again"))
                .post("/api/v1/grants/" + grant + "/revoke")
                .then()
                .statusCode(409)
                .body("detail", containsString("REVOKED"));
        as("psb-officer")
                .body(because("again"))
                .post("/api/v1/grants/" + grant + "/resume")
                .then()
                .statusCode(409);
    }

    @Test
    void a_suspension_needs_a_reason_and_a_future_deadline_to_fix() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-officer")
                .body(Map.of("reason", "超范围使用", "fixBy", AccessFixtures.today().toString()))
                .post("/api/v1/grants/" + grant + "/suspend")
                .then()
                .statusCode(422)
                .body("errors.field", contains("fixBy"));
        as("psb-officer")
                .body(Map.of())
                .post("/api/v1/grants/" + grant + "/suspend")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("fixBy"))
                .body("errors.field", hasItem("reason"));
        as("psb-officer")
                .body(Map.of("reason", " "))
                .post("/api/v1/grants/" + grant + "/revoke")
                .then()
                .statusCode(422)
                .body("errors.field", contains("reason"));
        as("mca-app").get("/api/v1/grants/" + grant).then().body("status", equalTo("ACTIVE"));
        as("mca-app").get("/api/v1/grants/" + grant + "/events").then().body("size()", equalTo(0));
    }

    @Test
    void a_grant_past_its_validity_expires_once_and_the_broker_says_so() {
        OffsetDateTime since = OffsetDateTime.now().minusSeconds(5);
        String resource = AccessFixtures.resourceWithRows();
        String grant = AccessFixtures.grant(resource);
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update access_grant set valid_until = valid_from - 1 where id = ?1")
                        .setParameter(1, UUID.fromString(grant))
                        .executeUpdate());
        query(resource, 403, "GRANT_EXPIRED");

        // The scheduled job may get there first; either way the grant expires exactly once.
        grants.expireLapsed();
        assertFalse(grants.expireLapsed().contains(UUID.fromString(grant)));
        as("psb-officer")
                .get("/api/v1/grants/" + grant)
                .then()
                .body("status", equalTo("EXPIRED"))
                .body("statusReason", equalTo("validity ended"));
        as("psb-officer")
                .get("/api/v1/grants/" + grant + "/events")
                .then()
                .body("action", contains("GRANT_EXPIRE"))
                .body("actor", contains("system"))
                .body("fromStatus", contains("ACTIVE"));
        query(resource, 403, "GRANT_EXPIRED");
        Map<String, Object> entry =
                AccessFixtures.adminEntry(since, "GRANT_EXPIRE", grant).orElseThrow();
        assertEquals("system", entry.get("actor"));
        as("psb-officer")
                .body(suspension())
                .post("/api/v1/grants/" + grant + "/suspend")
                .then()
                .statusCode(409)
                .body("detail", containsString("EXPIRED"));
    }

    // --- disposal (R25 Art. 27) ---------------------------------------------------------------------

    private static Map<String, Object> disposal() {
        return Map.of(
                "method", "安全删除（三次覆写）",
                "completedOn", AccessFixtures.today().toString(),
                "statement", "本部门已删除全部共享数据及副本");
    }

    @Test
    void the_requester_officer_attests_disposal_once_the_grant_is_over() {
        OffsetDateTime since = OffsetDateTime.now().minusSeconds(5);
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-officer").body(because("目的已实现")).post("/api/v1/grants/" + grant + "/revoke");
        as("mca-officer")
                .body(disposal())
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(200)
                .body("disposalAttestedAt", notNullValue())
                .body("disposal.method", equalTo("安全删除（三次覆写）"))
                .body("disposal.attestedBy", equalTo("mca-officer"));
        as("psb-officer").get("/api/v1/grants/" + grant).then().body("disposalAttestedAt", notNullValue());
        assertTrue(AccessFixtures.adminEntry(since, "GRANT_DISPOSAL", grant).isPresent());
        as("mca-officer")
                .body(disposal())
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(409)
                .body("code", equalTo("ALREADY_ATTESTED"));
    }

    @Test
    void a_grant_ended_by_retirement_is_recorded_and_open_to_disposal() {
        String resource = AccessFixtures.resourceWithRows();
        String grant = AccessFixtures.grant(resource);
        QuarkusTransaction.requiringNew()
                .run(() -> access.endGrantsForResource(resource, "resource retired", "psb-steward", "zj-psb"));
        query(resource, 403, "GRANT_ENDED");
        as("mca-app")
                .get("/api/v1/grants/" + grant + "/events")
                .then()
                .body("action", contains("GRANT_END"))
                .body("reason", contains("resource retired"));
        as("mca-officer")
                .body(disposal())
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("disposalAttestedAt", notNullValue());
    }

    @Test
    void disposal_of_a_grant_still_in_force_is_refused() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("mca-officer")
                .body(disposal())
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_STATUS"))
                .body("detail", containsString("ACTIVE"));
        as("mca-app").get("/api/v1/grants/" + grant).then().body("disposalAttestedAt", nullValue());
    }

    @Test
    void only_the_requester_officer_attests_disposal() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-officer").body(because("到期")).post("/api/v1/grants/" + grant + "/revoke");
        as("psb-officer")
                .body(disposal())
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(403);
        as("mca-app")
                .body(disposal())
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(403);
        as("hrss-officer")
                .body(disposal())
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(404);
        given().contentType("application/json")
                .body(disposal())
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(401);
    }

    @Test
    void a_disposal_attestation_names_method_date_and_statement() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-officer").body(because("到期")).post("/api/v1/grants/" + grant + "/revoke");
        as("mca-officer")
                .body(Map.of("completedOn", AccessFixtures.today().plusDays(1).toString()))
                .post("/api/v1/grants/" + grant + "/disposal")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("method"))
                .body("errors.field", hasItem("completedOn"))
                .body("errors.field", hasItem("statement"));
        as("mca-app").get("/api/v1/grants/" + grant).then().body("disposalAttestedAt", nullValue());
    }
}
