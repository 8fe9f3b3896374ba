package io.interchange.console;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.interchange.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The console's HTML pages, used through their forms as a browser would, with the demo personas. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleTest {

    @Test
    void a_signed_in_persona_sees_the_seeded_catalogue() {
        Browser browser = Browser.signedInAs("mca-app");
        assertNotNull(browser.cookie(ConsoleHttp.SESSION_COOKIE));
        browser.get("/console/catalogue?q=居民身份")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("居民身份信息"))
                .body(containsString("/console/resources/" + Api.RESIDENTS))
                .body(containsString("DEMO"))
                .body(containsString("mca-app"));
    }

    @Test
    void the_session_cookie_is_http_only_strict_and_scoped_to_the_console() {
        Browser browser = new Browser();
        browser.get("/console/sign-in");
        Response response = browser.post("/console/sign-in", Map.of("persona", "psb-officer"));
        String setCookie = response.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleHttp.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
    }

    @Test
    void console_pages_send_strict_security_headers() {
        Browser.signedInAs("mca-app")
                .get("/console/catalogue")
                .then()
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("style-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("same-origin"));
    }

    @Test
    void the_stylesheet_and_htmx_are_served_without_a_node_build() {
        given().get("/console/console.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200).body(containsString("htmx"));
    }

    @Test
    void a_form_without_the_csrf_token_is_refused() {
        Browser browser = Browser.signedInAs("mca-app");
        browser.post(
                        "/console/resources/" + Api.RESIDENTS + "/request",
                        Map.of("csrf", "forged", "items", "id_number", "legalBasis", "x"))
                .then()
                .statusCode(403)
                .body(not(containsString("Exception")));
        new Browser()
                .post("/console/sign-in", Map.of("persona", "dsb-admin"))
                .then()
                .statusCode(403);
    }

    @Test
    void an_unauthenticated_console_page_redirects_to_sign_in() {
        new Browser()
                .get("/console/catalogue")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/sign-in"));
        new Browser().get("/console/sign-in").then().statusCode(200).body(containsString("psb-officer"));
    }

    @Test
    void an_expired_session_goes_back_to_sign_in_and_drops_the_cookie() {
        given().redirects()
                .follow(false)
                .cookie(ConsoleHttp.SESSION_COOKIE, Tokens.expired("zj-mca", "consumer"))
                .get("/console/catalogue")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/sign-in"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void signing_out_ends_the_session() {
        Browser browser = Browser.signedInAs("mca-app");
        browser.post("/console/sign-out", Map.of()).then().statusCode(303);
        browser.get("/console/catalogue").then().statusCode(303);
    }

    @Test
    void another_departments_request_is_a_404_page_without_a_stack_trace() {
        String request = Api.file("mca-app", Api.RESIDENTS, List.of("id_number"));
        Browser.signedInAs("hrss-app")
                .get("/console/requests/" + request)
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
        Browser.signedInAs("mca-app").get("/console/requests/not-a-uuid").then().statusCode(404);
        Browser.signedInAs("mca-app").get("/console/ledger").then().statusCode(403);
    }

    @Test
    void html_in_a_resource_summary_is_escaped() {
        Map<String, Object> body = new java.util.HashMap<>(Api.resource(Api.unique("注入测试")));
        body.put("summary", "<script>alert(1)</script>恶意摘要");
        String id = as("psb-steward")
                .body(body)
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Browser.signedInAs("psb-steward")
                .get("/console/resources/" + id)
                .then()
                .statusCode(200)
                .body(not(containsString("<script>alert(1)</script>")))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;恶意摘要"));
    }

    @Test
    void the_language_switch_changes_labels_and_is_remembered() {
        Browser browser = Browser.signedInAs("mca-app");
        browser.get("/console/catalogue").then().body(containsString("资源目录"));
        browser.get("/console/lang?to=en&back=/console/catalogue")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/catalogue"));
        browser.get("/console/catalogue")
                .then()
                .body(containsString("Catalogue"))
                .body(containsString("Sign out"))
                .body(containsString("有条件共享 Conditional"));
        browser.get("/console/lang?to=en&back=https://evil.example/")
                .then()
                .header("Location", not(containsString("evil")));
    }

    @Test
    void a_request_filed_endorsed_and_approved_through_the_forms_ends_approved() {
        // A resource of its own, so the grant this journey creates cannot change what other test classes see.
        String resource = Api.as("psb-steward")
                .body(Api.resource(Api.unique("控制台申请")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as("psb-steward")
                .post("/api/v1/resources/" + resource + "/submit")
                .then()
                .statusCode(200);
        Api.as("dsb-admin")
                .post("/api/v1/resources/" + resource + "/publish")
                .then()
                .statusCode(200);
        Browser consumer = Browser.signedInAs("hrss-app");
        consumer.get("/console/resources/" + resource + "/request")
                .then()
                .statusCode(200)
                .body(containsString("id_number"));

        // bad input: errors next to the fields, typed text kept
        consumer.post(
                        "/console/resources/" + resource + "/request",
                        Map.of(
                                "items",
                                List.of("id_number"),
                                "legalBasis",
                                "<b>依据</b>",
                                "mode",
                                "API",
                                "validUntil",
                                "2020-01-01"))
                .then()
                .statusCode(422)
                .body(containsString("scenario-error"))
                .body(containsString("必填"))
                .body(containsString("validUntil-error"))
                .body(containsString("须为将来的日期"))
                .body(containsString("&lt;b&gt;依据&lt;/b&gt;"));

        Response filed = consumer.post(
                "/console/resources/" + resource + "/request",
                Map.of(
                        "items", List.of("id_number", "full_name"),
                        "legalBasis", "《社会救助暂行办法》第十一条",
                        "scenario", "就业补贴资格审核",
                        "purpose", "eligibility check",
                        "mode", "API",
                        "validUntil", LocalDate.now().plusYears(1).toString()));
        filed.then().statusCode(303);
        Matcher m = Pattern.compile("/console/requests/([0-9a-f-]{36})").matcher(filed.getHeader("Location"));
        assertTrue(m.find(), filed.getHeader("Location"));
        String id = m.group(1);
        consumer.get("/console/requests").then().statusCode(200).body(containsString(id));

        Browser requesterOfficer = Browser.signedInAs("hrss-officer");
        requesterOfficer.get("/console/inbox").then().statusCode(200).body(containsString(id));
        requesterOfficer
                .post("/console/requests/" + id + "/endorse", Map.of())
                .then()
                .statusCode(303);

        Browser providerOfficer = Browser.signedInAs("psb-officer");
        providerOfficer.get("/console/inbox").then().statusCode(200).body(containsString(id));
        providerOfficer
                .post("/console/requests/" + id + "/decision", Map.of("outcome", "REJECT"))
                .then()
                .statusCode(422)
                .body(containsString("reason-error"));
        providerOfficer
                .post(
                        "/console/requests/" + id + "/decision",
                        Map.of("outcome", "APPROVE", "items", List.of("id_number"), "reason", "符合共享条件"))
                .then()
                .statusCode(303);

        consumer.get("/console/requests/" + id).then().statusCode(200).body(containsString("已同意 Approved"));
        String status = as("hrss-app")
                .get("/api/v1/access-requests/" + id)
                .then()
                .extract()
                .path("status");
        assertEquals("APPROVED", status);
    }

    @Test
    void the_cart_files_one_request_per_resource_all_or_none() {
        Browser consumer = Browser.signedInAs("amr-app");
        consumer.get("/console/resources/" + Api.RESIDENTS).then().body(containsString("/console/cart/add"));
        consumer.post("/console/cart/add", Map.of("resourceId", Api.RESIDENTS))
                .then()
                .statusCode(303);
        consumer.post("/console/cart/add", Map.of("resourceId", Api.ALLOWANCES))
                .then()
                .statusCode(303);
        consumer.get("/console/cart")
                .then()
                .statusCode(200)
                .body(containsString("items-" + Api.RESIDENTS))
                .body(containsString("items-" + Api.ALLOWANCES));
        int before = outgoing("amr-app");

        Map<String, Object> form = new java.util.HashMap<>(Map.of(
                "items-" + Api.RESIDENTS,
                List.of("id_number"),
                "items-" + Api.ALLOWANCES,
                List.of("id_number", "household_size"),
                "legalBasis",
                "《优化营商环境条例》",
                "purpose",
                "<i>核验</i>",
                "mode",
                "API",
                "validUntil",
                LocalDate.now().plusMonths(6).toString()));
        consumer.post("/console/cart", form)
                .then()
                .statusCode(422)
                .body(containsString("scenario-error"))
                .body(containsString("&lt;i&gt;核验&lt;/i&gt;"));
        assertEquals(before, outgoing("amr-app"), "a refused cart files nothing");

        form.put("scenario", "企业开办联合核验");
        consumer.post("/console/cart", form).then().statusCode(303);
        assertEquals(before + 2, outgoing("amr-app"));
        consumer.get("/console/cart").then().body(not(containsString("items-" + Api.RESIDENTS)));
    }

    private static int outgoing(String consumer) {
        return as(consumer)
                .get("/api/v1/access-requests?direction=outgoing")
                .then()
                .statusCode(200)
                .extract()
                .path("size()");
    }

    @Test
    void an_officer_asks_for_everything_missing_at_once_and_the_requester_sees_the_list() {
        String id = Api.file("mca-app", Api.RESIDENTS, List.of("id_number"));
        Browser.signedInAs("mca-officer")
                .post("/console/requests/" + id + "/endorse", Map.of())
                .then()
                .statusCode(303);
        Browser provider = Browser.signedInAs("psb-officer");
        provider.get("/console/requests/" + id).then().statusCode(200).body(containsString("NEEDS_INFO"));
        provider.post("/console/requests/" + id + "/decision", Map.of("outcome", "NEEDS_INFO", "missing", " \n "))
                .then()
                .statusCode(422)
                .body(containsString("missing-error"));
        provider.post(
                        "/console/requests/" + id + "/decision",
                        Map.of("outcome", "NEEDS_INFO", "missing", "低保审批文件\n<b>授权书</b>"))
                .then()
                .statusCode(303);
        Browser.signedInAs("mca-app")
                .get("/console/requests/" + id)
                .then()
                .statusCode(200)
                .body(containsString("待补充材料 Needs info"))
                .body(containsString("<li>低保审批文件</li>"))
                .body(containsString("&lt;b&gt;授权书&lt;/b&gt;"));
    }

    @Test
    void the_schema_and_dcat_links_open_in_the_signed_in_browser() {
        Browser browser = Browser.signedInAs("mca-app");
        browser.get("/console/resources/" + Api.RESIDENTS)
                .then()
                .body(containsString("/console/resources/" + Api.RESIDENTS + "/schema"));
        browser.get("/console/resources/" + Api.RESIDENTS + "/schema")
                .then()
                .statusCode(200)
                .contentType(containsString("application/schema+json"))
                .body(containsString("id_number"));
        browser.get("/console/catalog/dcat").then().statusCode(200).body(containsString("@graph"));
    }

    @Test
    void an_unknown_resource_is_a_404_page() {
        Browser.signedInAs("mca-app")
                .get("/console/resources/999999-999999")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"));
    }

    @Test
    void auditors_see_the_ledger_table() {
        Browser.signedInAs("dsb-auditor")
                .get("/console/ledger?kind=ADMIN")
                .then()
                .statusCode(200)
                .body(containsString("<table class=\"ledger\">"));
    }
}
