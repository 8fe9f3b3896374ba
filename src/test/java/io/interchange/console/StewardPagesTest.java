package io.interchange.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The steward's and the authority's console pages, through their forms. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StewardPagesTest {

    private static final Pattern CREATED = Pattern.compile("/console/steward/([0-9]{6}-[0-9]{6})$");

    static Map<String, Object> draft(String name) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("nameEn", "Console draft");
        form.put("summary", "控制台创建的测试资源");
        form.put("classification.category", "3");
        form.put("classification.item", "09");
        form.put("classification.subItem", "001");
        form.put("format.category", "DATABASE");
        form.put("updateCycle", "DAILY");
        form.put("sharingType", "CONDITIONAL");
        form.put("sharingModes", "API");
        form.put("sharingConditions.scope", "县级以上政府部门");
        form.put("sharingConditions.purpose", "资格审查");
        form.put("usageConditions", "仅限申请事项使用");
        form.put("itemCount", "3");
        form.put("items[0].name", "id_number");
        form.put("items[0].label", "公民身份号码");
        form.put("items[0].type", "C");
        form.put("items[0].length", "18");
        form.put("items[0].mask", "ID_NUMBER");
        form.put("items[0].level", "IMPORTANT");
        form.put("items[0].primaryKey", "true");
        form.put("items[0].filterable", "true");
        form.put("items[0].sensitive", "true");
        form.put("items[1].name", "");
        form.put("items[2].name", "household_size");
        form.put("items[2].label", "家庭人口");
        form.put("items[2].type", "I");
        form.put("items[2].mask", "NONE");
        form.put("items[2].level", "GENERAL");
        return form;
    }

    static String create(Browser steward, Map<String, Object> form) {
        steward.get("/console/steward/new").then().statusCode(200);
        Response created = steward.post("/console/steward/new", form);
        created.then().statusCode(303);
        Matcher m = CREATED.matcher(created.header("Location"));
        assertTrue(m.find(), created.header("Location"));
        return m.group(1);
    }

    @Test
    void a_steward_drafts_submits_and_the_authority_publishes() {
        Browser steward = Browser.signedInAs("psb-steward");
        String name = Api.unique("控制台资源");
        String id = create(steward, draft(name));
        steward.get("/console/steward/" + id).then().statusCode(200).body(containsString(name));
        steward.get("/console/steward/" + id + "/edit")
                .then()
                .statusCode(200)
                .body(containsString("value=\"id_number\""))
                .body(containsString("value=\"household_size\""));
        steward.post("/console/steward/" + id + "/submit", Map.of()).then().statusCode(303);

        Browser admin = Browser.signedInAs("dsb-admin");
        admin.get("/console/authority/review").then().statusCode(200).body(containsString(name));
        admin.post("/console/authority/review/" + id + "/publish", Map.of())
                .then()
                .statusCode(303);
        Api.as("mca-app")
                .get("/api/v1/resources/" + id)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PUBLISHED"))
                .body("items[1].name", org.hamcrest.Matchers.equalTo("household_size"));
    }

    @Test
    void a_refused_draft_shows_errors_next_to_the_fields_and_keeps_what_was_typed() {
        Browser steward = Browser.signedInAs("psb-steward");
        steward.get("/console/steward/new");
        Map<String, Object> form = draft("<b>保留</b>" + Api.unique("x"));
        form.put("summary", "");
        form.put("items[2].name", "Bad Name");
        form.put("items[0].length", "eighteen");
        steward.post("/console/steward/new", form)
                .then()
                .statusCode(422)
                .body(containsString("id=\"items[0].length\""))
                .body(containsString("must be a whole number"))
                .body(containsString("&lt;b&gt;保留&lt;/b&gt;"))
                .body(not(containsString("<b>保留</b>")));
        form.put("items[0].length", "18");
        String html = steward.post("/console/steward/new", form)
                .then()
                .statusCode(422)
                .extract()
                .asString();
        // The blank row 1 is skipped: the service's items[1] is the editor's row 2, and the error lands there.
        assertTrue(html.contains("id=\"summary-error\""), "summary error next to the field");
        int row2 = html.indexOf("name=\"items[2].name\"");
        int error = html.indexOf("must match", row2);
        assertTrue(row2 > 0 && error > row2 && error < html.indexOf("name=\"items[2].label\""), "error on row 2");
        assertTrue(html.contains("value=\"Bad Name\""));
    }

    @Test
    void the_steward_pages_are_for_stewards_of_the_owning_department() {
        Browser.signedInAs("mca-app").get("/console/steward").then().statusCode(403);
        Browser.signedInAs("mca-app").get("/console/authority/review").then().statusCode(403);
        Browser.signedInAs("psb-steward")
                .get("/console/authority/calendar")
                .then()
                .statusCode(403);
        new Browser().get("/console/steward").then().statusCode(303);
        Browser other = Browser.signedInAs("mca-steward");
        other.get("/console/steward/" + Api.RESIDENTS + "/edit").then().statusCode(404);
        other.get("/console/steward").then().statusCode(200);
        other.post("/console/steward/" + Api.RESIDENTS + "/retire", Map.of("reason", "不是我的"))
                .then()
                .statusCode(404);
        Browser steward = Browser.signedInAs("psb-steward");
        steward.get("/console/steward");
        steward.post("/console/steward/new", Map.of("csrf", "forged", "name", "x"))
                .then()
                .statusCode(403);
    }

    @Test
    void a_load_with_a_bad_row_lists_the_problem_with_its_line() {
        String id = Api.published(Api.resource(Api.unique("控制台加载")));
        Browser steward = Browser.signedInAs("psb-steward");
        steward.get("/console/steward/" + id + "/load").then().statusCode(200);
        String csv = "id_number,full_name,mobile,household_size\n"
                + "11010519491231002X,张三,13800000000,3\n"
                + "110105194912310021,李四,13800000001,not-a-number\n";
        Response started = io.restassured.RestAssured.given()
                .redirects()
                .follow(false)
                .cookies(steward.cookies())
                .multiPart("csrf", steward.csrf())
                .multiPart("mode", "REPLACE")
                .multiPart("file", "rows.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .post("/console/steward/" + id + "/load");
        assertEquals(303, started.statusCode(), started.asString());
        String status = started.header("Location");
        String html = "";
        for (int i = 0; i < 100; i++) {
            html = steward.get(status + "/progress")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            if (!html.contains("data-status=\"RUNNING\"")) {
                break;
            }
            sleep();
        }
        assertTrue(html.contains("data-status=\"FAILED\""), html);
        assertTrue(html.contains("line 3"), html);
        assertTrue(!html.contains("hx-trigger"), "polling stops when the load has finished");
    }

    @Test
    void the_authority_edits_a_years_calendar_and_a_bad_date_is_shown_next_to_the_field() {
        Browser admin = Browser.signedInAs("dsb-admin");
        admin.get("/console/authority/calendar?year=2031").then().statusCode(200);
        admin.post("/console/authority/calendar/2031", Map.of("holidays", "2031-01-01\n2031-13-01", "workdays", ""))
                .then()
                .statusCode(422)
                .body(containsString("id=\"holidays-error\""))
                .body(containsString("2031-13-01"));
        admin.post("/console/authority/calendar/2031", Map.of("holidays", "2031-01-01\n2031-10-01", "workdays", ""))
                .then()
                .statusCode(303);
        admin.get("/console/authority/calendar?year=2031").then().body(containsString("2031-10-01"));
        Api.as("dsb-admin")
                .get("/api/v1/calendar/2031")
                .then()
                .statusCode(200)
                .body("holidays", org.hamcrest.Matchers.hasItem("2031-10-01"));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
