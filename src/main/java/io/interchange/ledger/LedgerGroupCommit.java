package io.interchange.ledger;

import io.agroal.api.AgroalDataSource;
import io.interchange.ledger.merkle.Hashes;
import io.interchange.ledger.verify.Jcs;
import io.interchange.platform.HubConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit of exchange entries. Callers queue their entry and wait; one writer thread takes everything queued,
 * inserts it in one statement and releases each caller when that statement has committed — or fails it, so no answer
 * ever leaves ahead of its entry. While one commit waits for its flush, the next callers queue up, so under load one
 * flush serves many exchanges, and at one connection nothing waits longer than its own commit.
 *
 * <p>The batch is one {@code INSERT … SELECT FROM unnest(arrays)} in autocommit: one statement is atomic on its own, so
 * a batch costs one round trip and one executor run. A JDBC batch inside a transaction cost one execution per entry
 * plus a separate {@code COMMIT} round trip; under load that was about a third of the database's CPU per exchange.
 */
@ApplicationScoped
public class LedgerGroupCommit {

    private static final Logger LOG = Logger.getLogger(LedgerGroupCommit.class);

    /** Longer than any statement should take; past it the caller fails rather than hang (and answers nothing). */
    private static final long WAIT_SECONDS = 60;

    private static final String INSERT = "insert into ledger_entry (entry_id, kind, at, requester_department,"
            + " provider_department, resource_id, hmac_key_id, entry, leaf_hash)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";

    /** The same insert for a whole batch: one array per column, unnested in order (so seq follows queue order). */
    private static final String INSERT_MANY = "insert into ledger_entry (entry_id, kind, at, requester_department,"
            + " provider_department, resource_id, hmac_key_id, entry, leaf_hash) select * from unnest(?::uuid[],"
            + " ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::jsonb[],"
            + " ?::bytea[])";

    /** One entry to insert, as {@link LedgerService} built it. */
    record Entry(
            UUID entryId,
            String kind,
            OffsetDateTime at,
            String requester,
            String provider,
            String resourceId,
            String hmacKeyId,
            Map<String, Object> entry) {}

    /** An entry on its way: its canonical text (what is inserted) and that text's leaf hash. */
    private record Pending(Entry entry, String json, byte[] leafHash, CompletableFuture<Void> committed) {}

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;
    private Connection connection;

    /** Inserts the entry with whatever else is queued; returns once it is committed, throws if it was not. */
    public void append(Entry entry) {
        try {
            appendAsync(entry).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the ledger entry was being committed", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalStateException ise
                    ? ise
                    : new IllegalStateException("the ledger entry could not be committed", e.getCause());
        }
    }

