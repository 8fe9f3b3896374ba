package io.interchange.platform;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Check-character and shape validation for identifiers that appear in shared data: 统一社会信用代码 (GB 32100-2015),
 * 居民身份证号 (GB 11643-1999, ISO 7064 MOD 11-2), bank card numbers (Luhn) and mainland mobile numbers.
 *
 * <p>All predicates are total: any input, including {@code null}, yields {@code true} or {@code false}.
 */
public final class CheckCharacters {

    private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK_CHARS = "10X98765432";

    // No one alive or recorded in the resident register was born before this; it also rejects "0000" years.
    private static final int EARLIEST_BIRTH_YEAR = 1800;

    private CheckCharacters() {}

    /** Whether {@code code} is an 18-character 统一社会信用代码 with a correct check character. */
    public static boolean isValidUscc(String code) {
        if (code == null || code.length() != 18 || !isUsccText(code)) {
            return false;
        }
        return code.charAt(17) == usccCheckChar(code.substring(0, 17));
    }

    /**
     * The check character for the first 17 characters of a 统一社会信用代码.
     *
     * @throws IllegalArgumentException if {@code first17} is not 17 characters of the code alphabet
     */
    public static char usccCheckChar(String first17) {
        if (first17 == null || first17.length() != 17 || !isUsccText(first17)) {
            throw new IllegalArgumentException("expected 17 characters of " + USCC_ALPHABET);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        }
        return USCC_ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /**
     * Whether {@code id} is a 居民身份证号: 18 characters with a correct MOD 11-2 check character (lowercase {@code x}
     * accepted), or a legacy 15-digit number; in both cases the embedded birth date must be a real date.
     */
    public static boolean isValidIdNumber(String id) {
        if (id == null) {
            return false;
        }
        if (id.length() == 15) {
            // Legacy numbers carry a two-digit year; they were only ever issued to people born in the 1900s.
            return allAsciiDigits(id) && isBirthDate("19" + id.substring(6, 12));
        }
        if (id.length() != 18) {
            return false;
        }
        String first17 = id.substring(0, 17);
        if (!allAsciiDigits(first17) || !isBirthDate(id.substring(6, 14))) {
            return false;
        }
        return Character.toUpperCase(id.charAt(17)) == idNumberCheckChar(first17);
    }

    /**
     * The MOD 11-2 check character ({@code 0-9} or uppercase {@code X}) for the first 17 digits of an ID number.
     *
     * @throws IllegalArgumentException if {@code first17} is not exactly 17 ASCII digits
     */
    public static char idNumberCheckChar(String first17) {
        if (first17 == null || first17.length() != 17 || !allAsciiDigits(first17)) {
            throw new IllegalArgumentException("expected 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK_CHARS.charAt(sum % 11);
    }

    /** Whether {@code digits} is 12 to 19 ASCII digits passing the Luhn check, as bank card numbers do. */
    public static boolean isValidLuhn(String digits) {
        if (digits == null || digits.length() < 12 || digits.length() > 19 || !allAsciiDigits(digits)) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** Whether {@code s} is a mainland mobile number: {@code ^1[3-9]\d{9}$} with ASCII digits only. */
    public static boolean isMobile(String s) {
        return s != null && s.length() == 11 && allAsciiDigits(s) && s.charAt(0) == '1' && s.charAt(1) >= '3';
    }

    private static boolean isUsccText(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (USCC_ALPHABET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    // Character.isDigit would also admit full-width and other script digits, which are never valid here.
    private static boolean allAsciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isBirthDate(String yyyymmdd) {
        int year = Integer.parseInt(yyyymmdd.substring(0, 4));
        int month = Integer.parseInt(yyyymmdd.substring(4, 6));
        int day = Integer.parseInt(yyyymmdd.substring(6, 8));
        if (year < EARLIEST_BIRTH_YEAR) {
            return false;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
