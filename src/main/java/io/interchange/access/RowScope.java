package io.interchange.access;

import io.interchange.catalog.ItemType;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The row scope of a grant (API.md): {@code item op literal [AND item op literal …]} with the operators {@code = != <
 * <= > >= IN (…)}, string literals in single quotes ({@code ''} is an escaped quote) and bare numbers.
 *
 * <p>Parsed into conditions and never spliced into SQL: the broker builds SQL from a fixed template per operator and
 * binds every literal as a parameter. Positions in error messages are 1-based character positions in the scope text.
 */
public record RowScope(List<Condition> conditions) {

    /** The scope of a grant without one: every row. */
    public static final RowScope ALL = new RowScope(List.of());

    /** Upper bound of the scope text; a scope is a handful of conditions, not a data set. */
    static final int MAX_LENGTH = 4000;

    public RowScope {
        conditions = List.copyOf(conditions);
    }

    public enum Op {
        EQ("="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        IN("IN");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean ordering() {
            return this == LT || this == LE || this == GT || this == GE;
        }
    }

    public enum LiteralKind {
        STRING,
        NUMBER
    }

    /** A literal as written: the unescaped text of a string, or the digits of a number; {@code position} is 1-based. */
    public record Literal(LiteralKind kind, String text, int position) {

        public Literal {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        public BigDecimal number() {
            return new BigDecimal(text);
        }

        String normalised() {
            return kind == LiteralKind.NUMBER ? text : "'" + text.replace("'", "''") + "'";
        }
    }

    /** {@code item op value} or {@code item IN (values)}; {@code values} has exactly one member unless {@code IN}. */
    public record Condition(String item, int position, Op op, List<Literal> values) {

        public Condition {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(op, "op");
            values = List.copyOf(values);
        }

        String normalised() {
            if (op == Op.IN) {
                return item + " IN (" + values.stream().map(Literal::normalised).collect(Collectors.joining(", "))
                        + ")";
            }
            return item + " " + op.symbol() + " " + values.get(0).normalised();
        }
    }

    /** A scope that is not well formed; the message names the 1-based position, e.g. "expected a value at position 14". */
    public static final class SyntaxException extends IllegalArgumentException {
        private final int position;

