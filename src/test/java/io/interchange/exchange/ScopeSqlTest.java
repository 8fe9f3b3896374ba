package io.interchange.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.interchange.access.RowScope;
import io.interchange.catalog.ItemType;
import io.interchange.exchange.load.HostedTable;
import io.interchange.exchange.load.HostedTable.Layout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScopeSqlTest {

    private static final Layout LAYOUT = new Layout(
            "id_number",
            Map.of(
                    "id_number", ItemType.C,
                    "region_code", ItemType.C,
                    "household_size", ItemType.I,
                    "income", ItemType.N,
                    "birth_date", ItemType.D,
                    "checked_at", ItemType.T));

    private static String sql(String scope, List<Object> params) {
        return HostedRows.scopeSql(RowScope.parse(scope), LAYOUT, params);
    }

    @Test
    void no_scope_adds_nothing() {
        List<Object> params = new ArrayList<>();
        assertEquals("", HostedRows.scopeSql(RowScope.ALL, LAYOUT, params));
        assertEquals(List.of(), params);
    }

    @Test
    void text_items_compare_their_column_with_the_value_bound() {
        List<Object> params = new ArrayList<>();
        assertEquals(" and \"region_code\" = ?", sql("region_code = '330102'", params));
        assertEquals(List.of("330102"), params);
    }

    @Test
    void the_primary_key_item_is_the_key_column() {
        List<Object> params = new ArrayList<>();
        assertEquals(" and _key <> ?", sql("id_number != '1'", params));
    }

    @Test
    void an_in_list_gets_one_placeholder_per_value() {
        List<Object> params = new ArrayList<>();
        assertEquals(" and \"region_code\" in (?, ?)", sql("region_code IN ('330102', '330106')", params));
        assertEquals(List.of("330102", "330106"), params);
    }

    @Test
    void numbers_dates_and_date_times_use_the_typed_expressions_their_indexes_are_built_on() {
        List<Object> params = new ArrayList<>();
        assertEquals(
                " and (\"household_size\"::numeric) >= ? and (\"income\"::numeric) < ?"
                        + " and hosted.as_date(\"birth_date\") < ?::date"
                        + " and hosted.as_instant(\"checked_at\") <> ?::timestamp",
                sql(
                        "household_size >= 2 AND income < 1000.5 AND birth_date < '2000-01-01'"
                                + " AND checked_at != '2026-01-01T00:00:00+08:00'",
                        params));
        assertEquals(new BigDecimal("2"), params.get(0));
        assertEquals(new BigDecimal("1000.5"), params.get(1));
        assertEquals("2000-01-01", params.get(2));
        assertEquals("2025-12-31T16:00", params.get(3), "instants are compared in UTC");
    }

    @Test
    void a_hostile_literal_only_ever_becomes_a_parameter() {
        List<Object> params = new ArrayList<>();
        String sql = sql("region_code IN ('x'') OR true --', '''; drop table hosted_row; --')", params);
        assertEquals(" and \"region_code\" in (?, ?)", sql);
        assertFalse(sql.contains("drop"));
        assertEquals(List.of("x') OR true --", "'; drop table hosted_row; --"), params);
    }

    @Test
    void an_item_the_resource_no_longer_has_matches_no_row() {
        List<Object> params = new ArrayList<>();
        assertEquals(" and false", sql("vanished = '1'", params));
        assertEquals(List.of(), params);
    }

    @Test
    void a_prefix_is_a_range_on_the_items_index_plus_an_exact_test() {
        List<Object> params = new ArrayList<>();
        assertEquals(
                " and \"region_code\" >= ? and \"region_code\" < ? and starts_with(\"region_code\", ?)",
                HostedRows.prefixSql("region_code", "3301", LAYOUT, params));
        assertEquals(List.of("3301", "3302", "3301"), params);
    }

    @Test
    void the_successor_of_a_prefix_bounds_every_string_that_starts_with_it() {
        assertEquals("ac", HostedRows.successor("ab"));
        assertEquals("杭\u5DDF", HostedRows.successor("杭州"));
        assertEquals("a\uE000", HostedRows.successor("a\uD7FF"), "surrogates are skipped");
        assertEquals("b", HostedRows.successor("a" + new String(Character.toChars(Character.MAX_CODE_POINT))));
        assertNull(HostedRows.successor(new String(Character.toChars(Character.MAX_CODE_POINT))));
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals(new String(Character.toChars(0x1F601)), HostedRows.successor(emoji));
    }

    @Test
    void names_that_are_no_item_names_never_become_columns() {
        assertThrows(IllegalArgumentException.class, () -> HostedTable.column("x\"; drop table y; --"));
        assertThrows(IllegalArgumentException.class, () -> HostedTable.table("a\"b"));
        assertEquals("hosted.\"330100-000001\"", HostedTable.table("330100-000001"));
    }
}
