package io.interchange.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.access.RowScope;
import io.interchange.catalog.ItemType;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.exchange.upstream.UpstreamClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream source as the broker sees it: the provider's API is asked with the query's equalities, and what it
 * answers is held to the query and the grant's row scope here, in the hub — an upstream that answers more than it was
 * asked for (or ignores a parameter) releases nothing beyond the grant.
 */
@ApplicationScoped
class UpstreamSource {

    @Inject
    UpstreamClient client;

    /**
     * At most {@code limit} rows matching every criterion and scope condition, keyed by primary key (or position): a
     * stage the provider's answer completes (refusals found before the call are thrown at once).
     */
    java.util.concurrent.CompletableFuture<List<HostedRows.Row>> find(
            ResourceView resource, Query query, RowScope scope, int limit) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Query.Criterion c : query.criteria()) {
            if (c.op() == Query.Op.EQ) {
                values.putIfAbsent(c.item(), c.values().get(0));
            }
        }
        String key = resource.items().stream()
                .filter(DataItem::isPrimaryKey)
                .map(DataItem::name)
                .findFirst()
                .orElse(null);
        return client.fetch(resource, values).thenApply(records -> {
            List<HostedRows.Row> rows = new ArrayList<>();
            int position = 0;
            for (ObjectNode record : records) {
                position++;
                if (rows.size() < limit && matches(record, query, scope, resource)) {
                    JsonNode k = key == null ? null : record.get(key);
                    rows.add(new HostedRows.Row(
                            k == null || k.isNull() ? Integer.toString(position) : k.asText(), record));
                }
            }
            return rows;
        });
    }

    /** Whether a record satisfies every query criterion and every scope condition; unknown or null values never do. */
    static boolean matches(ObjectNode record, Query query, RowScope scope, ResourceView resource) {
        for (Query.Criterion c : query.criteria()) {
            ItemType type = resource.item(c.item()).map(DataItem::type).orElse(null);
            JsonNode value = record.get(c.item());
            if (type == null || value == null || value.isNull()) {
                return false;
            }
            boolean ok = switch (c.op()) {
                case EQ, IN -> c.values().stream().anyMatch(v -> compare(type, value, v) == 0);
                case GT -> positive(compare(type, value, c.values().get(0)));
                case GE -> nonNegative(compare(type, value, c.values().get(0)));
                case LT -> negative(compare(type, value, c.values().get(0)));
                case LE -> nonPositive(compare(type, value, c.values().get(0)));
                case PREFIX ->
                    value.isTextual() && value.asText().startsWith(c.values().get(0));
            };
            if (!ok) {
                return false;
            }
        }
        for (RowScope.Condition condition : scope.conditions()) {
            ItemType type = resource.item(condition.item()).map(DataItem::type).orElse(null);
            JsonNode value = record.get(condition.item());
            if (type == null || !RowScope.comparable(type) || value == null || value.isNull()) {
                return false; // fail closed, as the SQL form does
            }
            List<Integer> results = condition.values().stream()
                    .map(l -> compare(
                            type, value, RowScope.numeric(type) ? l.number().toPlainString() : l.text()))
                    .toList();
            Integer first = results.get(0);
            boolean ok = switch (condition.op()) {
                case EQ -> first != null && first == 0;
                case NE -> first != null && first != 0;
                case LT -> negative(first);
                case LE -> nonPositive(first);
                case GT -> positive(first);
                case GE -> nonNegative(first);
                case IN -> results.stream().anyMatch(r -> r != null && r == 0);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** value ⋚ literal by item type; null when they cannot be compared (a wrong-typed value or literal). */
    static Integer compare(ItemType type, JsonNode value, String literal) {
        try {
            return switch (type) {
                case N, Y, F, I ->
                    value.isNumber() || value.isTextual()
                            ? new BigDecimal(value.asText().strip()).compareTo(new BigDecimal(literal.strip()))
                            : null;
                case L ->
                    value.isBoolean() && (literal.equals("true") || literal.equals("false"))
                            ? Boolean.compare(value.booleanValue(), Boolean.parseBoolean(literal))
                            : null;
                case D -> LocalDate.parse(value.asText().strip()).compareTo(LocalDate.parse(literal.strip()));
                case T ->
                    OffsetDateTime.parse(value.asText().strip())
                            .toInstant()
                            .compareTo(OffsetDateTime.parse(literal.strip()).toInstant());
                default -> value.isValueNode() ? Integer.signum(value.asText().compareTo(literal)) : null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean positive(Integer c) {
        return c != null && c > 0;
    }

    private static boolean nonNegative(Integer c) {
        return c != null && c >= 0;
    }

    private static boolean negative(Integer c) {
        return c != null && c < 0;
    }

    private static boolean nonPositive(Integer c) {
        return c != null && c <= 0;
    }
}
