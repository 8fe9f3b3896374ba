package io.interchange.exchange;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.interchange.platform.CheckCharacters;
import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Loading hosted data as JSON, NDJSON and CSV: streamed, checked row by row, all or nothing. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostedLoadTest {

    String id;

    static String idNumber(int n) {
        String first17 = "330106" + "1990" + "0101" + String.format("%03d", n % 1000);
        return first17 + CheckCharacters.idNumberCheckChar(first17);
    }

    static String csv(int rows) {
        StringBuilder csv = new StringBuilder("id_number,full_name,mobile,household_size\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(idNumber(i))
                    .append(",\"张,")
                    .append(i)
                    .append("\",1381234")
                    .append(String.format("%04d", i))
                    .append(',')
                    .append(i % 7)
                    .append("\r\n");
        }
        return csv.toString();
    }

    @BeforeEach
    void draft() {
        id = as("psb-steward")
                .body(Api.resource(Api.unique("装载测试")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    int ownRows() {
        return as("psb-app")
                .queryParam("limit", 500)
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items")
                .size();
    }

    @Test
    void a_csv_file_replaces_the_data_set_and_ndjson_merges_by_key() {
        as("psb-steward")
                .contentType("text/csv")
                .body(csv(50))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200)
                .body("rows", equalTo(50))
                .body("loadId", notNullValue());
        assertEquals(50, ownRows());
        String ndjson = "{\"id_number\":\"" + idNumber(1) + "\",\"full_name\":\"李四\",\"household_size\":9}\n\n"
                + "{\"id_number\":\"" + idNumber(700) + "\",\"full_name\":\"王五\"}\n";
        as("psb-steward")
                .contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/resources/" + id + "/records?mode=upsert")
                .then()
                .statusCode(200)
                .body("rows", equalTo(2));
        assertEquals(51, ownRows());
        as("psb-app")
                .queryParam("id_number", idNumber(1))
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .body("items[0].full_name", equalTo("李四"));
        as("psb-steward")
                .contentType("text/csv")
                .body(csv(3))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200);
        assertEquals(3, ownRows());
    }

    @Test
    void a_bad_file_loads_nothing_and_names_lines() {
        as("psb-steward")
                .contentType("text/csv")
                .body(csv(5))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200);
        String ragged = csv(2) + "330106199001010001,only two\r\n";
        as("psb-steward")
                .contentType("text/csv")
                .body(ragged)
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("line 4"))
                .body("errors[0].message", containsString("cells"));
        String formula = "id_number,full_name\r\n" + idNumber(9) + ",=HYPERLINK(\"http://evil\")\r\n";
        as("psb-steward")
                .contentType("text/csv")
                .body(formula)
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(422)
                .body("errors[0].message", containsString("formula"));
        String badId = "id_number,full_name\r\n330106199001010000,张三\r\n";
        as("psb-steward")
                .contentType("text/csv")
                .body(badId)
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("line 2.id_number"));
        String duplicate = "id_number,full_name\r\n" + idNumber(3) + ",a\r\n" + idNumber(3) + ",b\r\n";
        as("psb-steward")
                .contentType("text/csv")
                .body(duplicate)
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("line 3.id_number"))
                .body("errors[0].message", containsString("line 2"));
        as("psb-steward")
                .contentType("text/csv")
                .body("id_number,nonsense\r\n")
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("line 1.nonsense"));
        byte[] latin1 = ("id_number,full_name\r\n" + idNumber(4) + ",\u00e9\r\n").getBytes(StandardCharsets.ISO_8859_1);
        as("psb-steward")
                .contentType("text/csv")
                .body(latin1)
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(422)
                .body("errors[0].message", containsString("UTF-8"));
        as("psb-steward")
                .body("[{\"id_number\": 5}]")
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("rows[0].id_number"));
        as("psb-steward")
                .body("{\"not\": \"an array\"}")
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        assertEquals(5, ownRows(), "every refused load left the data set as it was");
    }

    @Test
    void other_content_types_are_415() {
        as("psb-steward")
                .contentType("text/plain")
                .body("x")
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void an_asynchronous_load_reports_its_progress_and_outcome() throws InterruptedException {
        String location = as("psb-steward")
                .contentType("text/csv")
                .body(csv(300))
                .post("/api/v1/resources/" + id + "/records?async=true")
                .then()
                .statusCode(202)
                .header("Location", containsString("/loads/"))
                .extract()
                .header("Location");
        String path = location.substring(location.indexOf("/api/"));
        String status = "RUNNING";
        for (int i = 0; i < 100 && "RUNNING".equals(status); i++) {
            Thread.sleep(100);
            status =
                    as("psb-steward").get(path).then().statusCode(200).extract().path("status");
        }
        as("psb-steward")
                .get(path)
                .then()
                .body("status", equalTo("SUCCEEDED"))
                .body("rows", equalTo(300))
                .body("percent", equalTo(100));
        as("mca-steward").get(path).then().statusCode(404); // a draft of another department does not exist for it
        as("psb-steward")
                .get("/api/v1/resources/" + id + "/loads/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(404);
        String bad = as("psb-steward")
                .contentType("text/csv")
                .body("id_number\r\nnope\r\n")
                .post("/api/v1/resources/" + id + "/records?async=true")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        String badPath = bad.substring(bad.indexOf("/api/"));
        for (int i = 0;
                i < 100 && "RUNNING".equals(as("psb-steward").get(badPath).path("status"));
                i++) {
            Thread.sleep(100);
        }
        as("psb-steward")
                .get(badPath)
                .then()
                .body("status", equalTo("FAILED"))
                .body("problems[0].field", equalTo("line 2.id_number"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_item_added_after_the_last_load_filters_to_nothing_until_loaded_then_is_indexed() {
        as("psb-steward")
                .contentType("text/csv")
                .body(csv(5))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(200);
        var current = as("psb-steward").get("/api/v1/resources/" + id);
        java.util.Map<String, Object> body =
                new java.util.HashMap<>(current.jsonPath().getMap(""));
        java.util.List<Object> items = new java.util.ArrayList<>((java.util.List<Object>) body.get("items"));
        items.add(java.util.Map.of("name", "district", "label", "区县", "type", "C", "length", 6, "filterable", true));
        body.put("items", items);
        as("psb-steward")
                .header("If-Match", current.header("ETag"))
                .body(body)
                .put("/api/v1/resources/" + id)
                .then()
                .statusCode(200);
        // The table has no column for it yet: no row has a value, so no row matches (and nothing fails).
        as("psb-app")
                .queryParam("district", "330102")
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        String ndjson = "{\"id_number\":\"" + idNumber(2) + "\",\"full_name\":\"赵六\",\"district\":\"330102\"}\n";
        as("psb-steward")
                .contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/resources/" + id + "/records?mode=upsert")
                .then()
                .statusCode(200);
        as("psb-app")
                .queryParam("district", "330102")
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].full_name", equalTo("赵六"));
    }

    @Test
    void only_the_owning_steward_loads() {
        as("mca-steward")
                .contentType("text/csv")
                .body(csv(1))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(404);
        as("psb-app")
                .contentType("text/csv")
                .body(csv(1))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .contentType("text/csv")
                .body(csv(1))
                .post("/api/v1/resources/" + id + "/records")
                .then()
                .statusCode(401);
    }
}
