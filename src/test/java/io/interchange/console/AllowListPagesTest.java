package io.interchange.console;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The authority's allow-list page: each department's upstream hosts, added and removed through the service. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AllowListPagesTest {

    static final String PAGE = "/console/authority/upstream-hosts";
    static final String DEPT = "zj-amr";

    /** The list version the page's forms for {@code department} carry. */
    static String version(String html, String department) {
        int section = html.indexOf("id=\"dept-" + department + "\"");
        assertTrue(section > 0, "no section for " + department);
        Matcher m = Pattern.compile("name=\"version\" value=\"([0-9a-f]+)\"").matcher(html);
        assertTrue(m.find(section), "no version for " + department);
        return m.group(1);
    }

    static List<String> hosts(String department) {
        return as("dsb-admin")
                .get("/api/v1/departments/" + department + "/upstream-hosts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("host");
    }

    static String uniqueHost() {
        return "api-" + Long.toString(System.nanoTime(), 36) + ".amr.example.gov.cn";
    }

    @Test
    void the_authority_sees_every_departments_list_and_adds_and_removes_an_entry() {
        Browser admin = Browser.signedInAs("dsb-admin");
        String html = admin.get(PAGE).then().statusCode(200).extract().asString();
        // the seeded entry of natural resources: a loopback address over plain http
        int nrd = html.indexOf("id=\"dept-zj-nrd\"");
        assertTrue(nrd > 0 && html.indexOf("<code>127.0.0.1</code>", nrd) > nrd, "seeded entry listed");
        assertTrue(html.contains("id=\"dept-zj-psb\"") && html.contains("id=\"dept-" + DEPT + "\""));
        assertFalse(html.contains("<script>"), "no inline script");

        String since = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(2).toString();
        String host = uniqueHost();
        admin.post(
                        PAGE + "/" + DEPT + "/add",
                        Map.of("version", version(html, DEPT), "scheme", "https", "host", host, "port", "8443"))
                .then()
                .statusCode(303)
                .header("Location", containsString(PAGE + "?saved=" + DEPT));
        assertTrue(hosts(DEPT).contains(host));
        html = admin.get(PAGE + "?saved=" + DEPT)
                .then()
                .statusCode(200)
                .body(containsString("<code>" + host + "</code>"))
                .body(containsString("role=\"status\""))
                .extract()
                .asString();
        // a change is ledgered by the service, as through the API
        List<Map<String, Object>> ledgered = as("dsb-auditor")
                .queryParam("kind", "ADMIN")
                .queryParam("from", since)
                .queryParam("department", DEPT)
                .queryParam("limit", 500)
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertTrue(
                ledgered.stream().anyMatch(e -> "UPSTREAM_HOSTS_REPLACE".equals(e.get("action"))),
                "ledgered: " + ledgered);

        admin.post(
                        PAGE + "/" + DEPT + "/remove",
                        Map.of("version", version(html, DEPT), "scheme", "https", "host", host, "port", "8443"))
                .then()
                .statusCode(303);
        assertFalse(hosts(DEPT).contains(host));
    }

    @Test
    void a_refused_entry_is_shown_next_to_its_field_and_changes_nothing() {
        Browser admin = Browser.signedInAs("dsb-admin");
        List<String> before = hosts(DEPT);
        String version = version(admin.get(PAGE).then().extract().asString(), DEPT);
        admin.post(
                        PAGE + "/" + DEPT + "/add",
                        Map.of("version", version, "scheme", "http", "host", "metadata.google.internal", "port", "80"))
                .then()
                .statusCode(422)
                .body(containsString("id=\"host-" + DEPT + "-error\""))
                .body(containsString("是云元数据服务，不能作为上游"))
                .body(containsString("value=\"metadata.google.internal\""))
                .body(not(containsString("Exception")));
        admin.post(
                        PAGE + "/" + DEPT + "/add",
                        Map.of("version", version, "scheme", "https", "host", "ok.example.gov.cn", "port", "eighty"))
                .then()
                .statusCode(422)
                .body(containsString("id=\"port-" + DEPT + "-error\""))
                .body(not(containsString("id=\"host-" + DEPT + "-error\"")));
        admin.post(
                        PAGE + "/" + DEPT + "/add",
                        Map.of("version", version, "scheme", "https", "host", "169.254.169.254", "port", "443"))
                .then()
                .statusCode(422)
                .body(containsString("链路本地"));
        assertEquals(before, hosts(DEPT));
    }

    @Test
    void a_change_against_a_list_that_changed_meanwhile_is_refused() {
        Browser admin = Browser.signedInAs("dsb-admin");
        String stale = version(admin.get(PAGE).then().extract().asString(), DEPT);
        String host = uniqueHost();
        admin.post(PAGE + "/" + DEPT + "/add", Map.of("version", stale, "scheme", "https", "host", host, "port", "443"))
                .then()
                .statusCode(303);
        List<String> between = hosts(DEPT);
        admin.post(
                        PAGE + "/" + DEPT + "/add",
                        Map.of("version", stale, "scheme", "https", "host", uniqueHost(), "port", "443"))
                .then()
                .statusCode(409)
                .body(containsString("role=\"alert\""));
        admin.post(
                        PAGE + "/" + DEPT + "/remove",
                        Map.of("version", stale, "scheme", "https", "host", host, "port", "443"))
                .then()
                .statusCode(409);
        assertEquals(between, hosts(DEPT));
        String current = version(admin.get(PAGE).then().extract().asString(), DEPT);
        admin.post(
                        PAGE + "/" + DEPT + "/remove",
                        Map.of("version", current, "scheme", "https", "host", host, "port", "443"))
                .then()
                .statusCode(303);
    }

    @Test
    void only_the_authority_may_see_or_change_the_lists() {
        new Browser().get(PAGE).then().statusCode(303).header("Location", containsString("/console/sign-in"));
        for (String persona : List.of("psb-steward", "psb-officer", "dsb-auditor", "mca-app")) {
            Browser.signedInAs(persona).get(PAGE).then().statusCode(403);
        }
        // a department's own steward may read its list through the API, but never change it here
        Browser steward = Browser.signedInAs("amr-steward");
        steward.get("/console/catalogue");
        List<String> before = hosts(DEPT);
        steward.post(
                        PAGE + "/" + DEPT + "/add",
                        Map.of("version", "0", "scheme", "https", "host", uniqueHost(), "port", "443"))
                .then()
                .statusCode(403)
                .body(not(containsString("Exception")));
        assertEquals(before, hosts(DEPT));

        Browser admin = Browser.signedInAs("dsb-admin");
        String version = version(admin.get(PAGE).then().extract().asString(), DEPT);
        admin.post(
                        PAGE + "/" + DEPT + "/add",
                        Map.of(
                                "csrf",
                                "forged",
                                "version",
                                version,
                                "scheme",
                                "https",
                                "host",
                                uniqueHost(),
                                "port",
                                "1"))
                .then()
                .statusCode(403);
        admin.post(
                        PAGE + "/zj-nope/add",
                        Map.of("version", version, "scheme", "https", "host", uniqueHost(), "port", "1"))
                .then()
                .statusCode(404);
        admin.post(
                        PAGE + "/" + DEPT + "/remove",
                        Map.of(
                                "version",
                                version,
                                "scheme",
                                "https",
                                "host",
                                "never-listed.example.gov.cn",
                                "port",
                                "1"))
                .then()
                .statusCode(404);
        assertEquals(before, hosts(DEPT));
    }
}
