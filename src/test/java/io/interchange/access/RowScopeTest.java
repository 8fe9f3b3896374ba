package io.interchange.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.access.RowScope.Condition;
import io.interchange.access.RowScope.LiteralKind;
import io.interchange.access.RowScope.Op;
import io.interchange.access.RowScope.SyntaxException;
import io.interchange.catalog.ItemType;
import io.interchange.catalog.MaskRule;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RowScopeTest {

    @Test
    void null_and_blank_mean_every_row() {
        assertSame(RowScope.ALL, RowScope.parse(null));
        assertSame(RowScope.ALL, RowScope.parse("   "));
        assertTrue(RowScope.ALL.isAll());
        assertEquals(null, RowScope.ALL.normalised());
    }

    @Test
    void an_equality_on_a_string_becomes_one_condition() {
        RowScope scope = RowScope.parse("region_code = '330102'");
        assertEquals(1, scope.conditions().size());
        Condition c = scope.conditions().get(0);
        assertEquals("region_code", c.item());
        assertEquals(Op.EQ, c.op());
        assertEquals(LiteralKind.STRING, c.values().get(0).kind());
        assertEquals("330102", c.values().get(0).text());
        assertEquals(1, c.position());
        assertEquals(15, c.values().get(0).position());
    }

    @Test
    void an_in_list_keeps_every_value_in_order() {
        RowScope scope = RowScope.parse("region_code IN ('330102', '330106')");
        Condition c = scope.conditions().get(0);
        assertEquals(Op.IN, c.op());
        assertEquals(
                List.of("330102", "330106"),
                c.values().stream().map(RowScope.Literal::text).toList());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "age = 18|EQ",
                "age != 18|NE",
                "age <> 18|NE",
                "age < 18|LT",
                "age <= 18|LE",
                "age > 18|GT",
                "age >= 18|GE",
                "age in (18)|IN",
                "age IN(18)|IN"
            })
    void every_operator_is_recognised(String text, Op op) {
        assertEquals(op, RowScope.parse(text).conditions().get(0).op());
    }

    @Test
    void conditions_join_with_and_in_any_case_and_spacing() {
        RowScope scope =
                RowScope.parse("  region_code='330102'   and household_size>=3 AND\tbirth_date < '2000-01-01' ");
        assertEquals(3, scope.conditions().size());
        assertEquals(
                "region_code = '330102' AND household_size >= 3 AND birth_date < '2000-01-01'", scope.normalised());
    }

    @Test
    void a_doubled_quote_is_one_quote_inside_a_string_and_is_escaped_again_when_normalised() {
        RowScope scope = RowScope.parse("full_name = 'O''Brien'");
        assertEquals("O'Brien", scope.conditions().get(0).values().get(0).text());
        assertEquals("full_name = 'O''Brien'", scope.normalised());
        assertEquals(scope, RowScope.parse(scope.normalised()));
    }

    @Test
    void a_hostile_string_stays_a_literal() {
        RowScope scope = RowScope.parse("region_code = '330102'' OR ''1''=''1'");
        assertEquals(1, scope.conditions().size());
        assertEquals(
                "330102' OR '1'='1", scope.conditions().get(0).values().get(0).text());
    }

    @Test
    void keywords_and_operators_inside_strings_are_plain_text() {
        RowScope scope = RowScope.parse("region_code IN ('a AND b', ') OR (', '; drop table hosted_row; --')");
        assertEquals(3, scope.conditions().get(0).values().size());
        assertEquals(
                "; drop table hosted_row; --",
                scope.conditions().get(0).values().get(2).text());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {"n = 42|42", "n = -1.5|-1.5", "n = +7|7", "n = 0.25|0.25", "n = 007|7"})
    void numbers_are_bare_and_normalised(String text, String number) {
        RowScope.Literal literal =
                RowScope.parse(text).conditions().get(0).values().get(0);
        assertEquals(LiteralKind.NUMBER, literal.kind());
        assertEquals(number, literal.text());
    }

    @Test
    void normalising_is_stable() {
        String text = "region_code in ( '330102' ,'330106' ) and household_size<>2";
        String once = RowScope.parse(text).normalised();
        assertEquals("region_code IN ('330102', '330106') AND household_size != 2", once);
        assertEquals(once, RowScope.parse(once).normalised());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "region_code =|expected a value at position 14",
                "region_code|expected an operator (=, !=, <, <=, >, >= or IN) at position 12",
                "region_code ~ '1'|expected an operator (=, !=, <, <=, >, >= or IN) at position 13",
                "region_code ! '1'|expected an operator (=, !=, <, <=, >, >= or IN) at position 13",
                "= '1'|expected an item name at position 1",
                "1 = 1|expected an item name at position 1",
                "Region = '1'|expected an item name (lower-case letters, digits and _) at position 1",
                "region_code = '330102|unterminated string (a quote inside a string is written '') at position 15",
                "region_code = 330102 OR 1 = 1|expected AND or the end of the scope at position 22",
                "region_code = '1' AND|expected an item name at position 22",
                "region_code = '1' ANDx = 1|expected AND or the end of the scope at position 19",
                "region_code = '1';|expected AND or the end of the scope at position 18",
                "region_code IN '1'|expected ( after IN at position 16",
                "region_code IN ()|expected a value (IN needs at least one) at position 17",
                "region_code IN ('1'|expected , or ) at position 20",
                "region_code IN ('1' '2')|expected , or ) at position 21",
                "region_code IN ('1',)|expected a value (a 'quoted string' or a number) at position 21",
                "n = 1.2.3|expected a number such as 42 or -1.5 at position 5",
                "n = 12abc|expected a number at position 7",
                "n = abc|expected a value (a 'quoted string' or a number) at position 5",
                "n = -|expected a number such as 42 or -1.5 at position 5"
            })
    void syntax_errors_name_the_problem_and_its_position(String text, String message) {
        SyntaxException e = assertThrows(SyntaxException.class, () -> RowScope.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void an_overlong_scope_is_refused() {
        String text = "region_code IN (" + "'1', ".repeat(1000) + "'1')";
        assertThrows(SyntaxException.class, () -> RowScope.parse(text));
    }

    @Test
    void a_scope_that_fits_the_resource_has_no_problems() {
        RowScope scope =
                RowScope.parse("region_code IN ('330102') AND household_size >= 2 AND birth_date < '2000-01-01'"
                        + " AND income > 1000.50 AND checked_at >= '2026-01-01T00:00:00+08:00'");
        assertEquals(List.of(), scope.problems(resource()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "unknown = '1'|'unknown' at position 1 is not an item of resource 309001-000001",
                "full_name = '张三'|'full_name' at position 1 is not filterable",
                "verified = 1|'verified' at position 1 is of type L (logical), which a row scope cannot compare",
                "region_code > '330102'|operator > at position 1 needs an item of a numeric, date or date-time type;"
                        + " 'region_code' is C (use =, != or IN)",
                "region_code = 330102|value at position 15 must be a quoted string such as '330102' (item 'region_code'"
                        + " is C, character)",
                "household_size = '3'|value at position 18 must be a bare integer (item 'household_size' is I, integer)",
                "household_size = 2.5|value at position 18 must be an integer (item 'household_size' is I, integer)",
                "income < 'lots'|value at position 10 must be a bare number (item 'income' is N, numeric)",
                "birth_date < '2000-13-01'|value at position 14 must be a quoted date 'YYYY-MM-DD' (item 'birth_date'"
                        + " is D, date)",
                "birth_date < 20000101|value at position 14 must be a quoted date 'YYYY-MM-DD' (item 'birth_date' is D,"
                        + " date)",
                "checked_at > '2026-01-01'|value at position 14 must be a quoted date-time with offset"
                        + " 'YYYY-MM-DDThh:mm:ss+08:00' (item 'checked_at' is T, date-time)"
            })
    void a_scope_is_checked_against_the_items_of_the_resource(String text, String problem) {
        assertEquals(List.of(problem), RowScope.parse(text).problems(resource()));
    }

    @Test
    void every_problem_is_reported_at_once() {
        RowScope scope = RowScope.parse("unknown = '1' AND region_code IN ('1', 2, 3)");
        List<String> problems = scope.problems(resource());
        assertEquals(3, problems.size(), problems.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C", "N", "Y", "I", "F", "D", "T"})
    void scalar_types_are_comparable(ItemType type) {
        assertTrue(RowScope.comparable(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"L", "M", "G", "B"})
    void logical_memo_and_binary_types_are_not(ItemType type) {
        assertTrue(!RowScope.comparable(type));
    }

    private static DataItem item(String name, ItemType type, boolean filterable) {
        return new DataItem(
                name,
                name,
                name,
                type,
                type == ItemType.C ? 50 : null,
                false,
                filterable,
                false,
                false,
                new MaskRule(MaskRule.Kind.NONE, null, null),
                null,
                true);
    }

    /** A resource view with the given items; the other members do not matter to the scope check. */
    private static ResourceView resource() {
        List<DataItem> items = List.of(
                item("region_code", ItemType.C, true),
                item("full_name", ItemType.C, false),
                item("household_size", ItemType.I, true),
                item("income", ItemType.N, true),
                item("birth_date", ItemType.D, true),
                item("checked_at", ItemType.T, true),
                item("verified", ItemType.L, true));
        RecordComponent[] components = ResourceView.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = switch (components[i].getName()) {
                case "id" -> "309001-000001";
                case "items" -> items;
                default -> defaultValue(types[i]);
            };
        }
        try {
            return ResourceView.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
