package io.interchange.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.interchange.catalog.MaskRule;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies one {@link MaskRule} to one value. Pure: the input node is never modified and the result never shares
 * mutable state with it.
 *
 * <p>Text masks work on Unicode code points, not UTF-16 units, so a supplementary character (rare surname, emoji)
 * becomes exactly one {@code '*'} and is never split into a lone surrogate.
 */
public final class Masking {

    private static final String HASH_PREFIX = "h:";
    private static final int HASH_HEX_CHARS = 32;
    private static final String ADDRESS_TAIL = "****";
    private static final int ADDRESS_FALLBACK_KEEP = 6;
    private static final int MAX_PLAIN_SCALE = 1000;

    private static final Set<String> COMPOUND_SURNAMES = Set.of(
            "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫",
            "西门", "百里", "呼延", "闻人", "澹台", "申屠", "太史", "万俟", "第五", "钟离", "宗政", "濮阳", "公冶", "赫连", "拓跋");

    private Masking() {}

    /**
     * Masks {@code value} according to {@code rule}. {@code null} and JSON null always give {@link NullNode}. Text
     * masks applied to a non-text value mask its text form and return text.
     *
     * @param hashKey secret HMAC key; only used, and then required non-empty, for {@link MaskRule.Kind#HASH}
     * @param hashScope what hashed values are joinable within (the grant id); required for {@link MaskRule.Kind#HASH}
     * @throws IllegalArgumentException if the rule has no kind, or a HASH rule gets no key or a scope containing NUL
     */
    public static JsonNode apply(MaskRule rule, JsonNode value, byte[] hashKey, String hashScope) {
        Objects.requireNonNull(rule, "rule");
        if (rule.kind() == null) {
            // Fail closed: treating a kindless rule as NONE would release raw personal data.
            throw new IllegalArgumentException("mask rule has no kind");
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NullNode.getInstance();
        }
        return switch (rule.kind()) {
            case NONE -> value.deepCopy();
            case NULLIFY -> NullNode.getInstance();
            case HASH -> TextNode.valueOf(hash(value, hashKey, hashScope));
            case ID_NUMBER, BANK_CARD -> text(keepEnds(textOf(value), 6, 4, 11));
            case MOBILE -> text(keepEnds(textOf(value), 3, 4, 8));
            case NAME -> text(maskName(textOf(value)));
            case ADDRESS -> text(maskAddress(textOf(value)));
            case EMAIL -> text(maskEmail(textOf(value)));
            case KEEP -> text(maskKeep(textOf(value), orZero(rule.keepFirst()), orZero(rule.keepLast())));
            case YEAR_ONLY -> text(yearOnly(textOf(value)));
        };
    }

    private static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    // Negative counts are a configuration error; reading them as 0 can only reveal less.
    private static int orZero(Integer n) {
        return n == null || n < 0 ? 0 : n;
    }

