package io.interchange.ledger.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units, no whitespace, strings with the minimal
 * escapes of ECMAScript's JSON.stringify, numbers in ECMAScript Number-to-String form. JDK only.
 */
public final class Jcs {

    private Jcs() {}

    public static byte[] canonicalBytes(Object value) {
        return canonicalize(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Canonical form of a JSON text. */
    public static String canonicalizeText(String json) {
        return canonicalize(Json.parse(json));
    }

    /** Canonical form of a value made of Map, Collection, String, Number, Boolean and null (other objects: toString). */
    public static String canonicalize(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (value instanceof Number n) {
            sb.append(number(n));
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            for (Object k : map.keySet()) {
                keys.add(String.valueOf(k));
            }
            keys.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 §3.2.3 asks
            sb.append('{');
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(k, sb);
                sb.append(':');
                write(map.get(k), sb);
            }
            sb.append('}');
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(item, sb);
            }
            sb.append(']');
        } else {
            string(value.toString(), sb);
        }
    }

    static void string(String s, StringBuilder sb) {
        sb.append('"');
        if (plain(s)) {
            sb.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c)
                                && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            throw new IllegalArgumentException("lone surrogate in string");
                        }
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Whether the string goes out as it is: nothing to escape, no surrogate to check (the common case). */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Integers a double holds exactly print as their digits in ECMAScript, as {@link Long#toString} prints them. */
    private static final long EXACT = 1L << 53;

    /** ECMAScript Number.prototype.toString of the value as an IEEE 754 double (RFC 8785 §3.2.2.3). */
    public static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            long v = n.longValue();
            if (-EXACT <= v && v <= EXACT) {
                return Long.toString(v);
            }
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no NaN or Infinity");
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal shortest = shortest(d);
        String digits = shortest.unscaledValue().abs().toString();
        int k = digits.length();
        int e = k - shortest.scale(); // value = 0.digits × 10^e, ECMAScript's n
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        if (k <= e && e <= 21) {
            sb.append(digits).append("0".repeat(e - k));
        } else if (0 < e && e <= 21) {
            sb.append(digits, 0, e).append('.').append(digits, e, k);
        } else if (-6 < e && e <= 0) {
            sb.append("0.").append("0".repeat(-e)).append(digits);
        } else {
            int exp = e - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
        }
        return sb.toString();
    }

    /** The fewest significant digits that read back as d, nearest to d when several do. */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        if (d == Math.rint(d) && Math.abs(d) <= 9007199254740992.0) {
            return stripped(new BigDecimal(exact.toBigInteger()));
        }
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return stripped(r);
            }
            // next to a power of two the round-trip interval is lopsided: the farther neighbour may still read back
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal other = exact.round(new MathContext(p, mode));
                if (other.doubleValue() == d) {
                    return stripped(other);
                }
            }
        }
        return stripped(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static BigDecimal stripped(BigDecimal b) {
        BigDecimal s = b.stripTrailingZeros();
        return s.unscaledValue().equals(BigInteger.ZERO) ? BigDecimal.ZERO : s;
    }
}