        SyntaxException(String problem, int position) {
            super(problem + " at position " + position);
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    /** Null or blank means no scope ({@link #ALL}). */
    public static RowScope parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        if (text.length() > MAX_LENGTH) {
            throw new SyntaxException("the scope is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
        }
        return new Parser(text).scope();
    }

    public boolean isAll() {
        return conditions.isEmpty();
    }

    /** The canonical text stored on the grant: single spaces, upper-case keywords, literals re-quoted; null for ALL. */
    public String normalised() {
        return isAll() ? null : conditions.stream().map(Condition::normalised).collect(Collectors.joining(" AND "));
    }

    @Override
    public String toString() {
        return isAll() ? "(all rows)" : normalised();
    }

    /**
     * The problems of this scope against the resource: unknown or non-filterable items, operators the item's type
     * cannot take, literals of the wrong type. Each message names the position; empty when the scope fits.
     */
    public List<String> problems(ResourceView resource) {
        List<String> problems = new ArrayList<>();
        for (Condition c : conditions) {
            Optional<DataItem> found = resource.item(c.item());
            if (found.isEmpty()) {
                problems.add("'" + c.item() + "' at position " + c.position() + " is not an item of resource "
                        + resource.id());
                continue;
            }
            DataItem item = found.get();
            if (!item.isFilterable()) {
                problems.add("'" + c.item() + "' at position " + c.position() + " is not filterable");
                continue;
            }
            ItemType type = item.type();
            if (!comparable(type)) {
                problems.add("'" + c.item() + "' at position " + c.position() + " is of type " + type + " ("
                        + type.labelEn() + "), which a row scope cannot compare");
                continue;
            }
            if (c.op().ordering() && !type.supportsRange()) {
                problems.add("operator " + c.op().symbol() + " at position " + c.position() + " needs an item of a "
                        + "numeric, date or date-time type; '" + c.item() + "' is " + type + " (use =, != or IN)");
                continue;
            }
            for (Literal value : c.values()) {
                literalProblem(type, value)
                        .ifPresent(p -> problems.add("value at position " + value.position() + " " + p + " (item '"
                                + c.item() + "' is " + type + ", " + type.labelEn() + ")"));
            }
        }
        return problems;
    }

    /** Item types a scope can compare; binary, logical and memo items are left out. */
    public static boolean comparable(ItemType type) {
        return switch (type) {
            case C, N, Y, I, F, D, T -> true;
            default -> false;
        };
    }

    /** Whether the broker compares this type as a number. */
    public static boolean numeric(ItemType type) {
        return type == ItemType.N || type == ItemType.Y || type == ItemType.I || type == ItemType.F;
    }

    private static Optional<String> literalProblem(ItemType type, Literal value) {
        switch (type) {
            case N, Y, F -> {
                return value.kind() == LiteralKind.NUMBER ? Optional.empty() : Optional.of("must be a bare number");
            }
            case I -> {
                if (value.kind() != LiteralKind.NUMBER) {
                    return Optional.of("must be a bare integer");
                }
                try {
                    value.number().longValueExact();
                    return Optional.empty();
                } catch (ArithmeticException e) {
                    return Optional.of("must be an integer");
                }
            }
            case C -> {
                return value.kind() == LiteralKind.STRING
                        ? Optional.empty()
                        : Optional.of("must be a quoted string such as '" + value.text() + "'");
            }
            case D -> {
                if (value.kind() == LiteralKind.STRING && value.text().length() == 10) {
                    try {
                        LocalDate.parse(value.text());
                        return Optional.empty();
                    } catch (DateTimeParseException e) {
                        // fall through to the message
                    }
                }
                return Optional.of("must be a quoted date 'YYYY-MM-DD'");
            }
            case T -> {
                if (value.kind() == LiteralKind.STRING) {
                    try {
                        OffsetDateTime.parse(value.text());
                        return Optional.empty();
                    } catch (DateTimeParseException e) {
                        // fall through to the message
                    }
                }
                return Optional.of("must be a quoted date-time with offset 'YYYY-MM-DDThh:mm:ss+08:00'");
            }
            default -> {
                return Optional.of("cannot be compared");
            }
        }
    }

    /** Recursive descent over the characters; no regular expressions, so every error knows its position. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        RowScope scope() {
            List<Condition> conditions = new ArrayList<>();
            skipSpace();
            if (i >= s.length()) {
                throw error("expected an item name");
            }
            conditions.add(condition());
            while (true) {
                skipSpace();
                if (i >= s.length()) {
                    return new RowScope(conditions);
                }
                int at = i;
                String word = word();
                if (!"AND".equals(word.toUpperCase(Locale.ROOT))) {
                    i = at;
                    throw error("expected AND or the end of the scope");
                }
                requireSpaceAfterKeyword("AND");
                skipSpace();
                conditions.add(condition());
            }
        }

        private Condition condition() {
            skipSpace();
            int start = i;
            if (i >= s.length() || !isNameStart(s.charAt(i))) {
                throw error("expected an item name");
            }
            String item = word();
            if (!item.matches("[a-z][a-z0-9_]{0,62}")) {
                i = start;
                throw error("expected an item name (lower-case letters, digits and _)");
            }
            skipSpace();
            Op op = operator();
            if (op == Op.IN) {
                skipSpace();
                if (i >= s.length() || s.charAt(i) != '(') {
                    throw error("expected ( after IN");
                }
                i++;
                List<Literal> values = new ArrayList<>();
                skipSpace();
                if (i < s.length() && s.charAt(i) == ')') {
                    throw error("expected a value (IN needs at least one)");
                }
                while (true) {
                    skipSpace();
                    values.add(literal());
                    skipSpace();
                    if (i >= s.length()) {
                        throw error("expected , or )");
                    }
                    char c = s.charAt(i);
                    if (c == ',') {
                        i++;
                    } else if (c == ')') {
                        i++;
                        break;
                    } else {
                        throw error("expected , or )");
                    }
                }
                return new Condition(item, start + 1, op, values);
            }
            skipSpace();
            return new Condition(item, start + 1, op, List.of(literal()));
        }

        private Op operator() {
            if (i >= s.length()) {
                throw error("expected an operator (=, !=, <, <=, >, >= or IN)");
            }
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
            switch (c) {
                case '=' -> {
                    i++;
                    return Op.EQ;
                }
                case '!' -> {
                    if (next == '=') {
                        i += 2;
                        return Op.NE;
                    }
                }
                case '<' -> {
                    if (next == '=') {
                        i += 2;
                        return Op.LE;
                    }
                    if (next == '>') {
                        i += 2;
                        return Op.NE;
                    }
                    i++;
                    return Op.LT;
                }
                case '>' -> {
                    if (next == '=') {
                        i += 2;
                        return Op.GE;
                    }
                    i++;
                    return Op.GT;
                }
                default -> {
                    if (isNameStart(c)) {
                        int at = i;
                        String word = word();
                        if ("IN".equals(word.toUpperCase(Locale.ROOT))) {
                            return Op.IN;
                        }
                        i = at;
                    }
                }
            }
            throw error("expected an operator (=, !=, <, <=, >, >= or IN)");
        }

        private Literal literal() {
            if (i >= s.length()) {
                throw error("expected a value");
            }
            int start = i;
            char c = s.charAt(i);
            if (c == '\'') {
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        i = start;
                        throw error("unterminated string (a quote inside a string is written '')");
                    }
                    char ch = s.charAt(i);
                    if (ch == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            text.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (ch == '\u0000') {
                        throw error("a string must not contain NUL");
                    }
                    text.append(ch);
                    i++;
                }
                return new Literal(LiteralKind.STRING, text.toString(), start + 1);
            }
            if (c == '-' || c == '+' || isDigit(c)) {
                i++;
                while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                String number = s.substring(start, i);
                if (i < s.length() && isNameStart(s.charAt(i))) {
                    throw error("expected a number");
                }
                if (!number.matches("[-+]?\\d{1,30}(\\.\\d{1,30})?")) {
                    i = start;
                    throw error("expected a number such as 42 or -1.5");
                }
                return new Literal(LiteralKind.NUMBER, new BigDecimal(number).toPlainString(), start + 1);
            }
            throw error("expected a value (a 'quoted string' or a number)");
        }

        private String word() {
            int start = i;
            while (i < s.length() && (isNameStart(s.charAt(i)) || isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            return s.substring(start, i);
        }

        private void requireSpaceAfterKeyword(String keyword) {
            if (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                throw error("expected a space after " + keyword);
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private static boolean isNameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private SyntaxException error(String problem) {
            return new SyntaxException(problem, i + 1);
        }
    }
}
