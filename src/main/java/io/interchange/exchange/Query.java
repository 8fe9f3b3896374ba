package io.interchange.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.access.RowScope;
import io.interchange.catalog.ItemType;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.ApiException;
import io.interchange.platform.Cursors;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed exchange query ({@code item=value}, {@code item=in:a,b}, {@code item=gte:10}, {@code item=prefix:3301},
 * {@code fields=a,b}, {@code limit}, {@code cursor}), checked against the catalogue: only known, filterable items,
 * operators that fit the item's type, values typed by item type. Nothing here is ever spliced into SQL.
 */
record Query(List<Criterion> criteria, List<String> fields, int limit, String after) {

    static final Set<String> RESERVED = Set.of("fields", "limit", "cursor", "sort");
    static final int MAX_VALUE_LENGTH = 4000;
    static final int MAX_IN_VALUES = 1000;

    enum Op {
        EQ("eq:"),
        IN("in:"),
        GT("gt:"),
        GE("gte:"),
        LT("lt:"),
        LE("lte:"),
        PREFIX("prefix:");

        final String word;

        Op(String word) {
            this.word = word;
        }
    }

    /** One filter: the item, the operator and its values as written (after the operator word). */
    record Criterion(String item, Op op, List<String> values) {

        /** How the ledger shows it: {@code value}, or {@code op:v1,v2} for operators other than equality. */
        String display(java.util.function.UnaryOperator<String> eachValue) {
            List<String> shown = values.stream().map(eachValue).toList();
            return op == Op.EQ ? shown.get(0) : op.word + String.join(",", shown);
        }
    }

