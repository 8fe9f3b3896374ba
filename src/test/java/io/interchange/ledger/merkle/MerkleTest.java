package io.interchange.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MerkleTest {

    /** The eight leaves of the RFC 6962 reference tests. */
    static final String[] LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
    };

    static MemoryTree tree(int size) {
        MemoryTree t = new MemoryTree();
        for (int i = 0; i < size; i++) {
            t.append(Hashes.leaf(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return t;
    }

    /** MTH straight from RFC 9162's definition, for comparison. */
    static byte[] naive(List<byte[]> leaves, int start, int end) {
        int n = end - start;
        if (n == 1) {
            return leaves.get(start);
        }
        int k = Integer.highestOneBit(n - 1);
        return Hashes.node(naive(leaves, start, start + k), naive(leaves, start + k, end));
    }

    @Test
    void roots_match_the_rfc_6962_known_answers() throws IOException {
        MemoryTree t = new MemoryTree();
        for (String leaf : LEAVES) {
            t.append(Hashes.leaf(HexFormat.of().parseHex(leaf)));
        }
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/rfc6962-roots.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                long size = Long.parseLong(parts[0]);
                assertEquals(parts[1], Hashes.hex(Merkle.root(t, size)), "root of size " + size);
                checked++;
            }
        }
        assertEquals(8, checked);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hashes.hex(Merkle.root(t, 0)));
    }

    @Test
    void stored_subtrees_give_the_same_root_as_the_definition_and_the_frontier() {
        List<byte[]> leaves = new ArrayList<>();
        MemoryTree t = new MemoryTree();
        for (int n = 1; n <= 300; n++) {
            byte[] leaf = Hashes.leaf(new byte[] {(byte) n, (byte) (n >> 8)});
            leaves.add(leaf);
            t.append(leaf);
            byte[] expected = naive(leaves, 0, n);
            assertArrayEquals(expected, Merkle.root(t, n), "size " + n);
            assertArrayEquals(expected, t.root(), "frontier of size " + n);
            assertArrayEquals(expected, Frontier.of(n, t).root(), "rebuilt frontier of size " + n);
        }
    }

    @Test
    void every_inclusion_and_consistency_proof_up_to_1000_verifies_and_any_flipped_bit_breaks_it() {
        MemoryTree t = tree(1000);
        Random random = new Random(42);
        for (int size = 1; size <= 1000; size++) {
            byte[] root = Merkle.root(t, size);
            for (int s = 0; s < 3; s++) {
                long index = s == 0 ? size - 1 : random.nextInt(size);
                byte[] leaf = t.node(0, index);
                List<byte[]> path = Merkle.inclusionProof(t, index, size);
                assertTrue(Merkle.verifyInclusion(index, size, leaf, path, root), "inclusion " + index + "/" + size);
                assertFalse(Merkle.verifyInclusion(index, size, flip(leaf, random), path, root));
                assertFalse(Merkle.verifyInclusion(index, size, leaf, path, flip(root, random)));
                if (!path.isEmpty()) {
                    assertFalse(Merkle.verifyInclusion(index, size, leaf, flipOne(path, random), root));
                }

                long first = s == 0 ? size : 1 + random.nextInt(size);
                byte[] firstRoot = Merkle.root(t, first);
                List<byte[]> proof = Merkle.consistencyProof(t, first, size);
                assertTrue(
                        Merkle.verifyConsistency(first, size, firstRoot, root, proof),
                        "consistency " + first + "→" + size);
                if (first < size) {
                    assertFalse(Merkle.verifyConsistency(first, size, flip(firstRoot, random), root, proof));
                    assertFalse(Merkle.verifyConsistency(first, size, firstRoot, flip(root, random), proof));
                    assertFalse(Merkle.verifyConsistency(first, size, firstRoot, root, flipOne(proof, random)));
                }
            }
        }
    }

    @Test
    void proofs_need_only_logarithmically_many_stored_nodes() {
        MemoryTree t = tree(1000);
        int[] reads = {0};
        NodeSource counting = (level, index) -> {
            reads[0]++;
            return t.node(level, index);
        };
        Merkle.inclusionProof(counting, 637, 999);
        assertTrue(reads[0] <= 2 * 10, "reads " + reads[0]);
        reads[0] = 0;
        Merkle.consistencyProof(counting, 377, 999);
        assertTrue(reads[0] <= 3 * 10, "reads " + reads[0]);
    }

    @Test
    void out_of_range_proofs_are_refused() {
        MemoryTree t = tree(4);
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Merkle.inclusionProof(t, 4, 4));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Merkle.consistencyProof(t, 0, 4));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Merkle.consistencyProof(t, 3, 2));
    }

    static byte[] flip(byte[] hash, Random random) {
        byte[] copy = Arrays.copyOf(hash, hash.length);
        int bit = random.nextInt(copy.length * 8);
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    static List<byte[]> flipOne(List<byte[]> path, Random random) {
        List<byte[]> copy = new ArrayList<>(path);
        int i = random.nextInt(copy.size());
        copy.set(i, flip(copy.get(i), random));
        return copy;
    }
}
