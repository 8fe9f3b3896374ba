package io.interchange.ledger;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;

import io.interchange.support.Api;
import io.restassured.response.Response;

/** Making ledger entries through the API and waiting (bounded) for the sealer. */
final class LedgerTesting {

    static final String PERSON = "330102197010312689"; // a seeded resident (catalog-seed/resources/01-*)

    private LedgerTesting() {}

    /** A refused exchange (no grant): requester zj-hrss, provider zj-psb. Returns its exchange id. */
    static String refusedExchange() {
        return as("hrss-app")
                .get("/api/v1/exchange/" + Api.RESIDENTS + "/records")
                .then()
                .statusCode(403)
                .extract()
                .header("X-Exchange-Id");
    }

    /** The provider reads its own resident by ID number: answered, with the person's HMAC in subjects. */
    static String providerLookup(String idNumber) {
        return as("psb-app")
                .queryParam("id_number", idNumber)
                .get("/api/v1/exchange/" + Api.RESIDENTS + "/records")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Exchange-Id");
    }

    /** Polls the receipt until it is sealed, for at most 5 s. */
    static Response awaitReceipt(String client, String exchangeId) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Response r = as(client).get("/api/v1/ledger/receipts/" + exchangeId);
            if (r.statusCode() != 202 || System.nanoTime() > deadline) {
                return r;
            }
            sleep(25);
        }
    }

    /** The auditor's online verification of the whole ledger finds it intact. */
    static void assertLedgerVerifies() {
        as("dsb-auditor")
                .post("/api/v1/ledger/verify")
                .then()
                .statusCode(200)
                .body("ok", org.hamcrest.Matchers.is(true));
    }

    static Response checkpoint() {
        return given().get("/api/v1/ledger/checkpoint");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
