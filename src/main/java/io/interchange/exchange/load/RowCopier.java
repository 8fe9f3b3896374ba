package io.interchange.exchange.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows with PostgreSQL COPY straight into their table, in the load's transaction. A replace fills a fresh
 * table, builds its primary key and indexes once the data is in (far cheaper than maintaining them row by row) and
 * swaps it for the live one; an upsert fills a session-private staging table and merges it by key. Duplicate keys are
 * found by the database, so memory stays flat however large the file.
 */
public final class RowCopier implements AutoCloseable {

    /** A key used by more than one row: the lines that repeat it. */
    public record Duplicate(String key, List<Long> lines) {}

    private static final String STAGE = "load_stage";
    private static final int FLUSH_AT = 1 << 16;

    private final Connection connection;
    private final ResourceView resource;
    private final boolean replace;
    private final String name;
    /** Where COPY writes: the next table of a replace, or the staging table of an upsert. */
    private final String target;

    private final String[] columns;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
    private long rows;

    /**
     * @param sortMemory PostgreSQL's {@code maintenance_work_mem} for this load's index builds (e.g. {@code 256MB});
     *     sorting a million keys in memory rather than in spill files halves the build
     */
    public RowCopier(Connection connection, ResourceView resource, boolean replace, String sortMemory)
            throws SQLException {
        this.connection = connection;
        this.resource = resource;
        this.replace = replace;
        this.name = HostedTable.tableName(resource.id());
        List<DataItem> items = HostedTable.columns(resource);
        this.columns = items.stream().map(DataItem::name).toArray(String[]::new);
        try (Statement statement = connection.createStatement()) {
            // One load of a resource at a time: a second waits for the first to commit or roll back.
            try (PreparedStatement lock =
                    connection.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "hosted-load:" + resource.id());
                lock.execute();
            }
            try (PreparedStatement memory =
                    connection.prepareStatement("select set_config('maintenance_work_mem', ?, true)")) {
                memory.setString(1, sortMemory);
                memory.execute();
            }
            if (replace) {
                target = HostedTable.SCHEMA + "." + HostedTable.quote(name + "~next");
                statement.execute("drop table if exists " + target);
                statement.execute(HostedTable.createTable(target, resource));
            } else {
                HostedTable.ensure(connection, resource);
                target = STAGE;
                statement.execute("drop table if exists pg_temp." + STAGE);
                statement.execute(HostedTable.createTable("pg_temp." + STAGE, resource) + " on commit drop");
            }
        }
        StringBuilder copySql = new StringBuilder("copy ")
                .append(target)
                .append(" (")
                .append(HostedTable.KEY)
                .append(", ")
                .append(HostedTable.LINE);
        for (String column : columns) {
            copySql.append(", ").append(HostedTable.column(column));
        }
        // FREEZE: the fresh table of a replace was created in this transaction, so its rows can be written frozen
        // (nobody else can see them before the commit), which spares every later reader setting hint bits.
        copySql.append(replace ? ") from stdin with (freeze)" : ") from stdin");
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql.toString());
    }

    /** Stages one row; a row with problems is staged too, so a duplicate key is found whichever of its rows is bad. */
    public void add(long line, String key, ObjectNode row) {
        escape(key, buffer);
        buffer.append('\t').append(line);
        for (String column : columns) {
            buffer.append('\t');
            JsonNode value = row.get(column);
            if (value == null || value.isNull()) {
                buffer.append("\\N");
            } else if (value.isTextual()) {
                escape(value.textValue(), buffer);
            } else if (value.isValueNode()) {
                // numbers, booleans and binary (base64): their JSON scalar text
                escape(value.asText(), buffer);
            } else {
                escape(value.toString(), buffer); // a row the type check refuses; it is never committed
            }
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() > FLUSH_AT) {
            flush();
        }
    }

    /**
     * Ends the COPY and returns the duplicate keys (at most {@code limit}). When the file had no other problem the
     * check is the primary-key build itself; the slower grouping query runs only when there is something to report.
     */
    public List<Duplicate> finish(int limit, boolean problemsFound) throws SQLException {
        flush();
        copy.endCopy();
        if (!problemsFound) {
            String constraint = replace ? name + "~next~pk" : name + "~stage~key";
            try (Statement statement = connection.createStatement()) {
                statement.execute("savepoint unique_keys");
                try {
                    statement.execute("alter table " + target + " add constraint " + HostedTable.quote(constraint)
                            + " primary key (" + HostedTable.KEY + ")");
                    statement.execute("release savepoint unique_keys");
                    return List.of();
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    statement.execute("rollback to savepoint unique_keys");
                }
            }
        }
        List<Duplicate> duplicates = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select " + HostedTable.KEY
                + ", array_agg(" + HostedTable.LINE + " order by " + HostedTable.LINE + ") from " + target
                + " group by " + HostedTable.KEY + " having count(*) > 1 order by min(" + HostedTable.LINE
                + ") limit ?")) {
            query.setInt(1, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Long[] lines = (Long[]) rs.getArray(2).getArray();
                    duplicates.add(new Duplicate(rs.getString(1), List.of(lines)));
                }
            }
        }
        return duplicates;
    }

    /**
     * Makes the staged rows the resource's data: a replace indexes the new table and swaps it for the live one (the
     * live table is locked only for the swap itself); an upsert merges by key. Returns the rows written.
     */
    public long apply() throws SQLException {
        String live = HostedTable.table(resource.id());
        try (Statement statement = connection.createStatement()) {
            if (replace) {
                Map<String, String> indexes = HostedTable.wantedIndexes(name + "~next", resource);
                for (String definition : indexes.values()) {
                    statement.execute(definition);
                }
                // Fresh statistics, so the very first queries already pick the item indexes.
                statement.execute("analyze " + target);
                statement.execute("drop table if exists " + live);
                statement.execute("alter table " + target + " rename to " + HostedTable.quote(name));
                statement.execute("alter index " + HostedTable.SCHEMA + "." + HostedTable.quote(name + "~next~pk")
                        + " rename to " + HostedTable.quote(name + "~pk"));
                for (String index : indexes.keySet()) {
                    statement.execute("alter index " + HostedTable.SCHEMA + "." + HostedTable.quote(index)
                            + " rename to " + HostedTable.quote(name + index.substring((name + "~next").length())));
                }
                return rows;
            }
            StringBuilder list = new StringBuilder(HostedTable.KEY + ", " + HostedTable.LINE);
            StringBuilder set = new StringBuilder(HostedTable.LINE + " = excluded." + HostedTable.LINE);
            for (String column : columns) {
                String quoted = HostedTable.column(column);
                list.append(", ").append(quoted);
                set.append(", ").append(quoted).append(" = excluded.").append(quoted);
            }
            return statement.executeUpdate("insert into " + live + " (" + list + ") select " + list + " from " + STAGE
                    + " on conflict (" + HostedTable.KEY + ") do update set " + set);
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("COPY failed: " + e.getMessage(), e));
        }
        buffer.setLength(0);
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the transaction is being rolled back anyway
            }
        }
    }
}
