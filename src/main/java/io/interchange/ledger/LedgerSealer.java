package io.interchange.ledger;

import io.agroal.api.AgroalDataSource;
import io.interchange.ledger.merkle.Frontier;
import io.interchange.ledger.merkle.Hashes;
import io.interchange.ledger.verify.Jcs;
import io.interchange.ledger.verify.Json;
import io.interchange.platform.HubConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Seals committed entries into the Merkle tree and publishes signed checkpoints. One node seals at a time: the one
 * holding a PostgreSQL advisory lock on a dedicated connection; the others retry now and then and take over when that
 * connection goes away.
 *
 * <p>Order: leaves are appended in sequence order, but a transaction with a lower {@code seq} may commit after a higher
 * one. The sealer therefore seals only a contiguous run of sequence numbers; a gap is "maybe in flight" until it is
 * older than {@code interchange.ledger.seal-grace}, then taken for a rolled-back insert and skipped. Skipped numbers
 * are looked at again on every round for {@link #RECHECK} (far beyond the transaction timeout), and every new leader
 * scans the whole log for unsealed entries; an entry that turns up late is sealed at the end of the tree — a leaf
 * index is sealing order, not seq order — so a committed entry is never dropped.
 *
 * <p>Runs on its own thread rather than {@code @Scheduled}: Quarkus' simple scheduler checks its triggers once a
 * second, too coarse for checkpoints within 250 ms.
 */
@ApplicationScoped
public class LedgerSealer {

    private static final Logger LOG = Logger.getLogger(LedgerSealer.class);

    /** The advisory lock key: "LEDGER" in ASCII. */
    static final long LOCK_KEY = 0x4c4544474552L;

    private static final long RECHECK = TimeUnit.MINUTES.toNanos(10);
    private static final long LEADER_RETRY = TimeUnit.SECONDS.toNanos(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    @Inject
    LedgerSigningKey signingKey;

    @Inject
    LedgerKeys hmacKeys;

    private ScheduledExecutorService executor;
    private Connection lock;
    private long lastAttempt = System.nanoTime() - LEADER_RETRY;
    private boolean fullScan;
    private Frontier frontier;
    private long nextSeq;
    private final TreeMap<Long, Long> skipped = new TreeMap<>();
    private long gapSeq = -1;
    private long gapSince;

    /** What this node's sealer is doing, as the readiness check reports it. */
    public enum State {
        /** This node holds the lock and seals. */
        ACTIVE,
        /** Taking part in the election, another node seals (or none has won yet). */
        STANDBY,
        /** {@code interchange.ledger.sealer-enabled=false}: not taking part; another node is meant to seal. */
        DISABLED,
        /** {@code interchange.ledger.sealing-paused=true}: entries are written but not sealed here. */
        PAUSED
    }

    private volatile boolean running;
    private volatile boolean leading;
    /** The newest checkpoint, published after its transaction commits; read by proof requests on other threads. */
    private volatile LedgerStore.CheckpointRow published;

    void start(@Observes StartupEvent event) {
        registerKeys();
        if (config.ledger().sealingPaused()) {
            LOG.warn("ledger sealing is PAUSED on this node (interchange.ledger.sealing-paused=true): entries are"
                    + " written but not sealed, receipts answer 202 until sealing is switched back on");
            return;
        }
        if (!config.ledger().sealerEnabled()) {
            return;
        }
        run();
    }

    /** Starts the sealing thread: at start-up, or (tests) to switch a paused node back on without a restart. */
    synchronized void run() {
        if (executor != null) {
            return;
        }
        running = true;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-sealer");
            t.setDaemon(true);
            return t;
        });
        long every = config.ledger().sealInterval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The latest checkpoint, without a query, while this node seals: the holder of the lock is the only writer, so
     * nothing newer exists (if the lock is lost unnoticed, this is a checkpoint one round old — still signed and
     * valid). Empty on other nodes, which read the table.
     */
    Optional<LedgerStore.CheckpointRow> published() {
        LedgerStore.CheckpointRow p = published;
        return leading && p != null ? Optional.of(p) : Optional.empty();
    }

    public State state() {
        if (leading) {
            return State.ACTIVE;
        }
        if (running) {
            return State.STANDBY;
        }
        return config.ledger().sealingPaused() ? State.PAUSED : State.DISABLED;
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resign();
    }

    /** Lists this node's keys in ledger_key, so verifiers find them; refuses a key id reused for another key. */
    private void registerKeys() {
        try (Connection c = dataSource.getConnection()) {
            LedgerStore.registerKey(
                    c, "SIGNING", signingKey.keyId(), signingKey.name(), signingKey.pem(), signingKey.verifierKey());
            LedgerStore.registerKey(c, "HMAC", hmacKeys.keyId(), null, null, null);
            for (LedgerStore.KeyRow k : LedgerStore.keys(c)) {
                if (k.kind().equals("SIGNING")
                        && k.keyId().equals(signingKey.keyId())
                        && !signingKey.pem().equals(k.publicKey())) {
                    throw new IllegalStateException("ledger signing key id " + k.keyId()
                            + " is registered with another public key; give a new key a new id");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register the ledger keys", e);
        }
    }

    private void tick() {
        try {
            if (lead()) {
                while (sealOnce() == config.ledger().sealBatch()) {
                    // a backlog: keep going without waiting for the next tick
                }
            }
        } catch (Exception e) {
            LOG.warnf("ledger sealer stepping down after a failure: %s", e.toString());
            resign();
        }
    }

    private boolean lead() throws SQLException {
        if (lock != null) {
            return true;
        }
        if (System.nanoTime() - lastAttempt < LEADER_RETRY) {
            return false;
        }
        lastAttempt = System.nanoTime();
        Connection c = dataSource.getConnection();
        boolean won = false;
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                won = rs.next() && rs.getBoolean(1);
            }
        } finally {
            if (!won) {
                c.close();
            }
        }
        if (won) {
            lock = c;
            loadState();
            leading = true;
            LOG.infof("ledger sealer active on this node (tree size %d)", frontier.size());
        }
        return won;
    }

    private void loadState() throws SQLException {
        long size;
        long maxSeq;
        try (PreparedStatement ps = lock.prepareStatement(
                        "select coalesce(max(leaf_index) + 1, 0), coalesce(max(seq), 0) from ledger_leaf");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            size = rs.getLong(1);
            maxSeq = rs.getLong(2);
        }
        frontier = Frontier.of(size, LedgerStore.nodes(lock));
        published = LedgerStore.latestCheckpoint(lock)
                .filter(p -> p.treeSize() == size)
                .orElse(null);
        nextSeq = maxSeq + 1;
        skipped.clear();
        gapSeq = -1;
        fullScan = true;
    }

    private void resign() {
        Connection c = lock;
        lock = null;
        leading = false;
        published = null;
        frontier = null;
        if (c == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
            c.setAutoCommit(true);
            ps.setLong(1, LOCK_KEY);
            ps.execute();
        } catch (SQLException e) {
            // the lock goes with the session anyway
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the sealer connection", e);
        }
    }

    /** An entry to seal: its leaf hash as its writer stored it, or (none stored) its text to hash here. */
    private record Pending(long seq, byte[] leafHash, String entry) {}

    /** One round: seals what can be sealed and publishes a checkpoint; returns how many entries it sealed. */
    int sealOnce() throws SQLException {
        long now = System.nanoTime();
        skipped.values().removeIf(since -> now - since > RECHECK);
        long floor = fullScan ? 0 : Math.min(nextSeq, skipped.isEmpty() ? nextSeq : skipped.firstKey()) - 1;
        List<Pending> rows = new ArrayList<>();
        try (PreparedStatement ps =
                lock.prepareStatement("select e.seq, e.leaf_hash, case when e.leaf_hash is null then e.entry::text end"
                        + " from ledger_entry e where e.seq > ?"
                        + " and not exists (select 1 from ledger_leaf l where l.seq = e.seq) order by e.seq limit ?")) {
            // Planned on every round, never from a cached generic plan: a plan made while the log was small (a
            // seq scan) stays cached after a bulk import until the next ANALYZE and then seals ~100 entries a second.
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            ps.setLong(1, floor);
            ps.setInt(2, config.ledger().sealBatch());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(rs.getLong(1), rs.getBytes(2), rs.getString(3)));
                }
            }
        }
        fullScan = false;
        List<Pending> seal = new ArrayList<>();
        for (Pending row : rows) {
            if (row.seq() < nextSeq) {
                if (skipped.remove(row.seq()) != null) {
                    LOG.infof("ledger entry seq %d committed late; sealing it now", row.seq());
                }
                seal.add(row);
            } else if (row.seq() == nextSeq) {
                seal.add(row);
                nextSeq++;
            } else {
                if (gapSeq != nextSeq) {
                    gapSeq = nextSeq;
                    gapSince = now;
                }
                if (now - gapSince < config.ledger().sealGrace().toNanos()) {
                    break;
                }
                LOG.infof(
                        "ledger seq %d..%d not committed within the grace period; sealing past them (sealed later if they commit)",
                        nextSeq, row.seq() - 1);
                for (long s = nextSeq; s < row.seq(); s++) {
                    skipped.put(s, now);
                }
                seal.add(row);
                nextSeq = row.seq() + 1;
            }
        }
        if (!seal.isEmpty()) {
            long read = System.nanoTime();
            write(seal);
            if (LOG.isDebugEnabled()) {
                LOG.debugf(
                        "sealed %d entries: read %d ms, hash and write %d ms",
                        seal.size(), (read - now) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
            }
        }
        return seal.size();
    }

    private void write(List<Pending> seal) throws SQLException {
        lock.setAutoCommit(false);
        // Leaves and nodes go in as one statement each (arrays, unnested): a JDBC batch executed one insert per row,
        // two or more per entry sealed.
        try (PreparedStatement leaf = lock.prepareStatement(
                        "insert into ledger_leaf (leaf_index, seq, leaf_hash)"
                                + " select i, s, decode(h, 'hex') from unnest(?::bigint[], ?::bigint[], ?::text[]) as t(i, s, h)");
                PreparedStatement node = lock.prepareStatement(
                        "insert into ledger_node (level, idx, hash)"
                                + " select l, i, decode(h, 'hex') from unnest(?::int[], ?::bigint[], ?::text[]) as t(l, i, h)");
                PreparedStatement checkpoint = lock.prepareStatement(
                        "insert into ledger_checkpoint (tree_size, root_hash, note, key_id) values (?, ?, ?, ?)"
                                + " returning created_at")) {
            int n = seal.size();
            Long[] leafIndexes = new Long[n];
            Long[] seqs = new Long[n];
            String[] leafHashes = new String[n];
            List<Integer> levels = new java.util.ArrayList<>(n * 2);
            List<Long> indexes = new java.util.ArrayList<>(n * 2);
            List<String> nodeHashes = new java.util.ArrayList<>(n * 2);
            java.util.HexFormat hex = java.util.HexFormat.of();
            for (int i = 0; i < n; i++) {
                Pending p = seal.get(i);
                byte[] hash =
                        p.leafHash() != null ? p.leafHash() : Hashes.leaf(Jcs.canonicalBytes(Json.parse(p.entry())));
                leafIndexes[i] = frontier.size();
                seqs[i] = p.seq();
                leafHashes[i] = hex.formatHex(hash);
                for (Frontier.Completed c : frontier.append(hash)) {
                    levels.add(c.level());
                    indexes.add(c.index());
                    nodeHashes.add(hex.formatHex(c.hash()));
                }
            }
            leaf.setArray(1, lock.createArrayOf("bigint", leafIndexes));
            leaf.setArray(2, lock.createArrayOf("bigint", seqs));
            leaf.setArray(3, lock.createArrayOf("text", leafHashes));
            leaf.executeUpdate();
            if (!levels.isEmpty()) {
                node.setArray(1, lock.createArrayOf("int", levels.toArray(new Integer[0])));
                node.setArray(2, lock.createArrayOf("bigint", indexes.toArray(new Long[0])));
                node.setArray(3, lock.createArrayOf("text", nodeHashes.toArray(new String[0])));
                node.executeUpdate();
            }
            byte[] root = frontier.root();
            String note = signingKey.checkpoint(frontier.size(), root);
            checkpoint.setLong(1, frontier.size());
            checkpoint.setBytes(2, root);
            checkpoint.setString(3, note);
            checkpoint.setString(4, signingKey.keyId());
            OffsetDateTime createdAt;
            try (ResultSet rs = checkpoint.executeQuery()) {
                rs.next();
                createdAt = rs.getObject(1, OffsetDateTime.class);
            }
            lock.commit();
            published = new LedgerStore.CheckpointRow(frontier.size(), root, note, signingKey.keyId(), createdAt);
        } catch (SQLException | RuntimeException e) {
            lock.rollback();
            throw e;
        } finally {
            lock.setAutoCommit(true);
        }
    }
}
