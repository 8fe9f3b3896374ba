package io.interchange.ledger.verify;

import io.interchange.ledger.merkle.Frontier;
import io.interchange.ledger.merkle.Hashes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a ledger's tree from its entries, in leaf order, and compares it with a checkpoint: each entry against its
 * stored leaf hash, then the root over all of them against the signed root. The online and the offline verifier both
 * feed it; it needs neither the database nor the hub.
 */
public final class LedgerVerifier {

    /** What is wrong at one leaf index ({@code -1} when the fault can't be pinned to a leaf). */
    public record Problem(long leafIndex, String problem) {}

    public record Result(
            long treeSize, String rootHash, String computedRootHash, long leavesChecked, List<Problem> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }

        /** The first bad leaf index, or null when none can be named (or all is well). */
        public Long firstBadIndex() {
            return problems.stream()
                    .map(Problem::leafIndex)
                    .filter(i -> i >= 0)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static final int MAX_PROBLEMS = 1000;

    private final long treeSize;
    private final byte[] root;
    private final Frontier frontier = new Frontier();
    private final List<Problem> problems = new ArrayList<>();
    private long next;

    public LedgerVerifier(long treeSize, byte[] root) {
        this.treeSize = treeSize;
        this.root = root.clone();
    }

    /**
     * One leaf. {@code entry} is the entry without {@code leafIndex} and {@code leafHash}, or null when the stored entry
     * is gone; {@code storedLeafHash} is the hash the ledger recorded, or null when unknown.
     */
    public void accept(long leafIndex, byte[] storedLeafHash, Map<String, Object> entry) {
        acceptHashed(leafIndex, storedLeafHash, entry == null ? null : Hashes.leaf(Jcs.canonicalBytes(entry)));
    }

    /**
     * One leaf whose hash the caller already computed from the entry ({@code computedLeafHash}, null when the stored
     * entry is gone) — the offline verifier hashes on several threads and feeds the results here in order.
     */
    public void acceptHashed(long leafIndex, byte[] storedLeafHash, byte[] computedLeafHash) {
        if (leafIndex >= treeSize) {
            return; // sealed after the checkpoint: a later checkpoint covers it
        }
        if (leafIndex < next) {
            problem(leafIndex, "appears twice or out of order");
            return;
        }
        while (next < leafIndex) {
            problem(next, "entry missing");
            frontier.append(new byte[Hashes.SIZE]);
            next++;
        }
        byte[] hash;
        if (computedLeafHash == null) {
            problem(leafIndex, "entry missing");
            hash = storedLeafHash != null ? storedLeafHash : new byte[Hashes.SIZE];
        } else {
            hash = computedLeafHash;
            if (storedLeafHash != null && !Arrays.equals(hash, storedLeafHash)) {
                problem(leafIndex, "entry does not match its leaf hash (changed or moved)");
            }
        }
        frontier.append(hash);
        next++;
    }

    public Result finish() {
        while (next < treeSize) {
            problem(next, "entry missing");
            frontier.append(new byte[Hashes.SIZE]);
            next++;
        }
        byte[] computed = frontier.root();
        if (!Arrays.equals(computed, root) && problems.isEmpty()) {
            problem(-1, "the recomputed root does not match the checkpoint's root");
        }
        return new Result(treeSize, Hashes.hex(root), Hashes.hex(computed), next, List.copyOf(problems));
    }

    private void problem(long index, String what) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(index, what));
        }
    }
}