    static Query parse(Map<String, List<String>> parameters, ResourceView resource, int defaultLimit, int maxLimit) {
        List<FieldError> problems = new ArrayList<>();
        List<Criterion> criteria = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        Integer limit = null;
        String after = null;
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            List<String> values = parameter.getValue();
            if (values.size() != 1) {
                problems.add(new FieldError(name, "may be given once"));
                continue;
            }
            String value = values.get(0);
            switch (name) {
                case "fields" -> {
                    for (String field : value.split(",")) {
                        String f = field.strip();
                        if (resource.item(f).isEmpty()) {
                            problems.add(new FieldError(
                                    "fields", "'" + abbreviate(f) + "' is not an item of " + resource.id()));
                        } else if (!fields.contains(f)) {
                            fields.add(f);
                        }
                    }
                }
                case "limit" -> {
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        problems.add(new FieldError("limit", "must be a whole number"));
                    }
                }
                case "cursor" -> after = Cursors.decode(value);
                case "sort" ->
                    problems.add(new FieldError("sort", "results are ordered by primary key; sort is not supported"));
                default -> criterion(resource, name, value, problems).ifPresent(criteria::add);
            }
        }
        if (limit != null && (limit < 1 || limit > maxLimit)) {
            problems.add(new FieldError("limit", "must be between 1 and " + maxLimit));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(
                    ErrorCode.BAD_QUERY,
                    problems.get(0).field() + ": " + problems.get(0).message(),
                    problems);
        }
        return new Query(List.copyOf(criteria), List.copyOf(fields), limit == null ? defaultLimit : limit, after);
    }

    /**
     * The values of a verification (核验) as equality criteria. Any shared item may be compared — not only filterable
     * ones — but the values must name the record: its primary key or a subject identifier.
     */
    static Query forVerification(Map<String, com.fasterxml.jackson.databind.JsonNode> values, ResourceView resource) {
        List<FieldError> problems = new ArrayList<>();
        List<Criterion> criteria = new ArrayList<>();
        if (values == null || values.isEmpty()) {
            problems.add(new FieldError("values", "must name at least one item"));
        } else {
            boolean identifies = false;
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> entry : values.entrySet()) {
                String name = entry.getKey();
                DataItem item = resource.item(name).orElse(null);
                com.fasterxml.jackson.databind.JsonNode value = entry.getValue();
                if (item == null) {
                    problems.add(new FieldError("values." + abbreviate(name), "is not an item of " + resource.id()));
                } else if (value == null || !value.isValueNode() || value.isNull()) {
                    problems.add(new FieldError("values." + name, "must be a text, number or boolean"));
                } else if (value.asText().length() > MAX_VALUE_LENGTH
                        || value.asText().indexOf('\u0000') >= 0) {
                    problems.add(new FieldError("values." + name, "is too long or holds a NUL character"));
                } else if (item.type() == ItemType.T || convert(item.type(), value.asText()) == null) {
                    problems.add(new FieldError("values." + name, "is not a valid " + item.type() + " value"));
                } else {
                    identifies |= item.isPrimaryKey() || item.isSubjectIdentifier();
                    criteria.add(new Criterion(name, Op.EQ, List.of(value.asText())));
                }
            }
            if (problems.isEmpty() && !identifies) {
                problems.add(new FieldError("values", "must include the primary key or a subject identifier"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(
                    ErrorCode.BAD_QUERY,
                    problems.get(0).field() + ": " + problems.get(0).message(),
                    problems);
        }
        return new Query(List.copyOf(criteria), List.of(), 1, null);
    }

    private static java.util.Optional<Criterion> criterion(
            ResourceView resource, String name, String value, List<FieldError> problems) {
        DataItem item = resource.item(name).orElse(null);
        if (item == null) {
            problems.add(new FieldError(abbreviate(name), "is not an item of " + resource.id()));
            return java.util.Optional.empty();
        }
        if (!item.isFilterable()) {
            problems.add(new FieldError(name, "is not filterable"));
            return java.util.Optional.empty();
        }
        if (value.indexOf('\u0000') >= 0) {
            problems.add(new FieldError(name, "value contains a NUL character"));
            return java.util.Optional.empty();
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            problems.add(new FieldError(name, "value is longer than " + MAX_VALUE_LENGTH + " characters"));
            return java.util.Optional.empty();
        }
        Op op = Op.EQ;
        String text = value;
        for (Op candidate : Op.values()) {
            if (value.startsWith(candidate.word)) {
                op = candidate;
                text = value.substring(candidate.word.length());
                break;
            }
        }
        ItemType type = item.type();
        boolean range = op == Op.GT || op == Op.GE || op == Op.LT || op == Op.LE;
        if (range && (!RowScope.comparable(type) || type == ItemType.C)) {
            problems.add(new FieldError(name, "ranges apply to numbers, dates and times, not to type " + type));
            return java.util.Optional.empty();
        }
        if (op == Op.PREFIX && type != ItemType.C) {
            problems.add(new FieldError(name, "prefix: applies to text items (type C) only"));
            return java.util.Optional.empty();
        }
        List<String> values = op == Op.IN ? List.of(text.split(",", -1)) : List.of(text);
        if (values.size() > MAX_IN_VALUES) {
            problems.add(new FieldError(name, "in: takes at most " + MAX_IN_VALUES + " values"));
            return java.util.Optional.empty();
        }
        for (String v : values) {
            if (op != Op.PREFIX && convert(type, v) == null) {
                problems.add(new FieldError(name, "'" + abbreviate(v) + "' is not a valid " + type + " value"));
                return java.util.Optional.empty();
            }
            if (op == Op.PREFIX && v.isEmpty()) {
                problems.add(new FieldError(name, "prefix: needs at least one character"));
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(new Criterion(name, op, values));
    }

    /** The JSON value the stored row holds for an equal value, or null when the text cannot be one. */
    static Object convert(ItemType type, String text) {
        try {
            return switch (type) {
                case N, Y, F -> new BigDecimal(text.strip());
                case I -> Long.parseLong(text.strip());
                case L ->
                    switch (text.strip()) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        default -> null;
                    };
                case D -> LocalDate.parse(text.strip()).toString();
                case T -> OffsetDateTime.parse(text.strip()).toString();
                default -> text;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Equalities as one JSON document matched by containment (index-assisted). */
    ObjectNode filterJson(ObjectMapper mapper, ResourceView resource) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Criterion c : criteria) {
            if (c.op() == Op.EQ
                    && resource.item(c.item()).map(i -> i.type() != ItemType.T).orElse(false)) {
                typed.put(
                        c.item(),
                        convert(
                                resource.item(c.item()).orElseThrow().type(),
                                c.values().get(0)));
            }
        }
        return mapper.valueToTree(typed);
    }

    /** Ranges, IN lists and date-time equalities, as row-scope conditions the broker ANDs with the grant's scope. */
    List<RowScope.Condition> conditions(ResourceView resource) {
        List<RowScope.Condition> conditions = new ArrayList<>();
        for (Criterion c : criteria) {
            ItemType type = resource.item(c.item()).orElseThrow().type();
            RowScope.Op op = switch (c.op()) {
                case IN -> RowScope.Op.IN;
                case GT -> RowScope.Op.GT;
                case GE -> RowScope.Op.GE;
                case LT -> RowScope.Op.LT;
                case LE -> RowScope.Op.LE;
                case EQ -> type == ItemType.T ? RowScope.Op.EQ : null;
                case PREFIX -> null;
            };
            if (op == null) {
                continue;
            }
            RowScope.LiteralKind kind =
                    RowScope.numeric(type) ? RowScope.LiteralKind.NUMBER : RowScope.LiteralKind.STRING;
            List<RowScope.Literal> literals = c.values().stream()
                    .map(v -> new RowScope.Literal(kind, kind == RowScope.LiteralKind.NUMBER ? v.strip() : v, 0))
                    .toList();
            conditions.add(new RowScope.Condition(c.item(), 0, op, literals));
        }
        return conditions;
    }

    /**
     * The stored row key an equality on the primary key names (rows are keyed by their primary-key value as text), so
     * the lookup can use the key index; null when the query has none or the key's text form is ambiguous.
     */
    String keyEquals(ResourceView resource) {
        for (Criterion c : criteria) {
            DataItem item = resource.item(c.item()).orElseThrow();
            if (c.op() == Op.EQ && item.isPrimaryKey()) {
                if (item.type() == ItemType.C) {
                    return c.values().get(0);
                }
                if (item.type() == ItemType.I) {
                    return Long.toString(Long.parseLong(c.values().get(0).strip()));
                }
            }
        }
        return null;
    }

    /** {@code prefix:} criteria: item → prefix. */
    Map<String, String> prefixes() {
        Map<String, String> prefixes = new LinkedHashMap<>();
        criteria.stream()
                .filter(c -> c.op() == Op.PREFIX)
                .forEach(c -> prefixes.put(c.item(), c.values().get(0)));
        return prefixes;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
