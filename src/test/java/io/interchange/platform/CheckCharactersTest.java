package io.interchange.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CheckCharactersTest {

    private static final String SAMPLE_USCC = "91350100M000100Y43";
    private static final String TEXTBOOK_ID = "11010519491231002X";

    @Nested
    class Unified_social_credit_code {

        @Test
        void the_published_sample_is_valid() {
            assertTrue(CheckCharacters.isValidUscc(SAMPLE_USCC));
        }

        @Test
        void the_check_character_of_the_published_sample_is_3() {
            assertEquals('3', CheckCharacters.usccCheckChar("91350100M000100Y4"));
        }

        @Test
        void a_hand_computed_code_with_check_value_zero_is_valid() {
            // Weighted sum of "10000000000000000" is 1; 31 - 1 = 30 -> 'Y'. Of "00000000000000000" it is 0 -> 31 -> 0.
            assertEquals('Y', CheckCharacters.usccCheckChar("10000000000000000"));
            assertEquals('0', CheckCharacters.usccCheckChar("00000000000000000"));
            assertTrue(CheckCharacters.isValidUscc("10000000000000000Y"));
            assertTrue(CheckCharacters.isValidUscc("000000000000000000"));
        }

        @Test
        void the_last_weight_is_applied_to_the_seventeenth_character() {
            // Only position 17 set to 1: sum 28, check 31 - 28 = 3.
            assertEquals('3', CheckCharacters.usccCheckChar("00000000000000001"));
        }

        @Test
        void letters_take_their_index_in_the_code_alphabet_as_value() {
            // 'Y' is the last of 31 characters, value 30: sum 30 at weight 1 gives check 1.
            assertEquals('1', CheckCharacters.usccCheckChar("Y0000000000000000"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"91350100M000100Y44", "91350100M000100Y4A", "81350100M000100Y43", "91350100M000100Y34"})
        void a_corrupted_sample_is_rejected(String code) {
            assertFalse(CheckCharacters.isValidUscc(code));
        }

        @Test
        void every_single_character_change_of_the_sample_is_detected() {
            String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            for (int i = 0; i < 17; i++) {
                for (char c : alphabet.toCharArray()) {
                    if (c == SAMPLE_USCC.charAt(i)) {
                        continue;
                    }
                    String changed = SAMPLE_USCC.substring(0, i) + c + SAMPLE_USCC.substring(i + 1);
                    assertFalse(CheckCharacters.isValidUscc(changed), changed);
                }
            }
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {"91350100M000100Y4", "91350100M000100Y430", " 91350100M000100Y43", "91350100M000100Y43 "})
        void null_empty_and_wrong_lengths_are_rejected(String code) {
            assertFalse(CheckCharacters.isValidUscc(code));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "91350100m000100Y43", // lowercase
                    "91350100I000100Y43", // I is excluded from the alphabet
                    "91350100O000100Y43", // so is O
                    "91350100S000100Y43", // and S, V, Z
                    "91350100-000100Y43",
                    "９1350100M000100Y43" // full-width digit
                })
        void characters_outside_the_alphabet_are_rejected(String code) {
            assertFalse(CheckCharacters.isValidUscc(code));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"91350100M000100Y", "91350100M000100Y43", "91350100I000100Y4"})
        void computing_a_check_character_needs_seventeen_alphabet_characters(String first17) {
            assertThrows(IllegalArgumentException.class, () -> CheckCharacters.usccCheckChar(first17));
        }
    }

    @Nested
    class Resident_id_number {

        @Test
        void the_textbook_example_is_valid() {
            assertTrue(CheckCharacters.isValidIdNumber(TEXTBOOK_ID));
        }

        @Test
        void a_lowercase_x_check_character_is_accepted() {
            assertTrue(CheckCharacters.isValidIdNumber("11010519491231002x"));
        }

        @Test
        void the_check_character_of_the_textbook_example_is_uppercase_x() {
            assertEquals('X', CheckCharacters.idNumberCheckChar("11010519491231002"));
        }

        @ParameterizedTest
        @CsvSource({
            "44030819900101123, 9",
            "11010520000229123, 5",
            // By hand: 1*7 + 1*2 + 8*1 + 1*9 + 1*5 = 31, 31 mod 11 = 9, "10X98765432".charAt(9) = '3'.
            "10000018000101000, 3",
        })
        void the_check_character_follows_mod_11_2(String first17, char expected) {
            assertEquals(expected, CheckCharacters.idNumberCheckChar(first17));
            assertTrue(CheckCharacters.isValidIdNumber(first17 + expected));
        }

        @Test
        void a_wrong_check_character_is_rejected() {
            assertFalse(CheckCharacters.isValidIdNumber("110105194912310020"));
            assertFalse(CheckCharacters.isValidIdNumber("440308199001011230"));
            assertFalse(CheckCharacters.isValidIdNumber("44030819900101123X"));
        }

        @Test
        void swapping_two_adjacent_digits_is_detected() {
            assertFalse(CheckCharacters.isValidIdNumber("11015019491231002X"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "110105190002290017", // 1900 was not a leap year
                    "110105201902290013", // nor 2019
                    "11010519900230001X", // February 30th
                    "110105199013010018", // month 13
                    "110105199000010019", // month 0
                    "110105199001000015", // day 0
                    "110105199004310019", // April has 30 days
                    "11010500000101001X" // year 0
                })
        void an_impossible_birth_date_is_rejected_even_with_a_correct_check_character(String id) {
            assertEquals(id.charAt(17), CheckCharacters.idNumberCheckChar(id.substring(0, 17)), "fixture checksum");
            assertFalse(CheckCharacters.isValidIdNumber(id));
        }

        @Test
        void a_leap_day_birth_date_is_accepted() {
            assertTrue(CheckCharacters.isValidIdNumber("110105200002291235"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"440308900101123", "110105491231002", "440308960229123"})
        void a_legacy_fifteen_digit_number_is_accepted(String id) {
            assertTrue(CheckCharacters.isValidIdNumber(id));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"440308900230123", "440308901301123", "440308000229123", "44030890010112X", "4403089001011２3"
                })
        void a_legacy_number_with_a_bad_date_or_non_digit_is_rejected(String id) {
            assertFalse(CheckCharacters.isValidIdNumber(id));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"11010519491231002", "11010519491231002X0", "1101051949123100", "4403089001011234"})
        void null_empty_and_wrong_lengths_are_rejected(String id) {
            assertFalse(CheckCharacters.isValidIdNumber(id));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "1101051949123100XX",
                    "11010519491231002Y",
                    "A1010519491231002X",
                    "１１0105194912310027", // full-width digits
                    "110105-9491231002X",
                    "11010519491231002 "
                })
        void non_digits_are_rejected(String id) {
            assertFalse(CheckCharacters.isValidIdNumber(id));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"1101051949123100", "110105194912310020", "1101051949123100A"})
        void computing_a_check_character_needs_seventeen_digits(String first17) {
            assertThrows(IllegalArgumentException.class, () -> CheckCharacters.idNumberCheckChar(first17));
        }
    }

    @Nested
    class Bank_card_number {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "4111111111111111",
                    "5500000000000004",
                    "6011111111111117",
                    "378282246310005",
                    "6200000000000005",
                    "6212345678901234569", // 19 digits
                    "000000000000" // 12 digits
                })
        void numbers_passing_luhn_are_valid(String digits) {
            assertTrue(CheckCharacters.isValidLuhn(digits));
        }

        @ParameterizedTest
        @ValueSource(strings = {"4111111111111112", "5500000000000005", "6200000000000006", "4111111111111121"})
        void a_wrong_or_transposed_digit_is_rejected(String digits) {
            assertFalse(CheckCharacters.isValidLuhn(digits));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"79927398713", "00000000000", "00000000000000000000"})
        void numbers_outside_twelve_to_nineteen_digits_are_rejected_even_when_luhn_holds(String digits) {
            assertFalse(CheckCharacters.isValidLuhn(digits));
        }

        @ParameterizedTest
        @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "411111111111111a", "４111111111111111"})
        void separators_and_non_ascii_digits_are_rejected(String digits) {
            assertFalse(CheckCharacters.isValidLuhn(digits));
        }
    }

    @Nested
    class Mobile_number {

        @ParameterizedTest
        @ValueSource(strings = {"13812341234", "13000000000", "19999999999", "15912345678", "17612345678"})
        void eleven_digits_starting_with_1_and_3_to_9_are_mobile(String s) {
            assertTrue(CheckCharacters.isMobile(s));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "12812341234", // second digit 2
                    "10812341234", // second digit 0
                    "23812341234", // not starting with 1
                    "1381234123", // 10 digits
                    "138123412345", // 12 digits
                    "+8613812341234",
                    "138 1234 1234",
                    "1381234123a",
                    "１３812341234", // full-width
                    "13812341234\n"
                })
        void anything_else_is_not_mobile(String s) {
            assertFalse(CheckCharacters.isMobile(s));
        }
    }
}
