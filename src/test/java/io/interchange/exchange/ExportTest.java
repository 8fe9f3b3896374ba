package io.interchange.exchange;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.platform.CheckCharacters;
import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bulk export under a BULK grant: streamed, masked, scoped, one ledger entry with the row count. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportTest {

    static String idNumber(int n) {
        String first17 = "330106" + "1980" + "0101" + String.format("%03d", n);
        return first17 + CheckCharacters.idNumberCheckChar(first17);
    }

    /** A resource shared as API and BULK with 2,500 rows (more than one export page), granted to mca in {@code mode}. */
    static String resource(String mode) {
        Map<String, Object> body = new HashMap<>(Api.resource(Api.unique("导出")));
        body.put("sharingModes", List.of("API", "BULK"));
        String id = Api.published(body);
        StringBuilder csv = new StringBuilder("id_number,full_name,household_size\n");
        for (int i = 0; i < 2500; i++) {
            String first17 = "3301061980"
                    + String.format("%04d", 101 + i / 1000).substring(0, 4) + String.format("%03d", i % 1000);
            csv.append(first17)
                    .append(CheckCharacters.idNumberCheckChar(first17))
                    .append(",张")
                    .append(i)
                    .append(',')
                    .append(i % 5)
                    .append('\n');
        }
        as("psb-steward")
                .contentType("text/csv; charset=UTF-8")
                .body(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200)
                .body("rows", equalTo(2500));
        Map<String, Object> request = new HashMap<>(Api.accessRequest(id, List.of("id_number", "full_name")));
        request.put("mode", mode);
        String req = as("mca-app")
                .body(request)
                .post("/api/v1/access-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("mca-officer")
                .post("/api/v1/access-requests/" + req + "/endorse")
                .then()
                .statusCode(200);
        as("psb-officer")
                .body(Map.of("outcome", "APPROVE", "reason", "ok"))
                .post("/api/v1/access-requests/" + req + "/decision")
                .then()
                .statusCode(200);
        return id;
    }

    @Test
    void a_bulk_grant_streams_every_row_masked_and_ledgers_one_entry() {
        String id = resource("BULK");
        var response = as("mca-app").queryParam("format", "csv").get("/api/v1/exchange/" + id + "/export");
        response.then().statusCode(200).header("X-Exchange-Id", notNullValue()).contentType(containsString("text/csv"));
        String[] lines = response.asString().split("\r\n");
        assertEquals("id_number,full_name", lines[0]);
        assertEquals(2501, lines.length);
        assertTrue(lines[1].matches("330106\\*{8}\\d{3}[0-9X],张\\**"), lines[1]);
        String exchange = response.header("X-Exchange-Id");
        as("mca-auditor")
                .queryParam("resource", id)
                .queryParam("limit", 500)
                .get("/api/v1/ledger/entries")
                .then()
                .body("items.find { it.exchangeId == '" + exchange + "' }.operation", equalTo("EXPORT"))
                .body("items.find { it.exchangeId == '" + exchange + "' }.rows", equalTo(2500));
        String ndjson = as("mca-app")
                .get("/api/v1/exchange/" + id + "/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(2500, ndjson.split("\n").length);
        assertFalse(ndjson.contains("household_size"), "only granted items");
    }

    @Test
    void an_api_grant_cannot_export_and_bad_formats_are_refused() {
        String id = resource("API");
        as("mca-app")
                .get("/api/v1/exchange/" + id + "/export")
                .then()
                .statusCode(403)
                .header("X-Exchange-Id", notNullValue());
        as("mca-app")
                .queryParam("format", "xlsx")
                .get("/api/v1/exchange/" + id + "/export")
                .then()
                .statusCode(400);
        as("hrss-app")
                .get("/api/v1/exchange/" + id + "/export")
                .then()
                .statusCode(403)
                .body("code", equalTo("NO_GRANT"));
        io.restassured.RestAssured.given()
                .get("/api/v1/exchange/" + id + "/export")
                .then()
                .statusCode(401);
    }
}
