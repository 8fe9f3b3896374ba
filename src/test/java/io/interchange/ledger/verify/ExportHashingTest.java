package io.interchange.ledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.ledger.merkle.Hashes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportHashingTest {

    @TempDir
    Path dir;

    record Leaf(long index, String stored, String computed) {}

    List<Leaf> hash(String content, int threads, int block) throws Exception {
        Path file = dir.resolve("x.ndjson");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<Leaf> leaves = new ArrayList<>();
        ExportHashing.run(
                file,
                threads,
                block,
                (i, stored, computed) ->
                        leaves.add(new Leaf(i, stored == null ? null : Hashes.hex(stored), Hashes.hex(computed))));
        return leaves;
    }

    @Test
    void tiny_blocks_many_threads_and_every_line_break_give_the_leaves_in_file_order() throws Exception {
        Random random = new Random(9162);
        StringBuilder content = new StringBuilder();
        List<String> expected = new ArrayList<>();
        String[] breaks = {"\n", "\r\n", "\r", "\n\n", "\n  \n"};
        for (int i = 0; i < 300; i++) {
            String entry = ExportFixture.jsonb(ExportFixture.entry(i, random));
            // every 7th line takes the reference path (a duplicate-free but fraction leafIndex would not do: use 1e0)
            String index = i % 7 == 0 ? i + ".0" : Integer.toString(i);
            String line = "{\"leafIndex\":" + index + "," + entry.substring(1);
            expected.add(Hashes.hex(LineHasherTest.reference(line)));
            content.append(line).append(breaks[i % breaks.length]);
        }
        for (int block : new int[] {64, 1000, 1 << 20}) {
            for (int threads : new int[] {1, 3}) {
                List<Leaf> leaves = hash(content.toString(), threads, block);
                assertEquals(300, leaves.size(), "block " + block + ", threads " + threads);
                for (int i = 0; i < 300; i++) {
                    assertEquals(i, leaves.get(i).index());
                    assertNull(leaves.get(i).stored());
                    assertEquals(expected.get(i), leaves.get(i).computed(), "leaf " + i);
                }
            }
        }
    }

    @Test
    void a_bad_line_is_named_by_its_line_number_across_blocks() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            content.append("{\"leafIndex\":").append(i).append(",\"a\":1}\r\n");
        }
        String good = content.toString();
        ExportHashing.BadLine bad =
                assertThrows(ExportHashing.BadLine.class, () -> hash(good + "{\"leafIndex\":40,\"a\":}\n", 2, 50));
        assertEquals(41, bad.line());
        assertTrue(bad.getMessage().startsWith("cannot read the export at line 41: JSON:"), bad.getMessage());

        bad = assertThrows(ExportHashing.BadLine.class, () -> hash(good + "\n{\"a\":1}\n", 2, 50));
        assertEquals(42, bad.line());
        assertTrue(bad.missingIndex());
        assertEquals("line 42 has no leafIndex", bad.getMessage());

        byte[] malformed = (good + "{\"leafIndex\":40,\"a\":\"\u00e9\"}\n").getBytes(StandardCharsets.UTF_8);
        malformed[malformed.length - 4] = (byte) 0xc3; // é's lead byte twice: malformed UTF-8
        Files.write(dir.resolve("m.ndjson"), malformed);
        bad = assertThrows(
                ExportHashing.BadLine.class, () -> ExportHashing.run(dir.resolve("m.ndjson"), 2, 64, (i, s, c) -> {}));
        assertEquals(41, bad.line());
    }

    @Test
    void a_line_longer_than_a_block_is_read_whole() throws Exception {
        String longValue = "长".repeat(5000);
        String line = "{\"leafIndex\":0,\"purpose\":\"" + longValue + "\"}";
        List<Leaf> leaves = hash(line + "\n" + line.replace("\":0,", "\":1,"), 2, 100);
        assertEquals(2, leaves.size());
        assertEquals(Hashes.hex(LineHasherTest.reference(line)), leaves.get(0).computed());
        assertEquals(leaves.get(0).computed(), leaves.get(1).computed());
    }

    @Test
    void a_stored_hash_of_the_wrong_length_is_a_mismatch_not_a_crash() throws Exception {
        KeyPairFixture f = KeyPairFixture.of(List.of("{\"leafIndex\":0,\"leafHash\":\"abcd\",\"a\":1}"), 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = VerifyLedger.run(f.args(dir), print, print);
        assertEquals(1, status, out.toString());
        assertTrue(out.toString().contains("first bad leaf index 0"), out.toString());
    }

    /** An export with a checkpoint signed over the reference hashes of its lines. */
    record KeyPairFixture(List<String> lines, String note, String pem) {
        static KeyPairFixture of(List<String> lines, long size) throws Exception {
            var pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            var tree = new io.interchange.ledger.merkle.MemoryTree();
            lines.forEach(l -> tree.append(LineHasherTest.reference(l)));
            String note = SignedNote.sign(
                    "t.example/ledger",
                    SignedNote.checkpointBody("t.example/ledger", size, tree.root()),
                    pair.getPrivate(),
                    pair.getPublic());
            return new KeyPairFixture(lines, note, SignedNote.pem(pair.getPublic()));
        }

        String[] args(Path dir) throws Exception {
            Files.write(dir.resolve("e.ndjson"), lines);
            Files.writeString(dir.resolve("c.txt"), note);
            Files.writeString(dir.resolve("k.pem"), pem);
            return new String[] {
                "--export", dir.resolve("e.ndjson").toString(),
                "--checkpoint", dir.resolve("c.txt").toString(),
                "--public-key", dir.resolve("k.pem").toString(),
                "--threads", "2"
            };
        }
    }
}
