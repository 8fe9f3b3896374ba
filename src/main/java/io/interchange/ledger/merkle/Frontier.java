package io.interchange.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing tree: one complete subtree per set bit of the size. Appending a leaf completes O(1)
 * amortised subtrees, which the caller may store ({@link Completed}); the root needs only the frontier.
 */
public final class Frontier {

    /** A subtree completed by an append: level ≥ 1, covering leaves [index·2^level, (index+1)·2^level). */
    public record Completed(int level, long index, byte[] hash) {}

    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private long size;

    public Frontier() {}

    /** Rebuilds the frontier of a tree of {@code size} leaves from its stored complete subtrees. */
    public static Frontier of(long size, NodeSource nodes) {
        Frontier f = new Frontier();
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            long width = 1L << level;
            if ((size & width) != 0) {
                f.hashes.add(nodes.node(level, start >> level));
                f.levels.add(level);
                start += width;
            }
        }
        f.size = size;
        return f;
    }

    public long size() {
        return size;
    }

    /** Appends a leaf hash; returns the subtrees (level ≥ 1) this completed, lowest first. */
    public List<Completed> append(byte[] leafHash) {
        List<Completed> done = new ArrayList<>(2);
        hashes.add(leafHash);
        levels.add(0);
        long leaf = size;
        size++;
        while (levels.size() >= 2 && levels.get(levels.size() - 1).equals(levels.get(levels.size() - 2))) {
            byte[] right = hashes.remove(hashes.size() - 1);
            int level = levels.remove(levels.size() - 1) + 1;
            byte[] left = hashes.remove(hashes.size() - 1);
            levels.remove(levels.size() - 1);
            byte[] h = Hashes.node(left, right);
            hashes.add(h);
            levels.add(level);
            done.add(new Completed(level, leaf >> level, h));
        }
        return done;
    }

    public byte[] root() {
        if (hashes.isEmpty()) {
            return Hashes.empty();
        }
        byte[] r = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            r = Hashes.node(hashes.get(i), r);
        }
        return r;
    }
}
