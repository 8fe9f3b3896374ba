package io.interchange.ledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JcsTest {

    static String bits(String hex) {
        return Jcs.number(Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16)));
    }

    @Test
    void numbers_follow_the_rfc_8785_appendix_b_examples() {
        assertEquals("0", bits("0000000000000000"));
        assertEquals("0", bits("8000000000000000"));
        assertEquals("5e-324", bits("0000000000000001"));
        assertEquals("-5e-324", bits("8000000000000001"));
        assertEquals("1.7976931348623157e+308", bits("7fefffffffffffff"));
        assertEquals("-1.7976931348623157e+308", bits("ffefffffffffffff"));
        assertEquals("9007199254740992", bits("4340000000000000"));
        assertEquals("-9007199254740992", bits("c340000000000000"));
        assertEquals("295147905179352830000", bits("4430000000000000"));
        assertEquals("9.999999999999997e+22", bits("44b52d02c7e14af5"));
        assertEquals("1e+23", bits("44b52d02c7e14af6"));
        assertEquals("1.0000000000000001e+23", bits("44b52d02c7e14af7"));
        assertEquals("999999999999999700000", bits("444b1ae4d6e2ef4e"));
        assertEquals("999999999999999900000", bits("444b1ae4d6e2ef4f"));
        assertEquals("1e+21", bits("444b1ae4d6e2ef50"));
        assertEquals("9.999999999999997e-7", bits("3eb0c6f7a0b5ed8c"));
        assertEquals("0.000001", bits("3eb0c6f7a0b5ed8d"));
        assertEquals("333333333.3333332", bits("41b3de4355555553"));
        assertEquals("333333333.33333325", bits("41b3de4355555554"));
        assertEquals("333333333.3333333", bits("41b3de4355555555"));
        assertEquals("333333333.3333334", bits("41b3de4355555556"));
        assertEquals("333333333.33333343", bits("41b3de4355555557"));
        assertEquals("-0.0000033333333333333333", bits("becbf647612f3696"));
        assertEquals("1424953923781206.2", bits("43143ff3c1cb0959"));
    }

    @Test
    void everyday_numbers_print_as_javascript_prints_them() {
        assertEquals("0.1", Jcs.number(0.1));
        assertEquals("0.30000000000000004", Jcs.number(0.1 + 0.2));
        assertEquals("7", Jcs.number(7));
        assertEquals("7", Jcs.number(7.0));
        assertEquals("-42", Jcs.number(-42L));
        assertEquals("100", Jcs.number(1e2));
        assertEquals("1e+21", Jcs.number(1e21));
        assertEquals("100000000000000000000", Jcs.number(1e20));
        assertEquals("1e-7", Jcs.number(1e-7));
        assertEquals("72057594037927940", Jcs.number(72057594037927936L));
        assertEquals("4.5", Jcs.number(new java.math.BigDecimal("4.50")));
        assertThrows(IllegalArgumentException.class, () -> Jcs.number(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Jcs.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void integers_print_the_same_whether_given_as_integers_or_as_doubles() {
        long exact = 1L << 53;
        for (long v : new long[] {
            0,
            1,
            -1,
            7,
            -42,
            1_234_567_890_123L,
            exact - 1,
            exact,
            -exact,
            exact + 1,
            -exact - 1,
            Long.MAX_VALUE,
            Long.MIN_VALUE
        }) {
            assertEquals(Jcs.number((double) v), Jcs.number(v), "long " + v);
            if (v == (int) v) {
                assertEquals(Jcs.number((double) v), Jcs.number((int) v), "int " + v);
            }
        }
    }

    @Test
    void strings_with_nothing_to_escape_go_out_as_they_are_and_the_others_escaped() {
        assertEquals("\"欧阳娜娜 😀 e\u0301 \u2028\"", Jcs.canonicalize("欧阳娜娜 😀 e\u0301 \u2028"));
        assertEquals("\"a\\\"b\\\\c\\n\\u001f😀\"", Jcs.canonicalize("a\"b\\c\n\u001f😀"));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("x\ud800"));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize("\udc00x"));
    }

    @Test
    void the_rfc_8785_example_canonicalises_exactly() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        assertEquals(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
                Jcs.canonicalizeText(input));
    }

    @Test
    void members_sort_by_utf16_code_units_as_in_rfc_8785_section_3_2_3() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("\u20ac", "Euro Sign");
        m.put("\r", "Carriage Return");
        m.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        m.put("1", "One");
        m.put("\ud83d\ude00", "Emoji: Grinning Face");
        m.put("\u0080", "Control");
        m.put("\u00f6", "Latin Small Letter O With Diaeresis");
        assertEquals(
                "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O"
                        + " With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                        + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                Jcs.canonicalize(m));
    }

    @Test
    void a_ledger_entry_reads_the_same_from_java_objects_and_from_reformatted_json() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "EXCHANGE");
        entry.put("rows", 1);
        entry.put("latencyMs", 7L);
        entry.put("user", null);
        entry.put("fields", List.of("id_number", "full_name"));
        entry.put("query", Map.of("id_number", "hmac:k1:ab", "region_code", "330102"));
        entry.put("purpose", "低保资格审核\n\"quoted\"");
        String reformatted = "{\"user\": null, \"rows\": 1.0, \"query\": {\"region_code\": \"330102\", \"id_number\":"
                + " \"hmac:k1:ab\"}, \"kind\": \"EXCHANGE\", \"fields\": [\"id_number\", \"full_name\"],"
                + " \"latencyMs\": 7, \"purpose\": \"\\u4f4e\\u4fdd\\u8d44\\u683c\\u5ba1\\u6838\\n\\\"quoted\\\"\"}";
        assertEquals(Jcs.canonicalize(entry), Jcs.canonicalizeText(reformatted));
    }

    @Test
    void malformed_json_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"\u0001\""));
    }
}
