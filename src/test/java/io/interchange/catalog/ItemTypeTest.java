package io.interchange.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ItemTypeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEGABYTE = "a".repeat(1 << 20);

    private static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static void accepts(ItemType type, JsonNode value, Integer length) {
        Optional<String> problem = type.check(value, length);
        assertEquals(Optional.empty(), problem, () -> type + " should accept " + value);
    }

    private static void rejects(ItemType type, JsonNode value, Integer length) {
        assertTrue(type.check(value, length).isPresent(), () -> type + " should reject " + value);
    }

    @Nested
    class Every_type {

        @Test
        void has_the_eleven_catalog_codes_in_order() {
            String codes = Arrays.stream(ItemType.values()).map(Enum::name).collect(Collectors.joining());
            assertEquals("CNYDTLMGBIF", codes);
        }

        @ParameterizedTest
        @CsvSource({
            "C, 字符型,     character",
            "N, 数值型,     numeric",
            "Y, 货币型,     currency",
            "D, 日期型,     date",
            "T, 日期时间型, date-time",
            "L, 逻辑型,     logical",
            "M, 备注型,     memo",
            "G, 通用型,     general/binary",
            "B, 二进制,     binary",
            "I, 整数型,     integer",
            "F, 浮点型,     float",
        })
        void has_chinese_and_english_labels(ItemType type, String zh, String en) {
            assertEquals(zh, type.labelZh());
            assertEquals(en, type.labelEn());
        }

        @ParameterizedTest
        @EnumSource(ItemType.class)
        void accepts_null_because_requiredness_is_checked_elsewhere(ItemType type) {
            accepts(type, null, 10);
            accepts(type, NullNode.getInstance(), 10);
            accepts(type, MissingNode.getInstance(), 10);
        }

        @ParameterizedTest
        @EnumSource(ItemType.class)
        void rejects_objects_and_arrays(ItemType type) {
            rejects(type, json("{\"a\":1}"), null);
            rejects(type, json("[1]"), null);
        }

        @ParameterizedTest
        @EnumSource(ItemType.class)
        void refuses_a_length_below_one_as_a_catalog_error(ItemType type) {
            assertThrows(IllegalArgumentException.class, () -> type.check(text("x"), 0));
            assertThrows(IllegalArgumentException.class, () -> type.check(text("x"), -1));
        }

        @Test
        void range_conditions_are_supported_for_numbers_dates_and_date_times() {
            EnumSet<ItemType> ranged = EnumSet.noneOf(ItemType.class);
            for (ItemType type : ItemType.values()) {
                if (type.supportsRange()) {
                    ranged.add(type);
                }
            }
            assertEquals(EnumSet.of(ItemType.N, ItemType.Y, ItemType.D, ItemType.T, ItemType.I, ItemType.F), ranged);
        }

        @Test
        void prefix_conditions_are_supported_for_character_items_only() {
            for (ItemType type : ItemType.values()) {
                assertEquals(type == ItemType.C, type.supportsPrefix(), type::name);
            }
        }

        @Test
        void is_read_from_its_code_in_json() throws Exception {
            assertEquals(ItemType.T, JSON.readValue("\"T\"", ItemType.class));
        }
    }

    @Nested
    class Character_items {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "abc",
                    "张三丰",
                    "'; DROP TABLE x; --",
                    "<script>alert(1)</script>",
                    "../../etc/passwd",
                    "${jndi:ldap://x}",
                    "line\nbreak\ttab",
                    "\u202Ereversed"
                })
        void accepts_any_storable_text_within_the_length(String s) {
            accepts(ItemType.C, text(s), 40);
        }

        @Test
        void counts_characters_not_utf16_units() {
            accepts(ItemType.C, text("𠮷𠮷𠮷"), 3);
            accepts(ItemType.C, text("😀😀😀"), 3);
            rejects(ItemType.C, text("𠮷𠮷𠮷𠮷"), 3);
        }

        @Test
        void accepts_exactly_the_length_and_rejects_one_more() {
            accepts(ItemType.C, text("a".repeat(18)), 18);
            assertEquals(
                    Optional.of("must be a string of at most 18 characters"),
                    ItemType.C.check(text("a".repeat(19)), 18));
        }

        @Test
        void rejects_a_megabyte_string_quickly() {
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> rejects(ItemType.C, text(MEGABYTE), 18));
        }

        @Test
        void without_a_length_accepts_any_length() {
            accepts(ItemType.C, text(MEGABYTE), null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u0000b", "\u0000", "\uD800", "a\uD800", "\uDC00a", "\uDC00\uD800"})
        void rejects_nul_and_unpaired_surrogates_which_the_database_cannot_store(String s) {
            assertEquals(
                    Optional.of("must not contain NUL or unpaired surrogate characters"),
                    ItemType.C.check(text(s), 10));
        }

        @Test
        void rejects_numbers_and_booleans_with_the_length_in_the_message() {
            assertEquals(
                    Optional.of("must be a string of at most 18 characters"), ItemType.C.check(IntNode.valueOf(1), 18));
            rejects(ItemType.C, BooleanNode.TRUE, 18);
            rejects(ItemType.C, DoubleNode.valueOf(1.5), 18);
        }
    }

    @Nested
    class Memo_items {

        @Test
        void accepts_long_text_without_a_length() {
            accepts(ItemType.M, text(MEGABYTE), null);
        }

        @Test
        void applies_a_length_when_given() {
            accepts(ItemType.M, text("abcd"), 4);
            rejects(ItemType.M, text("abcde"), 4);
        }

        @Test
        void rejects_non_strings_and_nul() {
            assertEquals(Optional.of("must be a string"), ItemType.M.check(IntNode.valueOf(1), null));
            rejects(ItemType.M, text("a\u0000"), null);
        }
    }

    @Nested
    class Numeric_items {

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "123.45", "1e3", "-0.0001", "123456789012345678901234567890"})
        void accepts_json_numbers(String number) {
            accepts(ItemType.N, json(number), null);
        }

        @ParameterizedTest
        @CsvSource({
            "123.45, 5",
            "100,    3",
            "0.001,  3",
            "1.50,   2",
            "0,      1",
            "-99.9,  3",
            "1E+2,   3",
        })
        void fits_when_its_digits_are_within_the_length(String number, int length) {
            accepts(ItemType.N, DecimalNode.valueOf(new BigDecimal(number)), length);
        }

        @ParameterizedTest
        @CsvSource({
            "123.45, 4",
            "100,    2",
            "0.001,  2",
            "1.51,   2",
            "-999.9, 3",
            "1E+2,   2",
        })
        void is_rejected_when_it_needs_more_digits_than_the_length(String number, int length) {
            assertEquals(
                    Optional.of("must be a number of at most " + length + " digits"),
                    ItemType.N.check(DecimalNode.valueOf(new BigDecimal(number)), length));
        }

        @Test
        void a_huge_exponent_is_rejected_without_expanding_it() {
            JsonNode huge = DecimalNode.valueOf(new BigDecimal("1E+999999999"));
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> rejects(ItemType.N, huge, 18));
        }

        @Test
        void a_float_is_read_by_its_shortest_decimal_form() {
            accepts(ItemType.N, FloatNode.valueOf(0.1f), 1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"5\"", "\"1e3\"", "true", "\"\"", "\"NaN\""})
        void rejects_numeric_strings_and_other_kinds(String value) {
            assertEquals(Optional.of("must be a number"), ItemType.N.check(json(value), null));
        }

        @ParameterizedTest
        @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void rejects_non_finite_doubles(double d) {
            rejects(ItemType.N, DoubleNode.valueOf(d), null);
            rejects(ItemType.N, FloatNode.valueOf((float) d), null);
        }
    }

    @Nested
    class Currency_items {

        @ParameterizedTest
        @ValueSource(strings = {"0", "12", "12.3456", "-12.3456", "12.34500000", "1E+6"})
        void accepts_up_to_four_decimal_places(String number) {
            accepts(ItemType.Y, DecimalNode.valueOf(new BigDecimal(number)), null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"12.34567", "0.00001", "1E-5"})
        void rejects_more_than_four_decimal_places(String number) {
            assertEquals(
                    Optional.of("must have at most 4 decimal places"),
                    ItemType.Y.check(DecimalNode.valueOf(new BigDecimal(number)), null));
        }

        @Test
        void accepts_a_double_with_four_decimals() {
            accepts(ItemType.Y, DoubleNode.valueOf(19.99), null);
            rejects(ItemType.Y, DoubleNode.valueOf(0.12345), null);
        }

        @Test
        void applies_the_length_as_total_digits() {
            accepts(ItemType.Y, DecimalNode.valueOf(new BigDecimal("12345.67")), 7);
            rejects(ItemType.Y, DecimalNode.valueOf(new BigDecimal("123456.78")), 7);
        }

        @Test
        void rejects_strings_and_non_finite_numbers() {
            rejects(ItemType.Y, text("12.34"), null);
            rejects(ItemType.Y, DoubleNode.valueOf(Double.NaN), null);
        }
    }

    @Nested
    class Integer_items {

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "42", "9223372036854775807", "-9223372036854775808", "5.0", "1e3", "-0.0"})
        void accepts_integral_values_within_64_bits(String number) {
            accepts(ItemType.I, json(number), null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "1e19", "5.5", "0.1", "\"5\"", "true"})
        void rejects_fractions_out_of_range_values_and_other_kinds(String value) {
            assertEquals(
                    Optional.of("must be an integer between -9223372036854775808 and 9223372036854775807"),
                    ItemType.I.check(json(value), null));
        }

        @Test
        void checks_every_integral_node_kind() {
            accepts(ItemType.I, LongNode.valueOf(Long.MIN_VALUE), null);
            accepts(ItemType.I, BigIntegerNode.valueOf(BigInteger.valueOf(Long.MAX_VALUE)), null);
            rejects(
                    ItemType.I,
                    BigIntegerNode.valueOf(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)),
                    null);
            accepts(ItemType.I, DecimalNode.valueOf(new BigDecimal("1E+18")), null);
        }

        @Test
        void a_huge_exponent_is_rejected_without_expanding_it() {
            JsonNode huge = DecimalNode.valueOf(new BigDecimal("1E+999999999"));
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> rejects(ItemType.I, huge, null));
        }

        @Test
        void rejects_non_finite_doubles() {
            rejects(ItemType.I, DoubleNode.valueOf(Double.POSITIVE_INFINITY), null);
            rejects(ItemType.I, DoubleNode.valueOf(Double.NaN), null);
        }
    }

    @Nested
    class Float_items {

        @ParameterizedTest
        @ValueSource(strings = {"0", "1.5", "-1e-300", "1.7976931348623157E308", "12345678901234567890"})
        void accepts_any_finite_number(String number) {
            accepts(ItemType.F, json(number), null);
        }

        @ParameterizedTest
        @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void rejects_non_finite_numbers(double d) {
            assertEquals(Optional.of("must be a finite number"), ItemType.F.check(DoubleNode.valueOf(d), null));
            rejects(ItemType.F, FloatNode.valueOf((float) d), null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"1.5\"", "false", "\"Infinity\""})
        void rejects_strings_and_booleans(String value) {
            rejects(ItemType.F, json(value), null);
        }
    }

    @Nested
    class Date_items {

        @ParameterizedTest
        @ValueSource(strings = {"2024-01-31", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "1949-10-01"})
        void accepts_real_dates_in_iso_format(String date) {
            accepts(ItemType.D, text(date), null);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2024-02-30", // February 30th
                    "2023-02-29", // not a leap year
                    "1900-02-29", // century, not a leap year
                    "2024-04-31",
                    "2024-13-01",
                    "2024-00-10",
                    "2024-01-00",
                    "0000-01-01", // no year zero in the database
                    "2024-1-01",
                    "2024-01-1",
                    "24-01-01",
                    "20240101",
                    "2024/01/01",
                    "+2024-01-01",
                    "+10000-01-01",
                    "-2024-01-01",
                    "2024-01-01T00:00",
                    "2024-01-01Z",
                    " 2024-01-01",
                    "2024-01-01 ",
                    "２０２４-01-01",
                    "2024-０1-01",
                    "2024-01-01\u0000",
                    "",
                    "yesterday"
                })
        void rejects_impossible_dates_and_other_formats(String date) {
            assertEquals(Optional.of("must be a date YYYY-MM-DD"), ItemType.D.check(text(date), null));
        }

        @Test
        void rejects_numbers_and_very_long_strings() {
            rejects(ItemType.D, IntNode.valueOf(20240101), null);
            rejects(ItemType.D, LongNode.valueOf(1704067200000L), null);
            rejects(ItemType.D, text("2024-01-01" + MEGABYTE), null);
        }
    }

    @Nested
    class Date_time_items {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2024-01-01T08:30",
                    "2024-01-01T08:30:15",
                    "2024-01-01T08:30:15.123",
                    "2024-01-01T08:30:15.123456789",
                    "2024-01-01T08:30:15Z",
                    "2024-01-01T08:30:15+08:00",
                    "2024-01-01T08:30:15.5-05:30",
                    "2024-02-29T23:59:59+14:00"
                })
        void accepts_local_and_offset_date_times(String value) {
            accepts(ItemType.T, text(value), null);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2024-01-01",
                    "2024-01-01 08:30:15",
                    "2024-02-30T08:30",
                    "2023-02-29T08:30",
                    "2024-01-01T24:00",
                    "2024-01-01T08:60",
                    "2024-01-01T08:30:60",
                    "2024-01-01T08:30:15+19:00",
                    "2024-01-01T08:30:15+0800x",
                    "2024-01-01T08:30:15.1234567891",
                    "2024-01-01T08:30:15[Asia/Shanghai]",
                    "0000-01-01T00:00",
                    "+2024-01-01T08:30",
                    "20240101T083015",
                    "1704067200",
                    ""
                })
        void rejects_impossible_values_and_other_formats(String value) {
            assertEquals(
                    Optional.of("must be a date-time YYYY-MM-DDThh:mm[:ss[.fraction]] with optional offset"),
                    ItemType.T.check(text(value), null));
        }

        @Test
        void rejects_epoch_numbers_and_very_long_strings() {
            rejects(ItemType.T, LongNode.valueOf(1704067200000L), null);
            rejects(ItemType.T, text("2024-01-01T08:30:15" + MEGABYTE), null);
        }
    }

    @Nested
    class Logical_items {

        @Test
        void accepts_true_and_false() {
            accepts(ItemType.L, BooleanNode.TRUE, null);
            accepts(ItemType.L, BooleanNode.FALSE, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"true\"", "\"false\"", "1", "0", "\"Y\"", "\"是\""})
        void rejects_strings_and_numbers_that_look_boolean(String value) {
            assertEquals(Optional.of("must be true or false"), ItemType.L.check(json(value), null));
        }
    }

    @Nested
    class Binary_items {

        @ParameterizedTest
        @EnumSource(
                value = ItemType.class,
                names = {"B", "G"})
        void accepts_padded_standard_base64(ItemType type) {
            for (String s : new String[] {"", "QQ==", "QUI=", "QUJD", "+/+/", "SGVsbG8sIOS4lueVjA=="}) {
                accepts(type, text(s), null);
            }
        }

        @ParameterizedTest
        @EnumSource(
                value = ItemType.class,
                names = {"B", "G"})
        void accepts_a_large_encoded_value(ItemType type) {
            accepts(type, text(Base64.getEncoder().encodeToString(new byte[3 << 20])), null);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "QQ", // unpadded
                    "QUJ",
                    "QUJD\n",
                    "QU JD",
                    "-_-_", // URL-safe alphabet
                    "QU-D",
                    "QU_D",
                    "QUJD=",
                    "Q===",
                    "====",
                    "=QUJ",
                    "QQ=A",
                    "QUJ\u0000",
                    "中文字符"
                })
        void rejects_anything_else(String value) {
            assertEquals(Optional.of("must be base64 text"), ItemType.B.check(text(value), null));
            rejects(ItemType.G, text(value), null);
        }

        @Test
        void rejects_numbers_and_booleans() {
            rejects(ItemType.B, IntNode.valueOf(1), null);
            rejects(ItemType.G, BooleanNode.TRUE, null);
        }

        @Test
        void accepts_a_binary_node_built_in_code() {
            accepts(ItemType.B, JsonNodeFactory.instance.binaryNode(new byte[] {1, 2}), null);
            accepts(ItemType.G, JsonNodeFactory.instance.binaryNode(new byte[0]), null);
        }
    }

    @Test
    void a_value_valid_for_one_type_is_not_mistaken_for_another() {
        assertFalse(ItemType.D.check(text("2024-01-01"), null).isPresent());
        assertTrue(ItemType.T.check(text("2024-01-01"), null).isPresent());
        assertTrue(ItemType.I.check(DoubleNode.valueOf(1.5), null).isPresent());
        assertFalse(ItemType.F.check(DoubleNode.valueOf(1.5), null).isPresent());
    }
}
