package io.interchange.ledger;

import io.interchange.ledger.merkle.NodeSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of the sealing tables (ledger_leaf, ledger_node, ledger_checkpoint, ledger_key), on a caller's connection. */
final class LedgerStore {

    record CheckpointRow(long treeSize, byte[] rootHash, String note, String keyId, OffsetDateTime createdAt) {}

    /** A sealed leaf with the columns that decide who may see it. */
    record LeafRow(
            long leafIndex, long seq, byte[] leafHash, UUID entryId, String requester, String provider, String kind) {}

    record KeyRow(
            String kind,
            String keyId,
            String keyName,
            String publicKey,
            String verifierKey,
            OffsetDateTime createdAt,
            OffsetDateTime retiredAt) {}

    private LedgerStore() {}

    /** Complete subtree hashes straight from the tables; a missing node means the tree is damaged. */
    static NodeSource nodes(Connection c) {
        return (level, index) -> {
            String sql = level == 0
                    ? "select leaf_hash from ledger_leaf where leaf_index = ?"
                    : "select hash from ledger_node where level = ? and idx = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (level == 0) {
                    ps.setLong(1, index);
                } else {
                    ps.setInt(1, level);
                    ps.setLong(2, index);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("ledger tree node " + level + "/" + index + " is missing");
                    }
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Leaf hashes by index (1: bigint[]) and node hashes by (level, idx) pairs (2: int[], 3: bigint[]). */
    static final String NODES_SQL =
            "select 0, leaf_index, leaf_hash from ledger_leaf where leaf_index = any(?) union all"
                    + " select n.level, n.idx, n.hash from ledger_node n join unnest(?, ?) as w(level, idx) on n.level = w.level"
                    + " and n.idx = w.idx";

    /**
     * Runs a proof computation with every node it needs fetched in one round trip: a first pass with placeholder
     * hashes collects the coordinates (a proof's shape depends on sizes and indexes only), a second computes.
     */
    static <T> T withNodes(Connection c, java.util.function.Function<NodeSource, T> computation) throws SQLException {
        Wanted wanted = Wanted.of(computation);
        Map<Long, byte[]> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(NODES_SQL)) {
            wanted.bind(c, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(key(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
        }
        return computation.apply(lookup(found));
    }

    /** A sealed leaf (who may read it) and the hashes of its inclusion path. */
    record LeafProof(LeafRow leaf, List<byte[]> path) {}

    /**
     * The leaf at {@code index} with its departments, and the node hashes of its inclusion proof in a tree of
     * {@code size} (which must hold it), in one round trip: a proof's latency is mostly round trips, not SQL.
     */
    static Optional<LeafProof> inclusion(Connection c, long index, long size) throws SQLException {
        java.util.function.Function<NodeSource, List<byte[]>> proof =
                nodes -> io.interchange.ledger.merkle.Merkle.inclusionProof(nodes, index, size);
        Wanted wanted = Wanted.of(proof);
        Map<Long, byte[]> found = new HashMap<>();
        LeafRow leaf = null;
        try (PreparedStatement ps = c.prepareStatement("select l.seq, 0, l.leaf_index, l.leaf_hash, e.entry_id,"
                + " e.requester_department, e.provider_department, e.kind from ledger_leaf l left join ledger_entry e"
                + " on e.seq = l.seq where l.leaf_index = ?"
                + " union all select null, 0, leaf_index, leaf_hash, null, null, null, null from ledger_leaf"
                + " where leaf_index = any(?) union all select null, n.level, n.idx, n.hash, null, null, null, null"
                + " from ledger_node n join unnest(?, ?) as w(level, idx) on n.level = w.level and n.idx = w.idx")) {
            ps.setLong(1, index);
            wanted.bind(c, ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (!rs.wasNull()) {
                        leaf = new LeafRow(
                                index,
                                seq,
                                rs.getBytes(4),
                                rs.getObject(5, UUID.class),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8));
                    } else {
                        found.put(key(rs.getInt(2), rs.getLong(3)), rs.getBytes(4));
                    }
                }
            }
        }
        return leaf == null ? Optional.empty() : Optional.of(new LeafProof(leaf, proof.apply(lookup(found))));
    }

    /** The coordinates a proof computation asks for, split into leaves and inner nodes. */
    private record Wanted(List<Long> leaves, List<Integer> levels, List<Long> indexes) {

        static Wanted of(java.util.function.Function<NodeSource, ?> computation) {
            java.util.Set<Long> seen = new java.util.HashSet<>();
            Wanted w = new Wanted(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            byte[] placeholder = new byte[32];
            computation.apply((level, index) -> {
                if (seen.add(key(level, index))) {
                    if (level == 0) {
                        w.leaves.add(index);
                    } else {
                        w.levels.add(level);
                        w.indexes.add(index);
                    }
                }
                return placeholder;
            });
            return w;
        }

        /** Binds (leaf indexes, levels, node indexes) as three arrays from parameter {@code first} on. */
        void bind(Connection c, PreparedStatement ps, int first) throws SQLException {
            ps.setArray(first, c.createArrayOf("bigint", leaves.toArray()));
            ps.setArray(first + 1, c.createArrayOf("integer", levels.toArray()));
            ps.setArray(first + 2, c.createArrayOf("bigint", indexes.toArray()));
        }
    }

    /** (level, index) as one long: a level needs 6 bits, and an index below 2^57 is more leaves than will ever be. */
    private static long key(int level, long index) {
        return ((long) level << 57) | index;
    }

    private static NodeSource lookup(Map<Long, byte[]> found) {
        return (level, index) -> {
            byte[] hash = found.get(key(level, index));
            if (hash == null) {
                throw new IllegalStateException("ledger tree node " + level + "/" + index + " is missing");
            }
            return hash;
        };
    }

    static Optional<CheckpointRow> latestCheckpoint(Connection c) throws SQLException {
        List<CheckpointRow> rows =
                checkpoints(c, "select * from ledger_checkpoint order by tree_size desc limit 1", ps -> {});
        return rows.stream().findFirst();
    }

    static List<CheckpointRow> checkpointsFrom(Connection c, long from, int limit) throws SQLException {
        return checkpoints(c, "select * from ledger_checkpoint where tree_size >= ? order by tree_size limit ?", ps -> {
            ps.setLong(1, from);
            ps.setInt(2, limit);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<CheckpointRow> checkpoints(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<CheckpointRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CheckpointRow(
                            rs.getLong("tree_size"),
                            rs.getBytes("root_hash"),
                            rs.getString("note"),
                            rs.getString("key_id"),
                            rs.getObject("created_at", OffsetDateTime.class)));
                }
            }
            return out;
        }
    }

    private static final String LEAF = "select l.leaf_index, l.seq, l.leaf_hash, e.entry_id, e.requester_department,"
            + " e.provider_department, e.kind from ledger_leaf l left join ledger_entry e on e.seq = l.seq";

    static Optional<LeafRow> leaf(Connection c, long index) throws SQLException {
        return leafWhere(c, LEAF + " where l.leaf_index = ?", ps -> ps.setLong(1, index));
    }

    static Optional<LeafRow> leafOfEntry(Connection c, UUID entryId) throws SQLException {
        return leafWhere(
                c,
                "select l.leaf_index, e.seq, l.leaf_hash, e.entry_id, e.requester_department, e.provider_department,"
                        + " e.kind from ledger_entry e left join ledger_leaf l on l.seq = e.seq where e.entry_id = ?",
                ps -> ps.setObject(1, entryId));
    }

    private static Optional<LeafRow> leafWhere(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long index = rs.getLong(1);
                boolean sealed = !rs.wasNull();
                return Optional.of(new LeafRow(
                        sealed ? index : -1,
                        rs.getLong(2),
                        rs.getBytes(3),
                        rs.getObject(4, UUID.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)));
            }
        }
    }

    static List<KeyRow> keys(Connection c) throws SQLException {
        String sql = "select k.*, (select min(n.created_at) from ledger_key n where n.kind = k.kind"
                + " and n.created_at > k.created_at) as retired_at from ledger_key k order by k.kind, k.created_at";
        List<KeyRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new KeyRow(
                        rs.getString("kind"),
                        rs.getString("key_id"),
                        rs.getString("key_name"),
                        rs.getString("public_key"),
                        rs.getString("verifier_key"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("retired_at", OffsetDateTime.class)));
            }
        }
        return out;
    }

    static void registerKey(Connection c, String kind, String keyId, String name, String pem, String verifierKey)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_key (kind, key_id, key_name, public_key,"
                + " verifier_key) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, kind);
            ps.setString(2, keyId);
            ps.setString(3, name);
            ps.setString(4, pem);
            ps.setString(5, verifierKey);
            ps.executeUpdate();
        }
    }
}
