package io.interchange.console;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The resource page's open objections (数据异议): only those the viewer's department may see, never resolved ones. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResourceObjectionsPageTest {

    static final String OBJECTIONS = "/api/v1/objections";

    static String file(String client, String resourceId, String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("resourceId", resourceId);
        body.put("description", "控制台异议测试");
        return as(client)
                .body(body)
                .post(OBJECTIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static void act(String client, String id, String action, Map<String, Object> body) {
        as(client).body(body).post(OBJECTIONS + "/" + id + "/" + action).then().statusCode(200);
    }

    static String row(String id) {
        return "data-objection=\"" + id + "\"";
    }

    @Test
    void each_viewer_sees_the_open_objections_of_its_department_and_the_authority_sees_all() {
        String resource = Api.published(Api.resource(Api.unique("异议页面")));
        String byCivilAffairs = file("mca-app", resource, "CATALOGUE_ERROR");
        String byMarket = file("amr-app", resource, "DATA_USE");
        String resolved = file("hrss-app", resource, "OTHER");
        act("psb-officer", resolved, "reply", Map.of("reply", "已核实并更正", "corrected", true));
        act("hrss-app", resolved, "rate", Map.of("rating", 5, "resolved", true));
        String page = "/console/resources/" + resource;

        Browser.signedInAs("mca-app")
                .get(page)
                .then()
                .statusCode(200)
                .body(containsString(row(byCivilAffairs)))
                .body(containsString("目录错误 Catalogue error"))
                .body(containsString("待答复 Open"))
                .body(containsString("class=\"badge stale under-verification\""))
                .body(not(containsString(row(byMarket))))
                .body(not(containsString(row(resolved))));
        // the provider handles both open ones; the resolved one is gone for everybody
        Browser.signedInAs("psb-officer")
                .get(page)
                .then()
                .statusCode(200)
                .body(containsString(row(byCivilAffairs)))
                .body(containsString(row(byMarket)))
                .body(not(containsString(row(resolved))));
        Browser.signedInAs("dsb-admin")
                .get(page)
                .then()
                .statusCode(200)
                .body(containsString(row(byCivilAffairs)))
                .body(containsString(row(byMarket)))
                .body(not(containsString(row(resolved))));
        // human resources filed only the resolved one: it sees that the resource is under verification, nothing more
        Browser.signedInAs("hrss-auditor")
                .get(page)
                .then()
                .statusCode(200)
                .body(containsString("under-verification"))
                .body(not(containsString("data-objection=")));
    }

    @Test
    void a_transfer_shows_the_objection_to_the_new_handler_and_keeps_it_for_the_earlier_one() {
        String resource = Api.published(Api.resource(Api.unique("异议转办")));
        String id = file("mca-app", resource, "CATALOGUE_ERROR");
        String page = "/console/resources/" + resource;
        Browser.signedInAs("hrss-officer").get(page).then().body(not(containsString(row(id))));
        act("psb-officer", id, "transfer", Map.of("toDepartment", "zj-hrss", "reason", "数据由人社厅维护"));
        Browser.signedInAs("hrss-officer").get(page).then().statusCode(200).body(containsString(row(id)));
        Browser.signedInAs("psb-steward").get(page).then().statusCode(200).body(containsString(row(id)));
        Browser.signedInAs("amr-app").get(page).then().statusCode(200).body(not(containsString(row(id))));
    }

    @Test
    void the_page_needs_a_session_and_shows_nothing_of_a_resource_the_viewer_may_not_read() {
        String resource = Api.published(Api.resource(Api.unique("异议登录")));
        file("mca-app", resource, "CATALOGUE_ERROR");
        new Browser()
                .get("/console/resources/" + resource)
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/sign-in"));
        Browser.signedInAs("mca-app")
                .get("/console/resources/999999-999999")
                .then()
                .statusCode(404)
                .body(not(containsString("data-objection=")))
                .body(not(containsString("Exception")));
    }
}
