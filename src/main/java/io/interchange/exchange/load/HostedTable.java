package io.interchange.exchange.load;

import io.interchange.catalog.ItemType;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how the rows of one hosted resource are stored: a table of its own in schema {@code hosted}, named by the
 * resource id, with the row key in {@code _key} (the primary-key item's value as text, so the primary key index answers
 * keyed lookups), the load line in {@code _line}, and one {@code text collate "C"} column per other item holding the
 * value's JSON scalar text. Text columns take COPY at the speed of a plain table and never need rewriting when an item
 * changes type; comparisons go through a typed expression per item type, and the filterable items get a b-tree on that
 * very expression, so a filter and its index always agree.
 *
 * <p>Every identifier here is produced by the hub: table names from resource ids (which the catalogue generates) and
 * column names from item names the catalogue validated against {@link #ITEM_NAME}; they are still quoted, and a name
 * that does not pass the pattern is refused rather than spliced.
 */
public final class HostedTable {

    public static final String SCHEMA = "hosted";
    public static final String KEY = "_key";
    public static final String LINE = "_line";

    /** Item names as the catalogue accepts them; column names are exactly these. */
    static final Pattern ITEM_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    private static final Pattern RESOURCE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$");

    /** Longest declared C item that is indexed: a b-tree entry must stay below ~2.7 kB, and a character is ≤ 4 bytes. */
    static final int MAX_INDEXED_LENGTH = 600;

    /** How an item's text is compared: as text (C collation: byte order), as a number, a date or an instant. */
    public enum Kind {
        TEXT,
        NUMBER,
        DATE,
        INSTANT
    }

    /**
     * What the broker needs to turn a query into SQL over a resource's table: the item held in {@code _key} (null when
     * the resource has no primary key) and every item's type.
     */
    public record Layout(String keyItem, Map<String, ItemType> types) {

        public static Layout of(ResourceView resource) {
            Map<String, ItemType> types = new LinkedHashMap<>();
            String key = null;
            for (DataItem item : resource.items()) {
                types.put(item.name(), item.type());
                if (item.isPrimaryKey() && key == null) {
                    key = item.name();
                }
            }
            return new Layout(key, Map.copyOf(types));
        }

        public ItemType type(String item) {
            return types.get(item);
        }

        /**
         * This layout without the items {@code columns} lacks (items added to the catalogue since the last load): a
         * condition on one of them then matches no row, as no row has a value for it.
         */
        public Layout restrictedTo(java.util.Collection<String> columns) {
            Map<String, ItemType> present = new LinkedHashMap<>();
            types.forEach((item, type) -> {
                if (item.equals(keyItem) || columns.contains(item)) {
                    present.put(item, type);
                }
            });
            return new Layout(keyItem, Map.copyOf(present));
        }

        /**
         * The SQL that yields {@code item}'s value compared by its type: e.g. {@code ("amount")::numeric}. The same
         * text is the expression of the item's index.
         */
        public String expression(String item) {
            ItemType type = types.get(item);
            String column = item.equals(keyItem) ? KEY : column(item);
            return HostedTable.expression(column, kind(type));
        }
    }

    private HostedTable() {}

    /** {@code hosted."<resource id>"}. */
    public static String table(String resourceId) {
        return SCHEMA + "." + quote(tableName(resourceId));
    }

    static String tableName(String resourceId) {
        if (!RESOURCE_ID.matcher(resourceId).matches()) {
            throw new IllegalArgumentException("not a resource id the hub generates: " + resourceId);
        }
        return resourceId;
    }

    /** The quoted column of an item; refuses a name the catalogue would not have accepted. */
    public static String column(String item) {
        if (!ITEM_NAME.matcher(item).matches()) {
            throw new IllegalArgumentException("not an item name: " + item);
        }
        return quote(item);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static Kind kind(ItemType type) {
        if (type == null) {
            return Kind.TEXT;
        }
        return switch (type) {
            case N, Y, I, F -> Kind.NUMBER;
            case D -> Kind.DATE;
            case T -> Kind.INSTANT;
            default -> Kind.TEXT;
        };
    }

    static String expression(String quotedColumn, Kind kind) {
        return switch (kind) {
            case TEXT -> quotedColumn;
            case NUMBER -> "(" + quotedColumn + "::numeric)";
            case DATE -> SCHEMA + ".as_date(" + quotedColumn + ")";
            case INSTANT -> SCHEMA + ".as_instant(" + quotedColumn + ")";
        };
    }

    /** The items stored in columns of their own: every item but the one held in {@code _key}. */
    static List<DataItem> columns(ResourceView resource) {
        String key = Layout.of(resource).keyItem();
        return resource.items().stream().filter(i -> !i.name().equals(key)).toList();
    }

    /**
     * The index an item gets, if any: filterable items and subject identifiers (which verification compares), unless
     * the primary-key index already serves them (a text key) or their values may be too long for a b-tree entry.
     */
    static Optional<Kind> indexKind(DataItem item) {
        if (!item.isFilterable() && !item.isSubjectIdentifier()) {
            return Optional.empty();
        }
        Kind kind = kind(item.type());
        if (item.isPrimaryKey() && kind == Kind.TEXT) {
            return Optional.empty();
        }
        return switch (item.type()) {
            case C ->
                item.length() != null && item.length() <= MAX_INDEXED_LENGTH ? Optional.of(kind) : Optional.empty();
            case N, Y, I, F, D, T, L -> Optional.of(kind);
            default -> Optional.empty();
        };
    }

    /** Index name: the table's name, {@code ~}, and a digest of item and kind (item names can be 63 characters). */
    static String indexName(String tableName, String item, Kind kind) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((item + ":" + kind.name().toLowerCase(java.util.Locale.ROOT))
                            .getBytes(StandardCharsets.UTF_8));
            return tableName + "~" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code create table} for a resource's rows under {@code tableName} (unqualified, in schema hosted). */
    static String createTable(String qualified, ResourceView resource) {
        StringBuilder sql = new StringBuilder("create table ")
                .append(qualified)
                .append(" (")
                .append(KEY)
                .append(" text collate \"C\" not null, ")
                .append(LINE)
                .append(" bigint");
        for (DataItem item : columns(resource)) {
            sql.append(", ").append(column(item.name())).append(" text collate \"C\"");
        }
        return sql.append(')').toString();
    }

    /** The wanted secondary indexes of a resource's table named {@code tableName}: index name → definition. */
    static Map<String, String> wantedIndexes(String tableName, ResourceView resource) {
        Layout layout = Layout.of(resource);
        Map<String, String> wanted = new LinkedHashMap<>();
        for (DataItem item : resource.items()) {
            indexKind(item).ifPresent(kind -> {
                String name = indexName(tableName, item.name(), kind);
                wanted.put(
                        name,
                        "create index " + quote(name) + " on " + SCHEMA + "." + quote(tableName) + " ("
                                + layout.expression(item.name()) + ")");
            });
        }
        return wanted;
    }

    /**
     * Makes the live table of {@code resource} match the catalogue: creates it when missing, adds columns for new
     * items, creates the wanted indexes and drops the hub's indexes no longer wanted. Used before an upsert; a replace
     * builds a fresh table instead.
     */
    static void ensure(Connection connection, ResourceView resource) throws SQLException {
        String name = tableName(resource.id());
        String qualified = table(resource.id());
        try (Statement statement = connection.createStatement()) {
            if (!exists(connection, name)) {
                statement.execute(createTable(qualified, resource));
                statement.execute("alter table " + qualified + " add constraint " + quote(name + "~pk")
                        + " primary key (" + KEY + ")");
            } else {
                // Only for columns really missing: ALTER TABLE locks out readers until the load commits.
                List<String> present = columnsOf(connection, qualified);
                for (DataItem item : columns(resource)) {
                    if (!present.contains(item.name())) {
                        statement.execute("alter table " + qualified + " add column " + column(item.name())
                                + " text collate \"C\"");
                    }
                }
            }
            Map<String, String> wanted = wantedIndexes(name, resource);
            List<String> present = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "select indexname from pg_indexes where schemaname = ? and tablename = ?")) {
                query.setString(1, SCHEMA);
                query.setString(2, name);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getString(1));
                    }
                }
            }
            for (Map.Entry<String, String> index : wanted.entrySet()) {
                if (!present.contains(index.getKey())) {
                    statement.execute(index.getValue());
                }
            }
            for (String index : present) {
                if (index.startsWith(name + "~") && !index.equals(name + "~pk") && !wanted.containsKey(index)) {
                    statement.execute("drop index " + SCHEMA + "." + quote(index));
                }
            }
        }
    }

    /** The columns {@code qualified} (a {@link #table} name) has now. */
    public static List<String> columnsOf(Connection connection, String qualified) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select attname from pg_attribute"
                + " where attrelid = to_regclass(?) and attnum > 0 and not attisdropped")) {
            query.setString(1, qualified);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    static boolean exists(Connection connection, String tableName) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select 1 from pg_tables where schemaname = ? and tablename = ?")) {
            query.setString(1, SCHEMA);
            query.setString(2, tableName);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }
}
