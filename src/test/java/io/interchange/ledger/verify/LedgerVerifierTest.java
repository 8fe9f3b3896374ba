package io.interchange.ledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.ledger.merkle.Hashes;
import io.interchange.ledger.merkle.MemoryTree;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerVerifierTest {

    static final String ORIGIN = "test.example/ledger";

    @TempDir
    Path dir;

    static Map<String, Object> entry(int i) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", "EXCHANGE");
        e.put("exchangeId", "00000000-0000-0000-0000-" + String.format("%012d", i));
        e.put("rows", i % 5);
        e.put("latencyMs", 3 + i);
        e.put("subjects", List.of("hmac:k1:" + Integer.toHexString(i)));
        e.put("code", null);
        return e;
    }

    /** Export lines as the hub writes them, and the signed checkpoint over them. */
    static List<String> export(int n, MemoryTree tree) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] hash = Hashes.leaf(Jcs.canonicalBytes(entry(i)));
            tree.append(hash);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("leafIndex", i);
            line.put("leafHash", Hashes.hex(hash));
            line.putAll(entry(i));
            lines.add(Jcs.canonicalize(line));
        }
        return lines;
    }

    int verify(List<String> lines, String note, KeyPair pair, ByteArrayOutputStream out) throws Exception {
        Files.write(dir.resolve("x.ndjson"), lines);
        Files.writeString(dir.resolve("cp.txt"), note);
        Files.writeString(dir.resolve("key.pem"), SignedNote.pem(pair.getPublic()));
        return VerifyLedger.run(
                new String[] {
                    "--export", dir.resolve("x.ndjson").toString(),
                    "--checkpoint", dir.resolve("cp.txt").toString(),
                    "--public-key", dir.resolve("key.pem").toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void an_untouched_export_verifies_and_each_kind_of_tampering_is_named() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        MemoryTree tree = new MemoryTree();
        List<String> lines = export(50, tree);
        String note = SignedNote.sign(
                ORIGIN, SignedNote.checkpointBody(ORIGIN, 50, tree.root()), pair.getPrivate(), pair.getPublic());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, verify(lines, note, pair, out), out.toString());
        out.reset();
        assertEquals(0, verify(lines, note + "\n\r\n", pair, out), "a saved note with extra line breaks: " + out);

        List<String> changed = new ArrayList<>(lines);
        changed.set(17, changed.get(17).replace("\"rows\":2", "\"rows\":3"));
        out.reset();
        assertEquals(1, verify(changed, note, pair, out));
        assertTrue(out.toString().contains("first bad leaf index 17"), out.toString());

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(23);
        out.reset();
        assertEquals(1, verify(deleted, note, pair, out));
        assertTrue(out.toString().contains("first bad leaf index 23"), out.toString());

        List<String> swapped = new ArrayList<>(lines);
        String a = swapped.get(30).replaceFirst("\"leafIndex\":30", "\"leafIndex\":31");
        String b = swapped.get(31).replaceFirst("\"leafIndex\":31", "\"leafIndex\":30");
        swapped.set(30, b.replaceFirst("\"leafHash\":\"[0-9a-f]+\"", "\"leafHash\":\"" + hashOf(lines.get(30)) + "\""));
        swapped.set(31, a.replaceFirst("\"leafHash\":\"[0-9a-f]+\"", "\"leafHash\":\"" + hashOf(lines.get(31)) + "\""));
        out.reset();
        assertEquals(1, verify(swapped, note, pair, out));
        assertTrue(out.toString().contains("first bad leaf index 30"), out.toString());

        // rewriting entry and hash alike still fails on the signed root
        List<String> rewritten = new ArrayList<>(lines);
        Collections.swap(rewritten, 5, 6);
        rewritten.set(5, rewritten.get(5).replaceFirst("\"leafIndex\":6", "\"leafIndex\":5"));
        rewritten.set(6, rewritten.get(6).replaceFirst("\"leafIndex\":5", "\"leafIndex\":6"));
        out.reset();
        assertEquals(1, verify(rewritten, note, pair, out));
        assertTrue(out.toString().contains("root mismatch"), out.toString());

        out.reset();
        assertEquals(3, verify(lines, note.replace("\n50\n", "\n49\n"), pair, out));
    }

    static String hashOf(String line) {
        return (String) Json.parseObject(line).get("leafHash");
    }
}
