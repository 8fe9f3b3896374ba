package io.interchange.console;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ledger's charts, checkpoint and receipts, and the compliance page, as the console serves them. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerPagesTest {

    /** A published resource of zj-psb granted to hrss-app, and one answered exchange; returns {resource, exchange}. */
    static String[] exchanged() {
        String id = Api.published(Api.resource(Api.unique("账本页面")));
        Api.grant("hrss-app", "hrss-officer", "psb-officer", id, List.of("id_number"), Map.of("outcome", "APPROVE"));
        String exchange = as("hrss-app")
                .queryParam("id_number", "11010519491231002X")
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Exchange-Id");
        return new String[] {id, exchange};
    }

    @Test
    void the_ledger_page_shows_the_latest_checkpoint_and_links_each_exchange_to_its_receipt() throws Exception {
        String[] done = exchanged();
        Browser auditor = Browser.signedInAs("psb-auditor");
        String receipt = "/console/ledger/receipts/" + done[1];
        auditor.get("/console/ledger?resource=" + done[0])
                .then()
                .statusCode(200)
                .body(containsString(receipt))
                .body(containsString("id=\"chart-days\""))
                .body(not(containsString("<script>")));
        String html = "";
        for (int i = 0; i < 60; i++) {
            html = auditor.get(receipt).then().statusCode(200).extract().asString();
            if (html.contains("id=\"receipt-result\"")) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(html.contains("data-root="), html);
        assertTrue(html.contains("id=\"signature-result\" class=\"ok\""), html);
        auditor.get("/console/ledger").then().body(containsString("id=\"checkpoint-size\""));
    }

    @Test
    void receipts_and_charts_keep_to_the_auditors_department() {
        String[] done = exchanged();
        Browser.signedInAs("mca-auditor")
                .get("/console/ledger/receipts/" + done[1])
                .then()
                .statusCode(org.hamcrest.Matchers.either(org.hamcrest.Matchers.is(403))
                        .or(org.hamcrest.Matchers.is(404)))
                .body(not(containsString(done[0])));
        Browser.signedInAs("hrss-app")
                .get("/console/ledger/receipts/" + done[1])
                .then()
                .statusCode(403);
        Browser.signedInAs("psb-auditor")
                .get("/console/ledger/receipts/not-a-uuid")
                .then()
                .statusCode(404);
        new Browser().get("/console/ledger/charts").then().statusCode(303);

        String today = LocalDate.now().toString();
        Browser.signedInAs("psb-auditor")
                .get("/console/ledger/charts?from=" + today + "&to=" + today)
                .then()
                .statusCode(200)
                .contentType(containsString("json"))
                .body("days", hasItem(today));
        // Civil affairs took no part in that exchange: its auditor's chart of today does not count it.
        int before = Browser.signedInAs("mca-auditor")
                .get("/console/ledger/charts?from=" + today + "&to=" + today)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("answered")
                .stream()
                .mapToInt(n -> ((Number) n).intValue())
                .sum();
        exchanged();
        int after = Browser.signedInAs("mca-auditor")
                .get("/console/ledger/charts?from=" + today + "&to=" + today)
                .then()
                .extract()
                .jsonPath()
                .getList("answered")
                .stream()
                .mapToInt(n -> ((Number) n).intValue())
                .sum();
        org.junit.jupiter.api.Assertions.assertEquals(before, after);
        Browser.signedInAs("psb-auditor")
                .get("/console/ledger/charts?from=yesterday")
                .then()
                .statusCode(400);
    }

    @Test
    void the_outcome_filter_shows_answered_or_refused_exchanges_only() {
        String[] done = exchanged();
        String refused = as("mca-app")
                .queryParam("id_number", "11010519491231002X")
                .get("/api/v1/exchange/" + done[0] + "/records")
                .then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .extract()
                .header("X-Exchange-Id");
        Browser auditor = Browser.signedInAs("psb-auditor");
        auditor.get("/console/ledger?resource=" + done[0] + "&outcome=REFUSED")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"REFUSED\" selected>"))
                .body(containsString("/console/ledger/receipts/" + refused))
                .body(not(containsString("/console/ledger/receipts/" + done[1])));
        auditor.get("/console/ledger?resource=" + done[0] + "&outcome=ANSWERED")
                .then()
                .statusCode(200)
                .body(containsString("/console/ledger/receipts/" + done[1]))
                .body(not(containsString("/console/ledger/receipts/" + refused)));
        auditor.get("/console/ledger?resource=" + done[0] + "&outcome=MAYBE")
                .then()
                .statusCode(400)
                .body(containsString("outcome"))
                .body(not(containsString("Exception")));
        // human resources' auditor: its own answer, never civil affairs' refusal
        Browser.signedInAs("hrss-auditor")
                .get("/console/ledger?resource=" + done[0] + "&outcome=REFUSED")
                .then()
                .statusCode(200)
                .body(not(containsString("/console/ledger/receipts/" + refused)));
        Browser.signedInAs("hrss-auditor")
                .get("/console/ledger?department=zj-mca&outcome=REFUSED")
                .then()
                .statusCode(403);
        Browser.signedInAs("mca-app")
                .get("/console/ledger?outcome=REFUSED")
                .then()
                .statusCode(403);
        new Browser()
                .get("/console/ledger?outcome=REFUSED")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/sign-in"));
    }

    @Test
    void compliance_shows_the_own_department_and_the_authority_sees_all() {
        Browser.signedInAs("psb-officer")
                .get("/console/compliance")
                .then()
                .statusCode(200)
                .body(containsString("id=\"chart-compliance\""))
                .body(containsString("<th scope=\"row\">浙江省公安厅</th>"))
                .body(not(containsString("<th scope=\"row\">浙江省民政厅</th>")));
        Browser.signedInAs("psb-officer")
                .get("/console/compliance?department=zj-mca")
                .then()
                .statusCode(403)
                .body(not(containsString("Exception")));
        Browser.signedInAs("dsb-admin")
                .get("/console/compliance")
                .then()
                .statusCode(200)
                .body(containsString("<th scope=\"row\">浙江省公安厅</th>"))
                .body(containsString("<th scope=\"row\">浙江省民政厅</th>"));
        Browser.signedInAs("hrss-app").get("/console/compliance").then().statusCode(403);
        new Browser().get("/console/compliance").then().statusCode(303);
    }
}
