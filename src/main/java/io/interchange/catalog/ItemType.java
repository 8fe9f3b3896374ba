package io.interchange.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalQuery;
import java.util.Optional;

/**
 * Data item types of the catalog (信息项数据类型), with the check a value of that type must pass before it is accepted
 * from a provider or released to a requester.
 */
public enum ItemType {
    C("字符型", "character"),
    N("数值型", "numeric"),
    Y("货币型", "currency"),
    D("日期型", "date"),
    T("日期时间型", "date-time"),
    L("逻辑型", "logical"),
    M("备注型", "memo"),
    G("通用型", "general/binary"),
    B("二进制", "binary"),
    I("整数型", "integer"),
    F("浮点型", "float");

    private static final int CURRENCY_MAX_SCALE = 4;

    private final String labelZh;
    private final String labelEn;

    ItemType(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    /** Whether range conditions (from/to) can be queried on items of this type. */
    public boolean supportsRange() {
        return switch (this) {
            case N, Y, D, T, I, F -> true;
            default -> false;
        };
    }

    /** Whether prefix conditions can be queried on items of this type. */
    public boolean supportsPrefix() {
        return this == C;
    }

    /**
     * Checks {@code value} against this type. Null is accepted: whether an item is required is decided elsewhere.
     *
     * @param length the item's declared length, or null: maximum characters for C and M, maximum digits for N and Y;
     *     ignored for other types
     * @return an English description of the problem, or empty when the value is acceptable
     * @throws IllegalArgumentException if length is below 1 (a catalog error, not a value error)
     */
    public Optional<String> check(JsonNode value, Integer length) {
        if (length != null && length < 1) {
            throw new IllegalArgumentException("length must be at least 1, was " + length);
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        return switch (this) {
            case C, M -> checkText(value, length);
            case N -> checkNumber(value, length, null);
            case Y -> checkNumber(value, length, CURRENCY_MAX_SCALE);
            case I -> checkInteger(value);
            case F -> isFiniteNumber(value) ? Optional.empty() : Optional.of("must be a finite number");
            case D ->
                value.isTextual() && isDate(value.textValue())
                        ? Optional.empty()
                        : Optional.of("must be a date YYYY-MM-DD");
            case T ->
                value.isTextual() && isDateTime(value.textValue())
                        ? Optional.empty()
                        : Optional.of("must be a date-time YYYY-MM-DDThh:mm[:ss[.fraction]] with optional offset");
            case L -> value.isBoolean() ? Optional.empty() : Optional.of("must be true or false");
            case B, G ->
                value.isBinary() || (value.isTextual() && isBase64(value.textValue()))
                        ? Optional.empty()
                        : Optional.of("must be base64 text");
        };
    }

    private static Optional<String> checkText(JsonNode value, Integer maxChars) {
        String problem =
                maxChars == null ? "must be a string" : "must be a string of at most " + maxChars + " characters";
        if (!value.isTextual()) {
            return Optional.of(problem);
        }
        String text = value.textValue();
        // PostgreSQL text cannot hold NUL, and a lone surrogate cannot be encoded as UTF-8: both would fail or be
        // silently altered on the way to the database.
        if (!isStorableText(text)) {
            return Optional.of("must not contain NUL or unpaired surrogate characters");
        }
        if (maxChars != null && text.codePointCount(0, text.length()) > maxChars) {
            return Optional.of(problem);
        }
        return Optional.empty();
    }

    private static boolean isStorableText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> checkNumber(JsonNode value, Integer maxDigits, Integer maxScale) {
        if (!isFiniteNumber(value)) {
            return Optional.of("must be a number");
        }
        BigDecimal d = decimal(value).stripTrailingZeros();
        if (maxScale != null && d.scale() > maxScale) {
            return Optional.of("must have at most " + maxScale + " decimal places");
        }
        if (maxDigits != null && digits(d) > maxDigits) {
            return Optional.of("must be a number of at most " + maxDigits + " digits");
        }
        return Optional.empty();
    }

    /**
     * Digits needed to write the value without exponent, leading or trailing zeros: 100 needs 3, 0.001 needs 3, 1.50
     * needs 2.
     */
    private static long digits(BigDecimal stripped) {
        int scale = stripped.scale();
        int precision = stripped.precision();
        return scale <= 0 ? (long) precision - scale : Math.max(precision, scale);
    }

    private static Optional<String> checkInteger(JsonNode value) {
        String problem = "must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        if (!isFiniteNumber(value)) {
            return Optional.of(problem);
        }
        try {
            // JSON has no integer type, so 5.0 and 5E2 count; longValueExact rejects fractions and, from precision
            // and scale alone, anything beyond 19 integer digits, so 1E999999999 is never expanded.
            decimal(value).longValueExact();
            return Optional.empty();
        } catch (ArithmeticException e) {
            return Optional.of(problem);
        }
    }

    private static boolean isFiniteNumber(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        return !(value.isDouble() || value.isFloat()) || Double.isFinite(value.doubleValue());
    }

    private static BigDecimal decimal(JsonNode number) {
        // FloatNode.decimalValue() widens to double and would turn 0.1f into 0.10000000149011612.
        return number.isFloat() ? new BigDecimal(Float.toString(number.floatValue())) : number.decimalValue();
    }

    private static boolean isDate(String s) {
        // Exact shape first: the ISO parser would also take "+10000-01-01", and year 0000 does not exist in
        // PostgreSQL.
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-' || !hasPlainYear(s)) {
            return false;
        }
        return parses(s, DateTimeFormatter.ISO_LOCAL_DATE, LocalDate::from);
    }

    private static boolean isDateTime(String s) {
        if (s.length() < 16 || s.length() > 64 || s.charAt(4) != '-' || !hasPlainYear(s)) {
            return false;
        }
        return parses(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME, OffsetDateTime::from)
                || parses(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME, LocalDateTime::from);
    }

    private static boolean hasPlainYear(String s) {
        for (int i = 0; i < 4; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.startsWith("0000");
    }

    private static boolean parses(String s, DateTimeFormatter formatter, TemporalQuery<?> query) {
        try {
            formatter.parse(s, query);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Standard alphabet, padded to a multiple of four; checked without decoding so large values cost no memory. */
    private static boolean isBase64(String s) {
        if (s.length() % 4 != 0) {
            return false;
        }
        int padding = 0;
        if (s.endsWith("==")) {
            padding = 2;
        } else if (s.endsWith("=")) {
            padding = 1;
        }
        for (int i = 0; i < s.length() - padding; i++) {
            char c = s.charAt(i);
            boolean alphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!alphabet) {
                return false;
            }
        }
        return true;
    }
}
