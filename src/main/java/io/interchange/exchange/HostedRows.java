package io.interchange.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.access.RowScope;
import io.interchange.catalog.ItemType;
import io.interchange.exchange.load.HostedTable;
import io.interchange.exchange.load.HostedTable.Kind;
import io.interchange.exchange.load.HostedTable.Layout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Reads of hosted rows (loads write them through {@code load.RowCopier}), from the resource's own table. Each condition
 * becomes SQL from a fixed template per operator and item kind, over the same typed expression the item's index is
 * built on, so filters and row scopes are index-assisted. Identifiers come from the catalogue (quoted); every value is
 * a bound parameter, so no caller input is ever part of SQL text.
 */
@ApplicationScoped
class HostedRows {

    record Row(String key, ObjectNode data) {}

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String UNDEFINED_COLUMN = "42703";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** Tables seen to exist; a resource's table is created by its first load and never goes away (a replace swaps). */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * Rows matching every equality in {@code filter} (and the key, when given), ordered by key, after {@code afterKey},
     * at most {@code limit}, within the row scope and with each {@code prefixes} item starting with its prefix. A
     * condition on an item the resource no longer has matches no row (fail closed).
     */
    List<Row> find(
            String resourceId,
            ObjectNode filter,
            String keyEquals,
            RowScope scope,
            Map<String, String> prefixes,
            Layout layout,
            String afterKey,
            int limit) {
        String table = HostedTable.table(resourceId);
        try (Connection c = dataSource.getConnection()) {
            if (!exists(c, table)) {
                return List.of(); // nothing loaded yet
            }
            try {
                return query(c, table, filter, keyEquals, scope, prefixes, layout, afterKey, limit);
            } catch (SQLException e) {
                // An item the catalogue added after the last load has no column yet: ask again without it.
                if (!UNDEFINED_COLUMN.equals(e.getSQLState()) || !c.getAutoCommit()) {
                    throw e;
                }
                Layout present = layout.restrictedTo(HostedTable.columnsOf(c, table));
                return query(c, table, filter, keyEquals, scope, prefixes, present, afterKey, limit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading rows of " + resourceId + " failed", e);
        }
    }

    private List<Row> query(
            Connection c,
            String table,
            ObjectNode filter,
            String keyEquals,
            RowScope scope,
            Map<String, String> prefixes,
            Layout layout,
            String afterKey,
            int limit)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> equal = it.next();
            where.append(equality(equal.getKey(), equal.getValue(), layout, params));
        }
        where.append(scopeSql(scope, layout, params));
        if (keyEquals != null) {
            where.append(" and ").append(HostedTable.KEY).append(" = ?");
            params.add(keyEquals);
        }
        for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
            where.append(prefixSql(prefix.getKey(), prefix.getValue(), layout, params));
        }
        if (afterKey != null) {
            where.append(" and ").append(HostedTable.KEY).append(" > ?");
            params.add(afterKey);
        }
        String sql = "select * from " + table + where + " order by " + HostedTable.KEY + " limit ?";
        try (PreparedStatement query = c.prepareStatement(sql)) {
            int i = 1;
            for (Object param : params) {
                if (param instanceof BigDecimal number) {
                    query.setBigDecimal(i++, number);
                } else {
                    query.setString(i++, (String) param);
                }
            }
            query.setInt(i, limit);
            return read(query, layout);
        }
    }

    private boolean exists(Connection c, String table) throws SQLException {
        if (known.contains(table)) {
            return true;
        }
        try (PreparedStatement query = c.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    known.add(table);
                    return true;
                }
                return false;
            }
        }
    }

    private List<Row> read(PreparedStatement query, Layout layout) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            int count = meta.getColumnCount();
            String[] names = new String[count + 1];
            for (int k = 1; k <= count; k++) {
                names[k] = meta.getColumnName(k);
            }
            while (rs.next()) {
                ObjectNode data = JSON.objectNode();
                String key = null;
                for (int k = 1; k <= count; k++) {
                    String name = names[k];
                    if (HostedTable.KEY.equals(name)) {
                        key = rs.getString(k);
                        continue;
                    }
                    ItemType type = layout.type(name);
                    String text = rs.getString(k);
                    if (type != null && text != null && !HostedTable.LINE.equals(name)) {
                        data.set(name, value(type, text));
                    }
                }
                if (layout.keyItem() != null && key != null) {
                    data.set(layout.keyItem(), value(layout.type(layout.keyItem()), key));
                }
                rows.add(new Row(key, data));
            }
        }
        return rows;
    }

    /** A stored cell back as the JSON value it was loaded as. */
    private JsonNode value(ItemType type, String text) {
        return switch (type) {
            case N, Y, I, F -> {
                try {
                    yield mapper.readTree(text); // parsed as any JSON number the hub reads
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case L -> JSON.booleanNode("true".equals(text));
            default -> JSON.textNode(text);
        };
    }

    /** {@code " and <expression> = ?"} for an equality filter (the filter holds typed JSON values). */
    private static String equality(String item, JsonNode value, Layout layout, List<Object> params) {
        ItemType type = layout.type(item);
        if (type == null || value == null || value.isNull() || !value.isValueNode()) {
            return " and false";
        }
        Kind kind = HostedTable.kind(type);
        if (kind == Kind.NUMBER) {
            if (!value.isNumber()) {
                return " and false";
            }
            params.add(value.decimalValue());
        } else {
            String literal = literal(kind, value.asText());
            if (literal == null) {
                return " and false";
            }
            params.add(literal);
        }
        return " and " + layout.expression(item) + " = " + placeholder(kind);
    }

    /**
     * {@code " and (…) and (…)"} for the scope's conditions, or "" for no scope; appends the values to bind, in order,
     * to {@code params} (Strings and BigDecimals). Item names become quoted columns of the catalogue's items; no text
     * of the scope itself ever reaches the SQL.
     */
    static String scopeSql(RowScope scope, Layout layout, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        for (RowScope.Condition condition : scope.conditions()) {
            ItemType type = layout.type(condition.item());
            if (type == null || !RowScope.comparable(type)) {
                sql.append(" and false");
                continue;
            }
            Kind kind = HostedTable.kind(type);
            List<Object> values = new ArrayList<>();
            for (RowScope.Literal literal : condition.values()) {
                Object value = RowScope.numeric(type) ? literal.number() : literal(kind, literal.text());
                if (value == null) {
                    break;
                }
                values.add(value);
            }
            if (values.size() != condition.values().size()) {
                sql.append(" and false"); // a literal that is no value of the item's type matches nothing
                continue;
            }
            sql.append(" and ").append(layout.expression(condition.item()));
            if (condition.op() == RowScope.Op.IN) {
                sql.append(" in (");
                for (int k = 0; k < values.size(); k++) {
                    sql.append(k == 0 ? "" : ", ").append(placeholder(kind));
                }
                sql.append(')');
            } else {
                sql.append(' ').append(operator(condition.op())).append(' ').append(placeholder(kind));
            }
            params.addAll(values);
        }
        return sql.toString();
    }

    /**
     * {@code prefix:} on a text item: a range on the item's C-collation b-tree (bytes order, so every value starting
     * with the prefix lies in [prefix, successor)) plus {@code starts_with} as the exact test.
     */
    static String prefixSql(String item, String prefix, Layout layout, List<Object> params) {
        ItemType type = layout.type(item);
        if (type == null || HostedTable.kind(type) != Kind.TEXT) {
            return " and false";
        }
        String expression = layout.expression(item);
        StringBuilder sql = new StringBuilder(" and ").append(expression).append(" >= ?");
        params.add(prefix);
        String upper = successor(prefix);
        if (upper != null) {
            sql.append(" and ").append(expression).append(" < ?");
            params.add(upper);
        }
        sql.append(" and starts_with(").append(expression).append(", ?)");
        params.add(prefix);
        return sql.toString();
    }

    /**
     * The least string greater than every string that starts with {@code prefix}, in code-point (= UTF-8 byte) order:
     * the prefix with its last code point incremented (dropping trailing U+10FFFF); null when there is none.
     */
    static String successor(String prefix) {
        int[] points = prefix.codePoints().toArray();
        for (int i = points.length - 1; i >= 0; i--) {
            int next = points[i] + 1;
            if (next == Character.MIN_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                points[i] = next;
                return new String(points, 0, i + 1);
            }
        }
        return null;
    }

    /** The text bound for a value of {@code kind}: instants normalised to UTC; null when it is no such value. */
    private static String literal(Kind kind, String text) {
        if (kind != Kind.INSTANT) {
            return text;
        }
        try {
            return OffsetDateTime.parse(text.strip())
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime()
                    .toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.strip()).toString();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String placeholder(Kind kind) {
        return switch (kind) {
            case TEXT, NUMBER -> "?";
            case DATE -> "?::date";
            case INSTANT -> "?::timestamp";
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
}
