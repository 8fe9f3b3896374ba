package io.interchange.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.interchange.access.RowScope;
import io.interchange.catalog.ItemType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScopeSqlTest {

    private static final Map<String, ItemType> TYPES = Map.of(
            "region_code", ItemType.C,
            "household_size", ItemType.I,
            "income", ItemType.N,
            "birth_date", ItemType.D,
            "checked_at", ItemType.T);

    private static String sql(String scope, List<Object> params) {
        return HostedRows.scopeSql(RowScope.parse(scope), TYPES::get, params);
    }

    @Test
    void no_scope_adds_nothing() {
        List<Object> params = new ArrayList<>();
        assertEquals("", HostedRows.scopeSql(RowScope.ALL, TYPES::get, params));
        assertEquals(List.of(), params);
    }

    @Test
    void text_items_compare_as_text_with_the_item_and_value_bound() {
        List<Object> params = new ArrayList<>();
        assertEquals(" and (data->>?) = ?", sql("region_code = '330102'", params));
        assertEquals(List.of("region_code", "330102"), params);
    }

    @Test
    void an_in_list_gets_one_placeholder_per_value() {
        List<Object> params = new ArrayList<>();
        assertEquals(" and (data->>?) in (?, ?)", sql("region_code IN ('330102', '330106')", params));
        assertEquals(List.of("region_code", "330102", "330106"), params);
    }

    @Test
    void numbers_dates_and_date_times_are_cast_on_both_sides() {
        List<Object> params = new ArrayList<>();
        assertEquals(
                " and (data->>?)::numeric >= ? and (data->>?)::numeric < ? and (data->>?)::date < ?::date"
                        + " and (data->>?)::timestamptz != ?::timestamptz".replace("!=", "<>"),
                sql(
                        "household_size >= 2 AND income < 1000.5 AND birth_date < '2000-01-01'"
                                + " AND checked_at != '2026-01-01T00:00:00+08:00'",
                        params));
        assertEquals(new BigDecimal("2"), params.get(1));
        assertEquals(new BigDecimal("1000.5"), params.get(3));
        assertEquals("2000-01-01", params.get(5));
    }

    @Test
    void a_hostile_literal_only_ever_becomes_a_parameter() {
        List<Object> params = new ArrayList<>();
        String sql = sql("region_code IN ('x'') OR true --', '''; drop table hosted_row; --')", params);
        assertEquals(" and (data->>?) in (?, ?)", sql);
        assertFalse(sql.contains("drop"));
        assertEquals(List.of("region_code", "x') OR true --", "'; drop table hosted_row; --"), params);
    }

    @Test
    void an_item_the_resource_no_longer_has_matches_no_row() {
        List<Object> params = new ArrayList<>();
        assertEquals(" and false", sql("vanished = '1'", params));
        assertEquals(List.of(), params);
    }
}
