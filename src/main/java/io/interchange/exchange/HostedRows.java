package io.interchange.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.access.RowScope;
import io.interchange.catalog.ItemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Reads of the table of hosted rows (loads write it through {@code load.RowCopier}). Every value reaches PostgreSQL as a bound parameter — filters travel as one JSON document
 * matched by containment ({@code @>}), which the GIN index answers — so no caller input is ever part of SQL text.
 */
@ApplicationScoped
class HostedRows {

    record Row(String key, ObjectNode data) {}

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /**
     * Rows matching every equality in {@code filter} (and the key, when given), ordered by key, after {@code afterKey},
     * at most {@code limit}, within the row scope: each condition becomes SQL
     * from a fixed template per operator and item type, with the item name and every literal bound as parameters.
     * {@code types} gives each item's type; a scope item the resource no longer has matches no row (fail closed).
     */
    List<Row> find(
            String resourceId,
            ObjectNode filter,
            String keyEquals,
            RowScope scope,
            Map<String, String> prefixes,
            Function<String, ItemType> types,
            String afterKey,
            int limit) {
        List<Object> scopeParams = new ArrayList<>();
        String scopeSql = scopeSql(scope, types, scopeParams);
        if (keyEquals != null) {
            // A lookup by primary key goes through the (resource_id, row_key) b-tree, not the JSON index.
            scopeSql += " and row_key = ?";
            scopeParams.add(keyEquals);
        }
        for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
            // starts_with compares text exactly: no LIKE wildcards to escape.
            scopeSql += " and starts_with(data->>?, ?)";
            scopeParams.add(prefix.getKey());
            scopeParams.add(prefix.getValue());
        }
        String sql = "select row_key, data from hosted_row where resource_id = ? and data @> ?::jsonb" + scopeSql
                + (afterKey != null ? " and row_key > ?" : "") + " order by row_key limit ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(sql)) {
            int i = 1;
            query.setString(i++, resourceId);
            query.setString(i++, json(filter));
            for (Object param : scopeParams) {
                if (param instanceof BigDecimal number) {
                    query.setBigDecimal(i++, number);
                } else {
                    query.setString(i++, (String) param);
                }
            }
            if (afterKey != null) {
                query.setString(i++, afterKey);
            }
            query.setInt(i, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), (ObjectNode) mapper.readTree(rs.getString(2))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading rows of " + resourceId + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code " and (…) and (…)"} for the scope's conditions, or "" for no scope; appends the values to bind, in order,
     * to {@code params} (Strings and BigDecimals). No text of the scope ever reaches the SQL.
     */
    static String scopeSql(RowScope scope, Function<String, ItemType> types, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        for (RowScope.Condition condition : scope.conditions()) {
            ItemType type = types.apply(condition.item());
            if (type == null || !RowScope.comparable(type)) {
                sql.append(" and false");
                continue;
            }
            String cast = cast(type);
            String value = RowScope.numeric(type) ? "?" : "?" + cast;
            sql.append(" and (data->>?)").append(cast);
            params.add(condition.item());
            if (condition.op() == RowScope.Op.IN) {
                sql.append(" in (");
                for (int k = 0; k < condition.values().size(); k++) {
                    sql.append(k == 0 ? "" : ", ").append(value);
                }
                sql.append(')');
            } else {
                sql.append(' ').append(operator(condition.op())).append(' ').append(value);
            }
            for (RowScope.Literal literal : condition.values()) {
                params.add(RowScope.numeric(type) ? literal.number() : literal.text());
            }
        }
        return sql.toString();
    }

    private static String cast(ItemType type) {
        if (RowScope.numeric(type)) {
            return "::numeric";
        }
        return switch (type) {
            case D -> "::date";
            case T -> "::timestamptz";
            default -> "";
        };
    }

    private static String operator(RowScope.Op op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case IN -> throw new IllegalArgumentException("IN has its own template");
        };
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
