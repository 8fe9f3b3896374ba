package io.interchange.exchange;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.interchange.platform.CheckCharacters;
import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 核验: match or no match under a grant, no personal data back, ledgered as VERIFY with HMACs only. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VerifyTest {

    static final String PERSON = "33010619900307123" + CheckCharacters.idNumberCheckChar("33010619900307123");

    static String grantedResource() {
        String id = Api.published(Api.resource(Api.unique("核验")));
        as("psb-steward")
                .body(List.of(Map.of("id_number", PERSON, "full_name", "欧阳娜娜", "household_size", 3)))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200);
        Api.grant(
                "mca-app",
                "mca-officer",
                "psb-officer",
                id,
                List.of("id_number", "full_name"),
                Map.of("outcome", "APPROVE"));
        return id;
    }

    @Test
    void values_that_match_a_record_answer_true_and_others_false_without_personal_data() {
        String id = grantedResource();
        String body = as("mca-app")
                .body(Map.of("values", Map.of("id_number", PERSON, "full_name", "欧阳娜娜")))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(200)
                .header("X-Exchange-Id", notNullValue())
                .body("match", equalTo(true))
                .extract()
                .asString();
        assertFalse(body.contains(PERSON) || body.contains("欧阳"), "no personal data in the answer");
        as("mca-app")
                .body(Map.of("values", Map.of("id_number", PERSON, "full_name", "欧阳娜")))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("match", equalTo(false));
        String exchange = as("mca-app")
                .body(Map.of("values", Map.of("id_number", PERSON)))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Exchange-Id");
        as("mca-auditor")
                .queryParam("resource", id)
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .body("items.find { it.exchangeId == '" + exchange + "' }.operation", equalTo("VERIFY"))
                .body(
                        "items.find { it.exchangeId == '" + exchange + "' }.query.id_number",
                        matchesPattern("hmac:k1:[0-9a-f]{64}"))
                .body("items.find { it.exchangeId == '" + exchange + "' }.rows", equalTo(1));
    }

    @Test
    void verification_is_refused_outside_the_grant_and_needs_an_identifying_value() {
        String id = grantedResource();
        as("mca-app")
                .body(Map.of("values", Map.of("full_name", "欧阳娜娜")))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_QUERY"));
        as("mca-app")
                .body(Map.of("values", Map.of("id_number", PERSON, "household_size", 3)))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(403)
                .body("code", equalTo("FIELD_NOT_GRANTED"));
        as("mca-app")
                .body(Map.of("values", Map.of("nonsense", 1)))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("values.nonsense"));
        as("hrss-app")
                .body(Map.of("values", Map.of("id_number", PERSON)))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(403)
                .body("code", equalTo("NO_GRANT"))
                .header("X-Exchange-Id", notNullValue());
        as("mca-officer")
                .body(Map.of("values", Map.of("id_number", PERSON)))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(Map.of("values", Map.of("id_number", PERSON)))
                .post("/api/v1/exchange/" + id + "/verify")
                .then()
                .statusCode(401);
    }
}
