package io.interchange.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.interchange.catalog.MaskRule;
import io.interchange.catalog.MaskRule.Kind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MaskingTest {

    private static final byte[] KEY = "test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "another-key-0123456789ab".getBytes(StandardCharsets.UTF_8);
    private static final String SCOPE = "grant-1";

    private static JsonNode mask(Kind kind, JsonNode value) {
        return Masking.apply(MaskRule.of(kind), value, KEY, SCOPE);
    }

    private static String hash(String value, byte[] key, String scope) {
        return hash(TextNode.valueOf(value), key, scope);
    }

    private static String hash(JsonNode value, byte[] key, String scope) {
        return Masking.apply(MaskRule.of(Kind.HASH), value, key, scope).textValue();
    }

    private static String mask(Kind kind, String value) {
        JsonNode masked = mask(kind, TextNode.valueOf(value));
        assertTrue(masked.isTextual(), () -> kind + " should give text, gave " + masked);
        return masked.textValue();
    }

    @Nested
    class For_every_kind {

        @ParameterizedTest
        @EnumSource(Kind.class)
        void java_null_becomes_json_null(Kind kind) {
            assertSame(NullNode.getInstance(), mask(kind, (JsonNode) null));
        }

        @ParameterizedTest
        @EnumSource(Kind.class)
        void json_null_stays_json_null(Kind kind) {
            assertSame(NullNode.getInstance(), mask(kind, NullNode.getInstance()));
        }

        @ParameterizedTest
        @EnumSource(Kind.class)
        void a_missing_node_becomes_json_null(Kind kind) {
            assertSame(NullNode.getInstance(), mask(kind, MissingNode.getInstance()));
        }

        @ParameterizedTest
        @EnumSource(Kind.class)
        void the_input_is_never_modified(Kind kind) {
            ObjectNode value = JsonNodeFactory.instance.objectNode().put("a", "13812341234");
            ObjectNode before = value.deepCopy();
            JsonNode masked = mask(kind, value);
            assertEquals(before, value);
            if (masked instanceof ObjectNode copy) {
                copy.put("a", "changed");
                assertEquals(before, value, "result must not share state with the input");
            }
        }

        @Test
        void a_rule_without_kind_is_refused_rather_than_treated_as_none() {
            MaskRule kindless = new MaskRule(null, null, null);
            assertThrows(
                    IllegalArgumentException.class, () -> Masking.apply(kindless, TextNode.valueOf("张三"), KEY, SCOPE));
        }

        @Test
        void a_missing_rule_is_refused() {
            assertThrows(NullPointerException.class, () -> Masking.apply(null, TextNode.valueOf("x"), KEY, SCOPE));
        }
    }

    @Nested
    class None {

        @Test
        void text_is_released_unchanged() {
            assertEquals(TextNode.valueOf("张三丰"), mask(Kind.NONE, TextNode.valueOf("张三丰")));
        }

        @Test
        void numbers_and_booleans_keep_their_json_kind() {
            assertEquals(IntNode.valueOf(42), mask(Kind.NONE, IntNode.valueOf(42)));
            assertEquals(BooleanNode.TRUE, mask(Kind.NONE, BooleanNode.TRUE));
        }

        @Test
        void the_none_rule_has_kind_none_and_no_counts() {
            assertEquals(new MaskRule(Kind.NONE, null, null), MaskRule.none());
        }
    }

    @Nested
    class Id_number {

        @ParameterizedTest
        @CsvSource({
            "440308199001011234, 440308********1234",
            "11010519491231002X, 110105********002X",
            "440308900101123,    440308*****1123",
            "12345678901,        123456*8901",
            "1234567890,         **********",
            "1234,               ****",
        })
        void keeps_first_six_and_last_four_of_eleven_or_more_characters(String id, String expected) {
            assertEquals(expected, mask(Kind.ID_NUMBER, id));
        }

        @Test
        void an_empty_string_stays_empty() {
            assertEquals("", mask(Kind.ID_NUMBER, ""));
        }

        @Test
        void a_number_is_masked_as_its_text_and_returned_as_text() {
            assertEquals(TextNode.valueOf("440308*****1123"), mask(Kind.ID_NUMBER, LongNode.valueOf(440308900101123L)));
        }
    }

    @Nested
    class Mobile {

        @ParameterizedTest
        @CsvSource({
            "13812341234,    138****1234",
            "02112345678,    021****5678",
            "12345678,       123*5678",
            "+8613812341234, +86*******1234",
            "1234567,        *******",
            "1,              *",
        })
        void keeps_first_three_and_last_four_of_eight_or_more_characters(String mobile, String expected) {
            assertEquals(expected, mask(Kind.MOBILE, mobile));
        }

        @Test
        void a_numeric_mobile_is_masked_as_text() {
            assertEquals(TextNode.valueOf("138****1234"), mask(Kind.MOBILE, LongNode.valueOf(13812341234L)));
        }
    }

    @Nested
    class Name {

        @ParameterizedTest
        @CsvSource({
            "张三,     张*",
            "张三丰,   张**",
            "欧阳娜娜, 欧阳**",
            "欧阳娜,   欧阳*",
            "司马相如, 司马**",
            "诸葛亮,   诸葛*",
            "拓跋宏,   拓跋*",
            "欧阳,     欧*",
            "王欧阳,   王**",
        })
        void keeps_the_surname_and_masks_every_other_character(String name, String expected) {
            assertEquals(expected, mask(Kind.NAME, name));
        }

        @ParameterizedTest
        @CsvSource({"Li Lei, L* L**", "Han Meimei, H** M*****", "Madonna, M******", "Jean-Luc Picard, J******* P*****"})
        void latin_names_keep_the_initial_of_each_word(String name, String expected) {
            assertEquals(expected, mask(Kind.NAME, name));
        }

        @Test
        void a_supplementary_surname_is_kept_whole_and_each_hidden_character_is_one_star() {
            // U+20BB7 𠮷 is outside the BMP: two UTF-16 units, one character.
            assertEquals("𠮷**", mask(Kind.NAME, "𠮷野家"));
            assertEquals("张**", mask(Kind.NAME, "张𠮷𠮷"));
        }

        @Test
        void an_emoji_counts_as_one_character() {
            assertEquals("张*", mask(Kind.NAME, "张😀"));
            assertEquals("A**", mask(Kind.NAME, "A😀b"));
        }

        @Test
        void a_one_character_name_is_masked_completely() {
            assertEquals("*", mask(Kind.NAME, "张"));
            assertEquals("*", mask(Kind.NAME, "X"));
        }

        @Test
        void bare_initials_are_masked_completely() {
            assertEquals("* *", mask(Kind.NAME, "J K"));
        }

        @Test
        void surrounding_whitespace_is_ignored() {
            assertEquals("张**", mask(Kind.NAME, "  张三丰\t"));
        }

        @Test
        void an_empty_name_stays_empty() {
            assertEquals("", mask(Kind.NAME, ""));
        }

        @Test
        void a_minority_name_with_a_middle_dot_keeps_only_the_first_character() {
            assertEquals("买*****", mask(Kind.NAME, "买买提·艾力"));
        }

        @Test
        void a_number_is_masked_as_its_text() {
            assertEquals(TextNode.valueOf("1**"), mask(Kind.NAME, IntNode.valueOf(123)));
        }
    }

    @Nested
    class Address {

        @ParameterizedTest
        @CsvSource({
            "浙江省杭州市西湖区文三路100号,               浙江省杭州市西湖区****",
            "浙江省桐庐县城南街道,                       浙江省桐庐县****",
            "北京市朝阳区建国路1号,                      北京市朝阳区****",
            "上海市浦东新区世纪大道100号,                上海市浦东新区****",
            "新疆维吾尔自治区乌鲁木齐市天山区解放路1号,  新疆维吾尔自治区乌鲁木齐市天山区****",
            "内蒙古自治区锡林郭勒盟正蓝旗上都镇,         内蒙古自治区锡林郭勒盟正蓝旗****",
            "贵州省安顺市镇宁布依族苗族自治县城关镇,    贵州省安顺市镇宁布依族苗族自治县****",
            "浙江省宁波市镇海区招宝山街道,              浙江省宁波市镇海区****",
            "河北省唐山市路南区学院南路,                河北省唐山市路南区****",
            "黑龙江省哈尔滨市道里区中央大街,            黑龙江省哈尔滨市道里区****",
            "广东省深圳市南山区科技园区1栋,              广东省深圳市南山区****",
            "杭州市西湖区,                              杭州市西湖区****",
        })
        void keeps_the_address_down_to_the_district_or_county(String address, String expected) {
            assertEquals(expected, mask(Kind.ADDRESS, address));
        }

        @ParameterizedTest
        @CsvSource({
            "广东省东莞市长安镇乌沙社区,      广东省东莞市****",
            "云南省大理白族自治州大理市下关镇, 云南省大理白****",
            "文三路100号西湖大厦1201室,  文三路100****",
            "文三路1号,                  文三****",
            "ab,                        a****",
        })
        void without_a_district_keeps_at_most_six_characters_and_never_more_than_half(String address, String expected) {
            assertEquals(expected, mask(Kind.ADDRESS, address));
        }

        @ParameterizedTest
        @CsvSource({
            "广东省东莞市万科城小区3栋,        广东省东莞市****",
            "广东省东莞市长安镇乌沙社区,       广东省东莞市****",
            "浙江省杭州市文三路西湖区,         浙江省杭州市****",
            "江苏省苏州市观前街步行街区,       江苏省苏州市****",
            "湖北省武汉市某某品牌旗舰店,       湖北省武汉市****",
            "上海市东方明珠景区,               上海市东****",
        })
        void a_neighbourhood_or_street_is_never_taken_for_the_district(String address, String expected) {
            assertEquals(expected, mask(Kind.ADDRESS, address));
        }

        @Test
        void the_tail_is_always_four_stars_whatever_its_length() {
            assertEquals(mask(Kind.ADDRESS, "浙江省杭州市西湖区文"), mask(Kind.ADDRESS, "浙江省杭州市西湖区文三路100号西湖大厦1201室"));
        }

        @Test
        void the_fallback_counts_supplementary_characters_as_one() {
            assertEquals("𠮷𠮷𠮷路1号****", mask(Kind.ADDRESS, "𠮷𠮷𠮷路1号大厦2301室"));
        }

        @Test
        void an_empty_or_one_character_address_reveals_nothing() {
            assertEquals("", mask(Kind.ADDRESS, ""));
            assertEquals("****", mask(Kind.ADDRESS, "某"));
        }
    }

    @Nested
    class Bank_card {

        @ParameterizedTest
        @CsvSource({
            "6222021234567890123, 622202*********0123",
            "6200000000000005,    620000******0005",
            "12345678901,         123456*8901",
            "1234567890,          **********",
        })
        void keeps_first_six_and_last_four_of_eleven_or_more_characters(String card, String expected) {
            assertEquals(expected, mask(Kind.BANK_CARD, card));
        }
    }

    @Nested
    class Email {

        @ParameterizedTest
        @CsvSource({
            "zhangsan@example.cn,     z***@example.cn",
            "z@example.cn,            z***@example.cn",
            "@example.cn,             ***@example.cn",
            "\"a@b\"@example.cn,      \"***@example.cn",
            "😀mail@example.cn,       😀***@example.cn",
            "no-at-sign.example.cn,   ***",
            "'',                      ***",
        })
        void keeps_the_first_character_and_the_domain(String email, String expected) {
            assertEquals(expected, mask(Kind.EMAIL, email));
        }
    }

    @Nested
    class Keep {

        private String keep(Integer first, Integer last, String value) {
            return Masking.apply(new MaskRule(Kind.KEEP, first, last), TextNode.valueOf(value), KEY, SCOPE)
                    .textValue();
        }

        @Test
        void keeps_the_configured_leading_and_trailing_characters() {
            assertEquals("ab**ef", keep(2, 2, "abcdef"));
            assertEquals("a*****", keep(1, 0, "abcdef"));
            assertEquals("*****f", keep(0, 1, "abcdef"));
        }

        @Test
        void missing_counts_default_to_zero() {
            assertEquals("******", keep(null, null, "abcdef"));
            assertEquals("ab****", keep(2, null, "abcdef"));
            assertEquals("****ef", keep(null, 2, "abcdef"));
        }

        @Test
        void never_reveals_the_whole_value() {
            assertEquals("******", keep(3, 3, "abcdef"));
            assertEquals("******", keep(6, 0, "abcdef"));
            assertEquals("***", keep(10, 10, "abc"));
        }

        @Test
        void huge_counts_do_not_overflow_into_revealing_the_value() {
            assertEquals("***", keep(Integer.MAX_VALUE, Integer.MAX_VALUE, "abc"));
        }

        @Test
        void negative_counts_reveal_nothing() {
            assertEquals("****", keep(-1, -5, "abcd"));
        }

        @Test
        void counts_characters_not_utf16_units() {
            assertEquals("𠮷**😀", keep(1, 1, "𠮷ab😀"));
        }

        @Test
        void an_empty_value_stays_empty() {
            assertEquals("", keep(1, 1, ""));
        }

        @Test
        void the_factory_builds_a_keep_rule() {
            assertEquals(new MaskRule(Kind.KEEP, 2, 3), MaskRule.keep(2, 3));
        }
    }

    @Nested
    class Hash {

        @Test
        void has_the_documented_shape() {
            String h = mask(Kind.HASH, "440308199001011234");
            assertTrue(h.matches("h:[0-9a-f]{32}"), h);
        }

        @Test
        void is_the_truncated_hmac_of_scope_nul_and_value() throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] expected = mac.doFinal((SCOPE + "\u0000" + "张三").getBytes(StandardCharsets.UTF_8));
            assertEquals("h:" + HexFormat.of().formatHex(expected).substring(0, 32), mask(Kind.HASH, "张三"));
        }

        @Test
        void is_stable_for_the_same_key_scope_and_value() {
            assertEquals(hash("张三", KEY, SCOPE), hash("张三", KEY, SCOPE));
        }

        @Test
        void differs_between_values() {
            assertNotEquals(hash("张三", KEY, SCOPE), hash("张四", KEY, SCOPE));
        }

        @Test
        void differs_across_scopes_so_grants_cannot_join_each_others_data() {
            assertNotEquals(hash("张三", KEY, "grant-1"), hash("张三", KEY, "grant-2"));
        }

        @Test
        void differs_across_keys() {
            assertNotEquals(hash("张三", KEY, SCOPE), hash("张三", OTHER_KEY, SCOPE));
        }

        @Test
        void the_separator_keeps_scope_and_value_apart() {
            assertNotEquals(hash("bc", KEY, "a"), hash("c", KEY, "ab"));
        }

        @Test
        void numbers_hash_like_their_json_text_whatever_their_scale() {
            String one = hash(IntNode.valueOf(1), KEY, SCOPE);
            assertEquals(one, hash(DoubleNode.valueOf(1.0), KEY, SCOPE));
            assertEquals(one, hash(DecimalNode.valueOf(new BigDecimal("1.00")), KEY, SCOPE));
            assertEquals(one, hash(TextNode.valueOf("1"), KEY, SCOPE));
            assertNotEquals(one, hash(IntNode.valueOf(2), KEY, SCOPE));
        }

        @Test
        void objects_hash_the_same_whatever_the_field_order() throws Exception {
            ObjectMapper json = new ObjectMapper();
            assertEquals(
                    hash(json.readTree("{\"a\":1,\"b\":[true,\"x\"]}"), KEY, SCOPE),
                    hash(json.readTree("{\"b\":[true,\"x\"],\"a\":1.0}"), KEY, SCOPE));
        }

        @Test
        void canonical_text_of_non_text_values_is_their_json() throws Exception {
            ObjectMapper json = new ObjectMapper();
            assertEquals("{\"a\":\"x\",\"b\":1.5}", Masking.canonicalText(json.readTree("{\"b\":1.50,\"a\":\"x\"}")));
            assertEquals("true", Masking.canonicalText(BooleanNode.TRUE));
            assertEquals("100", Masking.canonicalText(DoubleNode.valueOf(1e2)));
            assertEquals("0", Masking.canonicalText(DecimalNode.valueOf(new BigDecimal("0.000"))));
        }

        @Test
        void a_huge_exponent_is_not_expanded() {
            String text = Masking.canonicalText(DecimalNode.valueOf(new BigDecimal("1E+999999999")));
            assertTrue(text.length() < 20, text);
        }

        @Test
        void an_empty_string_is_hashed_too() {
            assertTrue(mask(Kind.HASH, "").startsWith("h:"));
            assertNotEquals(mask(Kind.HASH, ""), mask(Kind.HASH, " "));
        }

        @Test
        void needs_a_non_empty_key() {
            JsonNode value = TextNode.valueOf("x");
            MaskRule rule = MaskRule.of(Kind.HASH);
            assertThrows(IllegalArgumentException.class, () -> Masking.apply(rule, value, null, SCOPE));
            assertThrows(IllegalArgumentException.class, () -> Masking.apply(rule, value, new byte[0], SCOPE));
        }

        @Test
        void needs_a_scope() {
            assertThrows(
                    NullPointerException.class,
                    () -> Masking.apply(MaskRule.of(Kind.HASH), TextNode.valueOf("x"), KEY, null));
        }

        @Test
        void refuses_a_scope_containing_the_separator() {
            MaskRule rule = MaskRule.of(Kind.HASH);
            assertThrows(
                    IllegalArgumentException.class, () -> Masking.apply(rule, TextNode.valueOf("c"), KEY, "a\u0000b"));
        }

        @Test
        void other_kinds_need_no_key() {
            assertEquals(
                    TextNode.valueOf("138****1234"),
                    Masking.apply(MaskRule.of(Kind.MOBILE), TextNode.valueOf("13812341234"), null, null));
        }
    }

    @Nested
    class Nullify {

        @Test
        void any_value_becomes_json_null() {
            assertSame(NullNode.getInstance(), mask(Kind.NULLIFY, TextNode.valueOf("张三")));
            assertSame(NullNode.getInstance(), mask(Kind.NULLIFY, IntNode.valueOf(1)));
            assertSame(NullNode.getInstance(), mask(Kind.NULLIFY, JsonNodeFactory.instance.objectNode()));
        }
    }

    @Nested
    class Year_only {

        @ParameterizedTest
        @CsvSource({
            "1990-01-01,                1990",
            "1990-01-01T08:30:00+08:00, 1990",
            "1990/1/1,                  1990",
            "1990年1月1日,              1990",
            "19900101,                  1990",
            "19900101T083000,           1990",
            "1990,                      1990",
        })
        void keeps_the_year_of_a_date_or_date_time(String value, String expected) {
            assertEquals(expected, mask(Kind.YEAR_ONLY, value));
        }

        @ParameterizedTest
        @CsvSource({"199", "90-01-01", "abcd-01-01", "199001011234", "12345", "''", "１９９０-01-01"})
        void hides_anything_that_does_not_start_with_a_year(String value) {
            assertEquals("****", mask(Kind.YEAR_ONLY, value));
        }

        @Test
        void a_numeric_year_is_returned_as_text() {
            assertEquals(TextNode.valueOf("1990"), mask(Kind.YEAR_ONLY, IntNode.valueOf(1990)));
        }
    }

    @Nested
    class Mask_rule_json {

        private final ObjectMapper json = new ObjectMapper();

        @Test
        void reads_the_documented_shape() throws Exception {
            assertEquals(
                    MaskRule.keep(2, 2),
                    json.readValue("{\"kind\": \"KEEP\", \"keepFirst\": 2, \"keepLast\": 2}", MaskRule.class));
        }

        @Test
        void omits_missing_counts_when_written() throws Exception {
            assertEquals("{\"kind\":\"MOBILE\"}", json.writeValueAsString(MaskRule.of(Kind.MOBILE)));
        }

        @Test
        void round_trips_every_kind() throws Exception {
            for (Kind kind : Kind.values()) {
                MaskRule rule = new MaskRule(kind, 1, null);
                assertEquals(rule, json.readValue(json.writeValueAsString(rule), MaskRule.class));
            }
        }

        @Test
        void reads_a_missing_kind_as_null_so_catalog_validation_can_report_it() throws Exception {
            MaskRule rule = json.readValue("{\"keepFirst\": 1}", MaskRule.class);
            assertNull(rule.kind());
            assertEquals(1, rule.keepFirst());
        }
    }
}