    private static String textOf(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** Keeps {@code first} and {@code last} code points when the value has at least {@code minLength}. */
    private static String keepEnds(String s, int first, int last, int minLength) {
        int[] cps = s.codePoints().toArray();
        if (cps.length < minLength) {
            return stars(cps.length);
        }
        return reveal(cps, first, last);
    }

    private static String maskKeep(String s, int first, int last) {
        int[] cps = s.codePoints().toArray();
        // Compare as long: keep counts come from configuration and their sum must not overflow into "reveal all".
        if ((long) first + last >= cps.length) {
            return stars(cps.length);
        }
        return reveal(cps, first, last);
    }

    private static String reveal(int[] cps, int first, int last) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            if (i < first || i >= cps.length - last) {
                out.appendCodePoint(cps[i]);
            } else {
                out.append('*');
            }
        }
        return out.toString();
    }

    private static String stars(int n) {
        return "*".repeat(n);
    }

    private static String maskName(String raw) {
        int[] cps = raw.strip().codePoints().toArray();
        boolean[] keep = new boolean[cps.length];
        if (containsHan(cps)) {
            int surname = cps.length > 2 && COMPOUND_SURNAMES.contains(new String(cps, 0, 2)) ? 2 : 1;
            for (int i = 0; i < Math.min(surname, cps.length); i++) {
                keep[i] = true;
            }
        } else {
            // Latin-style names: the initial of every word stays, the way "L. Lei" would be abbreviated.
            for (int i = 0; i < cps.length; i++) {
                keep[i] = !Character.isWhitespace(cps[i]) && (i == 0 || Character.isWhitespace(cps[i - 1]));
            }
        }
        boolean hidesSomething = false;
        for (int i = 0; i < cps.length; i++) {
            hidesSomething |= !keep[i] && !Character.isWhitespace(cps[i]);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            if (Character.isWhitespace(cps[i])) {
                out.appendCodePoint(cps[i]);
            } else if (keep[i] && hidesSomething) {
                // When nothing would be hidden (a one-character name, bare initials) the mask would be the value.
                out.appendCodePoint(cps[i]);
            } else {
                out.append('*');
            }
        }
        return out.toString();
    }

    private static boolean containsHan(int[] cps) {
        for (int cp : cps) {
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                return true;
            }
        }
        return false;
    }

    private static String maskAddress(String s) {
        int district = districtEnd(s);
        if (district >= 0) {
            return s.substring(0, district + 1) + ADDRESS_TAIL;
        }
        int length = s.codePointCount(0, s.length());
        if (length == 0) {
            return "";
        }
        // Never keep more than half, so a short unrecognised address is not released whole.
        int keep = Math.min(ADDRESS_FALLBACK_KEEP, length / 2);
        return s.substring(0, s.offsetByCodePoints(0, keep)) + ADDRESS_TAIL;
    }

    /**
     * Index of the 区/县/旗 ending the district-level part, or -1 if street-level detail comes first. The search starts
     * after the first 市/州/盟 because a 区 before it belongs to a province (自治区). The markers are all BMP
     * characters, so the UTF-16 indexes used here are always code point boundaries.
     */
    private static int districtEnd(String s) {
        int city = indexOfAny(s, "市州盟", 0);
        int nameStart = city + 1;
        for (int i = nameStart; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("省市州盟".indexOf(c) >= 0) {
                nameStart = i + 1;
            } else if ("区县旗".indexOf(c) >= 0) {
                return isAdministrative(s, i) ? i : -1;
            } else if (i > nameStart && "镇村街路巷弄号栋室".indexOf(c) >= 0) {
                // Street-level detail before any district: a later 区 would be a 社区 or 小区 and reveal too much.
                // Only checked past a name's first character, since 镇海区, 路南区 and 镇宁县 are districts.
                return -1;
            }
        }
        return -1;
    }

    // 社区, 小区, 园区 and the like, and 旗舰店, are not divisions; keeping through them would release the street.
    private static boolean isAdministrative(String s, int marker) {
        char c = s.charAt(marker);
        if (c == '区' && marker > 0 && "社小园校景厂营片街院".indexOf(s.charAt(marker - 1)) >= 0) {
            return false;
        }
        return !(c == '旗' && marker + 1 < s.length() && s.charAt(marker + 1) == '舰');
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String maskEmail(String s) {
        // The domain cannot contain '@'; a quoted local part can, so split on the last one.
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return "***";
        }
        String local = s.substring(0, at);
        String first = local.isEmpty() ? "" : new String(Character.toChars(local.codePointAt(0)));
        return first + "***" + s.substring(at);
    }

    private static String yearOnly(String s) {
        if (s.length() >= 4 && isAsciiDigits(s, 0, 4)) {
            boolean yearThenSeparator = s.length() == 4 || !isAsciiDigits(s, 4, 5);
            boolean basicFormat = s.length() >= 8
                    && isAsciiDigits(s, 4, 8)
                    && (s.length() == 8 || s.charAt(8) == 'T' || s.charAt(8) == 't');
            if (yearThenSeparator || basicFormat) {
                return s.substring(0, 4);
            }
        }
        return "****";
    }

    private static boolean isAsciiDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String hash(JsonNode value, byte[] hashKey, String hashScope) {
        if (hashKey == null || hashKey.length == 0) {
            throw new IllegalArgumentException("HASH masking needs a non-empty key");
        }
        Objects.requireNonNull(hashScope, "hashScope");
        if (hashScope.indexOf('\u0000') >= 0) {
            // The NUL separates scope from value; inside the scope it would let two pairs collide.
            throw new IllegalArgumentException("hash scope must not contain NUL");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            byte[] digest = mac.doFinal((hashScope + "\u0000" + canonicalText(value)).getBytes(StandardCharsets.UTF_8));
            return HASH_PREFIX + HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Text is hashed as is; anything else as JSON text with numbers normalised ({@code 1}, {@code 1.0}, {@code 1.00}
     * agree) and object fields sorted, so equal values hash equally whichever way they were stored or parsed.
     */
    static String canonicalText(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        StringBuilder out = new StringBuilder();
        writeCanonical(value, out);
        return out.toString();
    }

    private static void writeCanonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(TextNode.valueOf(fields.get(i).getKey())).append(':');
                writeCanonical(fields.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeCanonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber() && isFinite(node)) {
            out.append(canonicalNumber(node));
        } else {
            out.append(node);
        }
    }

    private static boolean isFinite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }

    private static String canonicalNumber(JsonNode number) {
        // FloatNode.decimalValue() widens to double first and would hash 0.1f as 0.10000000149011612.
        BigDecimal d = number.isFloat() ? new BigDecimal(Float.toString(number.floatValue())) : number.decimalValue();
        if (d.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = d.stripTrailingZeros();
        // Plain notation reads like the stored value, but 1e999999999 must not expand into a gigabyte of zeros.
        return Math.abs(stripped.scale()) <= MAX_PLAIN_SCALE ? stripped.toPlainString() : stripped.toString();
    }
}
