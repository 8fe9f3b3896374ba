package io.interchange.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.interchange.platform.HubConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
 * inserts it in one transaction and releases each caller when that transaction has committed — or fails it, so no
 * answer ever leaves ahead of its entry. While one commit waits for its flush, the next callers queue up, so under load
 * one flush serves many exchanges, and at one connection nothing waits longer than its own commit.
 */
@ApplicationScoped
public class LedgerGroupCommit {

    private static final Logger LOG = Logger.getLogger(LedgerGroupCommit.class);

    /** Longer than any statement should take; past it the caller fails rather than hang (and answers nothing). */
    private static final long WAIT_SECONDS = 60;

    private static final String INSERT = "insert into ledger_entry (entry_id, kind, at, requester_department,"
            + " provider_department, resource_id, hmac_key_id, entry) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)";

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

    private record Pending(Entry entry, String json, CompletableFuture<Void> committed) {}

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

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
        try {
            json = mapper.writeValueAsString(entry.entry());
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("ledger entry is not serialisable", e));
        }
        Pending pending = new Pending(entry, json, new CompletableFuture<>());
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

    /** One transaction for the batch; if it fails, each entry alone, so one bad entry fails only its own caller. */
    private void write(List<Pending> batch) {
        try {
            Connection c = connection();
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Pending p : batch) {
                    bind(ps, p);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            batch.forEach(p -> p.committed().complete(null));
            return;
        } catch (SQLException e) {
            rollbackQuietly();
            if (batch.size() == 1) {
                batch.get(0).committed().completeExceptionally(e);
                closeConnection(); // maybe broken: the next batch opens a fresh one
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
                c.commit();
                p.committed().complete(null);
            } catch (SQLException e) {
                rollbackQuietly();
                closeConnection();
                p.committed().completeExceptionally(e);
            }
        }
    }

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
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private void rollbackQuietly() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                closeConnection();
            }
        }
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
