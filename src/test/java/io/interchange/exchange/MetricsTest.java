package io.interchange.exchange;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MetricsTest {

    @Test
    void exchanges_are_counted_by_resource_requester_and_outcome() {
        as("hrss-app").get("/api/v1/exchange/" + Api.ENTERPRISES + "/records?limit=1");
        as("psb-app")
                .get("/api/v1/exchange/" + Api.RESIDENTS + "/records?limit=1")
                .then()
                .statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("interchange_exchanges_total{"))
                .body(containsString("requester=\"zj-psb\""))
                .body(containsString("outcome=\"ANSWERED\""))
                .body(containsString("interchange_exchange_latency_seconds_bucket"));
    }
}
