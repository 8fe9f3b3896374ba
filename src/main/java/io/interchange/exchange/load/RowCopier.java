package io.interchange.exchange.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams validated rows into a session-private staging table with PostgreSQL COPY, then moves them into
 * {@code hosted_row} in the same transaction: a replace swaps the whole data set atomically, an upsert merges by key.
 * Duplicate keys are found by the database, so memory stays flat however large the file.
 */
public final class RowCopier implements AutoCloseable {

    /** A key used by more than one row: the lines that repeat it. */
    public record Duplicate(String key, List<Long> lines) {}

    private final Connection connection;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(1 << 16);

    public RowCopier(Connection connection) throws SQLException {
        this.connection = connection;
        try (var statement = connection.createStatement()) {
            statement.execute(
                    "create temp table if not exists load_stage (line bigint, row_key text, data jsonb, ok boolean) "
                            + "on commit drop");
            statement.execute("truncate load_stage");
        }
        this.copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("copy load_stage (line, row_key, data, ok) from stdin");
    }

    public void add(long line, String key, String json, boolean ok) {
        buffer.append(line).append('\t');
        escape(key, buffer);
        buffer.append('\t');
        escape(json, buffer);
        buffer.append('\t').append(ok ? 't' : 'f').append('\n');
        if (buffer.length() > (1 << 16)) {
            flush();
        }
    }

    /** Ends the COPY; returns the duplicate keys found (at most {@code limit}). */
    public List<Duplicate> finish(int limit) throws SQLException {
        flush();
        copy.endCopy();
        List<Duplicate> duplicates = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select row_key, array_agg(line order by line) "
                + "from load_stage group by row_key having count(*) > 1 order by min(line) limit ?")) {
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

    /** Moves the staged rows into the resource's data set. */
    public long apply(String resourceId, boolean replace) throws SQLException {
        if (replace) {
            try (PreparedStatement delete =
                    connection.prepareStatement("delete from hosted_row where resource_id = ?")) {
                delete.setString(1, resourceId);
                delete.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into hosted_row (resource_id, row_key, data) select ?, row_key, data from load_stage where ok "
                        + "on conflict (resource_id, row_key) do update set data = excluded.data, loaded_at = now()")) {
            insert.setString(1, resourceId);
            return insert.executeUpdate();
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
