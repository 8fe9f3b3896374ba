package io.interchange.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.ItemType;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.ApiException;
import io.interchange.platform.Cursors;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed exchange query ({@code item=value&fields=a,b&limit=50&cursor=…}), checked against the catalogue: only
 * known, filterable items; values typed by item type. Nothing here is ever spliced into SQL.
 */
record Query(Map<String, String> filter, Map<String, Object> typed, List<String> fields, int limit, String after) {

    static final Set<String> RESERVED = Set.of("fields", "limit", "cursor", "sort");
    static final List<String> OPERATORS = List.of("in:", "gt:", "gte:", "lt:", "lte:", "prefix:");
    static final int MAX_VALUE_LENGTH = 4000;

    static Query parse(Map<String, List<String>> parameters, ResourceView resource, int defaultLimit, int maxLimit) {
        List<FieldError> problems = new ArrayList<>();
        Map<String, String> filter = new LinkedHashMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
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
                default -> filter(resource, name, value, filter, typed, problems);
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
        return new Query(filter, typed, List.copyOf(fields), limit == null ? defaultLimit : limit, after);
    }

    private static void filter(
            ResourceView resource,
            String name,
            String value,
            Map<String, String> filter,
            Map<String, Object> typed,
            List<FieldError> problems) {
        DataItem item = resource.item(name).orElse(null);
        if (item == null) {
            problems.add(new FieldError(abbreviate(name), "is not an item of " + resource.id()));
            return;
        }
        if (!item.isFilterable()) {
            problems.add(new FieldError(name, "is not filterable"));
            return;
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            problems.add(new FieldError(name, "value is longer than " + MAX_VALUE_LENGTH + " characters"));
            return;
        }
        for (String operator : OPERATORS) {
            if (value.startsWith(operator)) {
                problems.add(new FieldError(
                        name,
                        "operator " + operator + " is not supported by this hub version yet; "
                                + "use equality (prefix eq: to match a value that starts with an operator word)"));
                return;
            }
        }
        String literal = value.startsWith("eq:") ? value.substring(3) : value;
        Object converted = convert(item.type(), literal);
        if (converted == null) {
            problems.add(
                    new FieldError(name, "'" + abbreviate(literal) + "' is not a valid " + item.type() + " value"));
            return;
        }
        filter.put(name, literal);
        typed.put(name, converted);
    }

    /** The JSON value the stored row holds for an equal value, or null when the text cannot be one. */
    private static Object convert(ItemType type, String text) {
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
                default -> text;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    ObjectNode filterJson(ObjectMapper mapper) {
        return mapper.valueToTree(typed);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
