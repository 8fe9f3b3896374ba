package io.interchange.access;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The calendar as data: PUT by hub-admin, read by everyone, counted on at once, ledgered, watched by readiness. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CalendarApiTest {

    @Inject
    CalendarService calendar;

    @Inject
    EntityManager em;

    private static Map<String, Object> year(int year, List<String> holidays, List<String> workdays) {
        return Map.of("year", year, "holidays", holidays, "workdays", workdays);
    }

    @Test
    void the_seed_year_is_loaded_into_the_table_at_start() {
        as("mca-app")
                .get("/api/v1/calendar/2026")
                .then()
                .statusCode(200)
                .body("holidays", hasItem("2026-10-01"))
                .body("workdays", hasItem("2026-10-10"));
    }

    @Test
    void hub_admin_loads_a_year_and_deadlines_count_on_it_at_once() {
        as("dsb-admin")
                .body(year(2031, List.of("2031-03-03"), List.of("2031-03-08")))
                .put("/api/v1/calendar/2031")
                .then()
                .statusCode(200)
                .body("year", equalTo(2031))
                .body("holidays", contains("2031-03-03"))
                .body("workdays", contains("2031-03-08"));
        as("mca-app").get("/api/v1/calendar/2031").then().statusCode(200).body("holidays", contains("2031-03-03"));
        // Monday 2031-03-03 is a holiday: one working day after Sunday the 2nd is Tuesday the 4th.
        as("mca-app")
                .queryParam("from", "2031-03-02")
                .queryParam("workingDays", 1)
                .get("/api/v1/calendar/due")
                .then()
                .statusCode(200)
                .body("due", equalTo("2031-03-04"));
        // Saturday 2031-03-08 is a make-up working day.
        as("mca-app")
                .queryParam("from", "2031-03-07")
                .queryParam("workingDays", 1)
                .get("/api/v1/calendar/due")
                .then()
                .body("due", equalTo("2031-03-08"));
    }

    @Test
    void replacing_a_year_is_ledgered_with_the_calendar_before_and_after() {
        OffsetDateTime since = OffsetDateTime.now().minusSeconds(5);
        as("dsb-admin")
                .body(year(2032, List.of("2032-01-01"), List.of()))
                .put("/api/v1/calendar/2032")
                .then()
                .statusCode(200);
        as("dsb-admin")
                .body(year(2032, List.of("2032-01-01", "2032-01-02"), List.of()))
                .put("/api/v1/calendar/2032")
                .then()
                .statusCode(200)
                .body("holidays", contains("2032-01-01", "2032-01-02"));
        List<Map<String, Object>> entries = as("dsb-auditor")
                .queryParam("kind", "ADMIN")
                .queryParam("from", since.toString())
                .queryParam("limit", 500)
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.action == 'CALENDAR_UPDATE' && it.object.id == '2032' }");
        assertEquals(2, entries.size(), entries.toString());
        Map<?, ?> second = (Map<?, ?>) entries.get(1).get("summary");
        assertEquals(List.of("2032-01-01"), ((Map<?, ?>) second.get("before")).get("holidays"));
        assertEquals(List.of("2032-01-01", "2032-01-02"), ((Map<?, ?>) second.get("after")).get("holidays"));
        assertEquals("none", ((Map<?, ?>) entries.get(0).get("summary")).get("before"));
        assertEquals("dsb-admin", entries.get(1).get("actor"));
    }

    @Test
    void a_steward_cannot_change_the_calendar() {
        as("psb-steward")
                .body(year(2033, List.of("2033-01-03"), List.of()))
                .put("/api/v1/calendar/2033")
                .then()
                .statusCode(403);
        as("psb-officer")
                .body(year(2033, List.of("2033-01-03"), List.of()))
                .put("/api/v1/calendar/2033")
                .then()
                .statusCode(403);
        as("mca-app").get("/api/v1/calendar/2033").then().statusCode(404);
    }

    @Test
    void changing_the_calendar_needs_a_token() {
        given().contentType("application/json")
                .body(year(2033, List.of("2033-01-03"), List.of()))
                .put("/api/v1/calendar/2033")
                .then()
                .statusCode(401);
    }

    @Test
    void a_year_that_differs_from_the_path_is_refused_naming_year() {
        as("dsb-admin")
                .body(year(2035, List.of("2034-01-02"), List.of()))
                .put("/api/v1/calendar/2034")
                .then()
                .statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("year"));
    }

    @Test
    void every_bad_date_is_named_at_once_and_nothing_is_stored() {
        as("dsb-admin")
                .body(year(
                        2034,
                        List.of("2034-01-02", "2035-01-01", "2034-02-30", "2034-01-02"),
                        List.of("2034-01-04", "2034-01-07", "2034-01-08")))
                .put("/api/v1/calendar/2034")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("holidays[1]"))
                .body("errors.field", hasItem("holidays[2]"))
                .body("errors.field", hasItem("holidays[3]"))
                // 2034-01-04 is a Wednesday: not a make-up day
                .body("errors.field", hasItem("workdays[0]"))
                .body("errors.field", not(hasItem("workdays[1]")));
        as("mca-app").get("/api/v1/calendar/2034").then().statusCode(404);
    }

    @Test
    void a_day_both_off_and_on_is_refused() {
        as("dsb-admin")
                .body(year(2034, List.of("2034-01-07"), List.of("2034-01-07")))
                .put("/api/v1/calendar/2034")
                .then()
                .statusCode(422)
                .body("errors.field", contains("workdays[0]"));
    }

    @Test
    void holidays_are_required() {
        as("dsb-admin")
                .body(Map.of("year", 2034))
                .put("/api/v1/calendar/2034")
                .then()
                .statusCode(422)
                .body("errors.field", contains("holidays"));
    }

    @Test
    void readiness_stays_up_and_lists_the_years_without_a_calendar() {
        int next = AccessFixtures.today().getYear() + 1;
        String missing = given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'working-day calendar' }.status", equalTo("UP"))
                .extract()
                .path("checks.find { it.name == 'working-day calendar' }.data.missingYears");
        // The seed holds the current year only; nothing in the tests loads the next one.
        assertTrue(List.of(missing.split(",")).contains(String.valueOf(next)), missing);
        assertTrue(!List.of(missing.split(",")).contains(String.valueOf(next - 1)), missing);
    }

    @Test
    void a_year_stored_by_another_node_arrives_with_the_next_refresh() {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("insert into work_calendar (year, holidays, workdays, updated_by,"
                                + " updated_at) values (2036, '[\"2036-01-01\"]', '[]', 'other-node', now())"
                                + " on conflict (year) do nothing")
                        .executeUpdate());
        calendar.refresh();
        as("mca-app").get("/api/v1/calendar/2036").then().statusCode(200).body("holidays", contains("2036-01-01"));
    }
}
