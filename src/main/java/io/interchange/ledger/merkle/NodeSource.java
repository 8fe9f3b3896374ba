package io.interchange.ledger.merkle;

/**
 * Hashes of complete, aligned subtrees: {@code node(level, index)} covers leaves {@code [index·2^level,
 * (index+1)·2^level)}; level 0 is the leaf hash. Proofs need only O(log n) of them.
 */
@FunctionalInterface
public interface NodeSource {
    byte[] node(int level, long index);
}
