package io.interchange.access;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A grant's row scope is checked at decision, stored normalised and enforced by the broker as bound parameters. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RowScopeEnforcementTest {

    private static io.restassured.response.ValidatableResponse records(
            String consumer, String resource, Map<String, ?> q) {
        return as(consumer)
                .queryParams(q)
                .get("/api/v1/exchange/" + resource + "/records")
                .then();
    }

    @Test
    void a_grant_scoped_to_one_district_returns_only_its_rows() {
        String resource = AccessFixtures.resourceWithRows();
        String grant = AccessFixtures.grant(resource, Map.of("rowScope", "region_code in ( '330102' )"));
        as("mca-app").get("/api/v1/grants/" + grant).then().body("rowScope", equalTo("region_code IN ('330102')"));
        records("mca-app", resource, Map.of())
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items.region_code", everyItem(equalTo("330102")));
        // Filtering for another district cannot widen the scope: zero rows, not an error.
        records("mca-app", resource, Map.of("region_code", "330106"))
                .statusCode(200)
                .body("items", hasSize(0));
        // The provider reading its own data has no scope.
        records("psb-app", resource, Map.of()).statusCode(200).body("items", hasSize(3));
    }

    @Test
    void numeric_and_date_conditions_combine() {
        String resource = AccessFixtures.resourceWithRows();
        AccessFixtures.grant(resource, Map.of("rowScope", "household_size >= 3 AND birth_date < '1985-01-01'"));
        records("mca-app", resource, Map.of()).statusCode(200).body("items.household_size", containsInAnyOrder(3));
    }

    @Test
    void a_not_equal_scope_and_a_consumer_filter_both_apply() {
        String resource = AccessFixtures.resourceWithRows();
        AccessFixtures.grant(resource, Map.of("rowScope", "region_code != '330106'"));
        records("mca-app", resource, Map.of("household_size", "3"))
                .statusCode(200)
                .body("items.household_size", containsInAnyOrder(3));
        // household_size 4 lives in 330106, outside the scope.
        records("mca-app", resource, Map.of("household_size", "4"))
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void a_hostile_literal_is_only_ever_a_value() {
        String resource = AccessFixtures.resourceWithRows();
        String grant = AccessFixtures.grant(
                resource, Map.of("rowScope", "region_code = '330102'' OR ''1''=''1' AND household_size < 99"));
        as("mca-app")
                .get("/api/v1/grants/" + grant)
                .then()
                .body("rowScope", equalTo("region_code = '330102'' OR ''1''=''1' AND household_size < 99"));
        records("mca-app", resource, Map.of()).statusCode(200).body("items", hasSize(0));
        String other = AccessFixtures.resourceWithRows();
        AccessFixtures.grant(other, Map.of("rowScope", "region_code IN ('x''); delete from hosted_row; --')"));
        records("mca-app", other, Map.of()).statusCode(200).body("items", hasSize(0));
        // The rows are still there.
        records("psb-app", other, Map.of()).statusCode(200).body("items", hasSize(3));
    }

    @Test
    void a_scope_with_a_syntax_error_is_refused_at_decision_naming_the_position() {
        String resource = AccessFixtures.publishedResource();
        String request = AccessFixtures.awaitingDecision(resource);
        as("psb-officer")
                .body(Map.of("outcome", "APPROVE", "reason", "ok", "rowScope", "region_code ="))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("rowScope"))
                .body("errors[0].message", equalTo("expected a value at position 14"))
                .body("detail", equalTo("rowScope: expected a value at position 14"));
        as("mca-app").get("/api/v1/access-requests/" + request).then().body("status", equalTo("AWAITING_DECISION"));
    }

    @Test
    void a_scope_must_fit_the_items_and_their_types() {
        String resource = AccessFixtures.publishedResource();
        String request = AccessFixtures.awaitingDecision(resource);
        for (String scope : new String[] {
            "unknown_item = '1'",
            "full_name = '张三'",
            "region_code = 330102",
            "household_size = 'three'",
            "birth_date > 'yesterday'",
            "region_code > '330102'"
        }) {
            as("psb-officer")
                    .body(Map.of("outcome", "APPROVE", "reason", "ok", "rowScope", scope))
                    .post("/api/v1/access-requests/" + request + "/decision")
                    .then()
                    .statusCode(422)
                    .body("errors[0].field", equalTo("rowScope"))
                    .body("errors[0].message", containsString("position"));
        }
        as("mca-app").get("/api/v1/access-requests/" + request).then().body("status", equalTo("AWAITING_DECISION"));
    }
}