    /**
     * Queues the entry and returns at once: the stage completes when the batch holding it has committed, or fails (the
     * entry was not committed, or not within {@value #WAIT_SECONDS} s). Nobody waits on a thread meanwhile, so a
     * caller off the event loop need not hold a worker through the commit flush. The stage completes on the writer
     * thread: dependants must hand their work elsewhere rather than run it there, or they delay the next batch.
     */
    public CompletableFuture<Void> appendAsync(Entry entry) {
        String json;
        byte[] leafHash;
        try {
            // The canonical form (RFC 8785) is what the sealer would hash after reading the entry back, and it is
            // exactly the text inserted, so the two cannot differ.
            byte[] canonical = canonical(entry.entry());
            json = new String(canonical, StandardCharsets.UTF_8);
            leafHash = Hashes.leaf(canonical);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("ledger entry is not serialisable", e));
        }
        Pending pending = new Pending(entry, json, leafHash, new CompletableFuture<>());
        ensureWriter();
        queue.add(pending);
        if (stopping && queue.remove(pending)) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("the hub is shutting down; the ledger takes no more entries"));
        }
        return pending.committed().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).handle((ok, error) -> {
            if (error == null) {
                return null;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            if (cause instanceof TimeoutException) {
                throw new IllegalStateException("the ledger entry was not committed within " + WAIT_SECONDS + " s");
            }
            throw new IllegalStateException("the ledger entry could not be committed", cause);
        });
    }

    private void ensureWriter() {
        if (writer == null) {
            startWriter();
        }
    }

    private synchronized void startWriter() {
        if (writer == null && !stopping) {
            writer = new Thread(this::drain, "ledger-group-commit");
            writer.setDaemon(true);
            writer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t;
        synchronized (this) {
            stopping = true;
            t = writer;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drain() {
        int max = Math.max(1, config.ledger().groupCommitMaxBatch());
        List<Pending> batch = new ArrayList<>(max);
        while (true) {
            try {
                if (stopping && queue.isEmpty()) {
                    break;
                }
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, max - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!stopping) {
                    Thread.currentThread().interrupt();
                    break;
                }
                // shutting down: keep draining what callers already queued
            } catch (RuntimeException | Error e) {
                LOG.error("ledger group commit failed", e);
                batch.forEach(p -> p.committed().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        closeConnection();
        Pending p;
        while ((p = queue.poll()) != null) {
            p.committed().completeExceptionally(new IllegalStateException("the ledger writer stopped"));
        }
    }

    /** One statement for the batch; if it fails, each entry alone, so one bad entry fails only its own caller. */
    private void write(List<Pending> batch) {
        try {
            Connection c = connection();
            if (batch.size() == 1) {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    bind(ps, batch.get(0));
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(INSERT_MANY)) {
                    bindAll(c, ps, batch);
                    ps.executeUpdate();
                }
            }
            batch.forEach(p -> p.committed().complete(null));
            return;
        } catch (SQLException e) {
            closeConnection(); // maybe broken: the next statement opens a fresh one
            if (batch.size() == 1) {
                batch.get(0).committed().completeExceptionally(e);
                return;
            }
            LOG.warnf("ledger group commit of %d entries failed (%s); committing them one by one", batch.size(), e);
        }
        for (Pending p : batch) {
            try {
                Connection c = connection();
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    bind(ps, p);
                    ps.executeUpdate();
                }
                p.committed().complete(null);
            } catch (SQLException e) {
                closeConnection();
                p.committed().completeExceptionally(e);
            }
        }
    }

    private static byte[] canonical(Map<String, Object> entry) {
        try {
            return Jcs.canonicalBytes(entry);
        } catch (IllegalArgumentException loneSurrogate) {
            // JSON text cannot hold half a UTF-16 pair (a caller's string can); UTF-8 encoding has always turned one
            // into '?' on its way to the database, so the entry says what it said before
            return Jcs.canonicalBytes(wellFormed(entry));
        }
    }

    /** The value with every lone surrogate in its strings (keys included) replaced by '?'. */
    private static Object wellFormed(Object value) {
        if (value instanceof String s) {
            return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) wellFormed(String.valueOf(k)), wellFormed(v)));
            return copy;
        }
        if (value instanceof java.util.Collection<?> items) {
            return items.stream().map(LedgerGroupCommit::wellFormed).toList();
        }
        return value;
    }

    private static void bindAll(Connection c, PreparedStatement ps, List<Pending> batch) throws SQLException {
        int n = batch.size();
        String[][] columns = new String[9][n];
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            Entry e = p.entry();
            columns[0][i] = e.entryId().toString();
            columns[1][i] = e.kind();
            // rounded to the microsecond, as the driver rounds the single-row insert's value
            columns[2][i] = TIMESTAMP.format(e.at().plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            columns[3][i] = e.requester();
            columns[4][i] = e.provider();
            columns[5][i] = e.resourceId();
            columns[6][i] = e.hmacKeyId();
            columns[7][i] = p.json();
            columns[8][i] = "\\x" + hex.formatHex(p.leafHash()); // bytea's hex input form
        }
        for (int col = 0; col < columns.length; col++) {
            ps.setArray(col + 1, c.createArrayOf("text", columns[col]));
        }
    }

    /** PostgreSQL's own text form of a timestamptz, to the microsecond (its precision). */
    private static final java.time.format.DateTimeFormatter TIMESTAMP = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss.SSSSSS")
            .appendOffset("+HH:MM:ss", "+00")
            .toFormatter(java.util.Locale.ROOT);

    private static void bind(PreparedStatement ps, Pending p) throws SQLException {
        Entry e = p.entry();
        ps.setObject(1, e.entryId());
        ps.setString(2, e.kind());
        ps.setObject(3, e.at());
        ps.setString(4, e.requester());
        ps.setString(5, e.provider());
        ps.setString(6, e.resourceId());
        ps.setString(7, e.hmacKeyId());
        ps.setString(8, p.json());
        ps.setBytes(9, p.leafHash());
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(true); // every write is one statement: it commits (and flushes) on its own
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken; the pool discards it
            }
            connection = null;
        }
    }
}
