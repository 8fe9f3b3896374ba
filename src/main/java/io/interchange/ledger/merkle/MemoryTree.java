package io.interchange.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/** A tree held in memory with every complete subtree: for tests, the offline verifier and small exports. */
public final class MemoryTree implements NodeSource {

    private final List<List<byte[]>> levels = new ArrayList<>();
    private final Frontier frontier = new Frontier();

    public MemoryTree() {
        levels.add(new ArrayList<>());
    }

    public MemoryTree append(byte[] leafHash) {
        levels.get(0).add(leafHash);
        for (Frontier.Completed c : frontier.append(leafHash)) {
            while (levels.size() <= c.level()) {
                levels.add(new ArrayList<>());
            }
            levels.get(c.level()).add(c.hash());
        }
        return this;
    }

    public long size() {
        return frontier.size();
    }

    public byte[] root() {
        return frontier.root();
    }

    @Override
    public byte[] node(int level, long index) {
        return levels.get(level).get((int) index);
    }
}
