package io.interchange.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a data item's values are masked when released without an unmask permission. JSON shape: {@code {"kind": "KEEP",
 * "keepFirst": 2, "keepLast": 2}}; {@code keepFirst} and {@code keepLast} only matter for {@link Kind#KEEP} and are
 * omitted when absent.
 *
 * <p>The record accepts whatever was submitted so catalog validation can report a missing kind as a field error;
 * {@code Masking} refuses to apply a rule without a kind rather than release the value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaskRule(Kind kind, Integer keepFirst, Integer keepLast) {

    public enum Kind {
        NONE,
        ID_NUMBER,
        MOBILE,
        NAME,
        ADDRESS,
        BANK_CARD,
        EMAIL,
        KEEP,
        HASH,
        NULLIFY,
        YEAR_ONLY
    }

    /** The rule that releases values unchanged. */
    public static MaskRule none() {
        return new MaskRule(Kind.NONE, null, null);
    }

    /** A rule of {@code kind} without keep counts. */
    public static MaskRule of(Kind kind) {
        return new MaskRule(kind, null, null);
    }

    /** A {@link Kind#KEEP} rule revealing {@code first} leading and {@code last} trailing characters. */
    public static MaskRule keep(int first, int last) {
        return new MaskRule(Kind.KEEP, first, last);
    }
}
