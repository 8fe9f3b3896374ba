package io.interchange.journey;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.platform.CheckCharacters;
import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The whole journey of the walking skeleton, each step through the public API, as the README's tour walks it. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharingJourneyTest {

    static String idNumber(String first17) {
        return first17 + CheckCharacters.idNumberCheckChar(first17);
    }

    @Test
    void a_resource_travels_from_draft_to_a_masked_ledgered_query() {
        String person = idNumber("33010619900307123");
        String other = idNumber("33010219851111456");

        // catalog: a steward drafts and submits, the authority publishes, anyone reads it
        String id = as("psb-steward")
                .body(Api.resource(Api.unique("户籍人口")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/resources/309001-\\d{6}"))
                .body("status", equalTo("DRAFT"))
                .body("code", matchesPattern("309001/\\d{6}"))
                .body("level", equalTo("IMPORTANT"))
                .body("provider.id", equalTo("zj-psb"))
                .extract()
                .path("id");
        as("psb-steward")
                .post("/api/v1/resources/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"));
        as("dsb-admin")
                .post("/api/v1/resources/" + id + "/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        as("hrss-app").get("/api/v1/resources/" + id).then().statusCode(200).body("name", notNullValue());

        // hosted rows: the steward loads the data set
        as("psb-steward")
                .body(List.of(
                        Map.of("id_number", person, "full_name", "欧阳娜娜", "mobile", "13812341234", "household_size", 3),
                        Map.of("id_number", other, "full_name", "张三", "mobile", "13900001111", "household_size", 1)))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200)
                .body("rows", equalTo(2))
                .body("loadId", notNullValue());

        // access: a consumer of another department asks, its officer endorses, the provider's officer approves
        String request = Api.file("mca-app", id, List.of("id_number", "full_name", "household_size"));
        as("mca-app")
                .get("/api/v1/access-requests/" + request)
                .then()
                .statusCode(200)
                .body("status", equalTo("AWAITING_ENDORSEMENT"))
                .body("dueAt", nullValue());
        as("mca-officer")
                .post("/api/v1/access-requests/" + request + "/endorse")
                .then()
                .statusCode(200)
                .body("status", equalTo("AWAITING_DECISION"))
                .body("dueAt", notNullValue())
                .body("overdue", equalTo(false));
        String grant = as("psb-officer")
                .body(Map.of("outcome", "APPROVE", "reason", "符合共享条件", "items", List.of("id_number", "full_name")))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("grantId");
        as("mca-app")
                .get("/api/v1/grants/" + grant)
                .then()
                .statusCode(200)
                .body("items", contains("id_number", "full_name"))
                .body("status", equalTo("ACTIVE"));

        // exchange: only granted items, masked as DOMAIN.md shows, with the ledger's exchange id
        Response answer = as("mca-app").queryParam("id_number", person).get("/api/v1/exchange/" + id + "/records");
        answer.then()
                .statusCode(200)
                .header("X-Exchange-Id", notNullValue())
                .header(
                        "Server-Timing",
                        org.hamcrest.Matchers.matchesPattern(
                                "policy;dur=[0-9.]+, source;dur=[0-9.]+, ledger;dur=[0-9.]+"))
                .body("items.size()", equalTo(1))
                .body("items[0].id_number", equalTo(person.substring(0, 6) + "********" + person.substring(14)))
                .body("items[0].full_name", equalTo("欧阳**"))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("household_size")));
        String exchangeId = answer.header("X-Exchange-Id");

        as("mca-app")
                .queryParam("fields", "household_size")
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(403)
                .body("code", equalTo("FIELD_NOT_GRANTED"))
                .header("X-Exchange-Id", notNullValue());

        // without a grant: refused, and still ledgered
        String refused = as("hrss-app")
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("NO_GRANT"))
                .body("type", equalTo("/problems/no-grant"))
                .extract()
                .header("X-Exchange-Id");

        // the provider reads its own data unmasked
        as("psb-app")
                .queryParam("id_number", person)
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .body("items[0].id_number", equalTo(person))
                .body("items[0].mobile", equalTo("13812341234"));

        // ledger: the requester's auditor sees the exchange, with the person only as an HMAC
        Response ledger = as("mca-auditor").queryParam("resource", id).get("/api/v1/ledger/entries");
        ledger.then()
                .statusCode(200)
                .body("items.exchangeId", hasItem(exchangeId))
                .body("items.find { it.exchangeId == '" + exchangeId + "' }.outcome", equalTo("ANSWERED"))
                .body(
                        "items.find { it.exchangeId == '" + exchangeId + "' }.query.id_number",
                        matchesPattern("hmac:k1:[0-9a-f]{64}"))
                .body(
                        "items.find { it.exchangeId == '" + exchangeId + "' }.masked",
                        contains("id_number", "full_name"));
        assertFalse(ledger.asString().contains(person), "the ID number never enters the ledger in clear");

        as("hrss-auditor")
                .queryParam("resource", id)
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .body("items.find { it.exchangeId == '" + refused + "' }.code", equalTo("NO_GRANT"))
                .body("items.exchangeId", not(hasItem(exchangeId)));
        String provider = as("psb-auditor")
                .queryParam("resource", id)
                .get("/api/v1/ledger/entries")
                .asString();
        assertTrue(provider.contains(exchangeId), "the provider's auditor sees exchanges of its resources");
        assertEquals(-1, provider.indexOf(person), "nor does the provider's view of the ledger hold it");
    }
}
