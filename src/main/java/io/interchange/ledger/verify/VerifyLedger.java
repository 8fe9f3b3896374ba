package io.interchange.ledger.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The offline verifier: checks an NDJSON export against a signed checkpoint with the hub's public key, using the JDK
 * only — no database, no hub, no libraries.
 *
 * <pre>
 * java -cp target/classes io.interchange.ledger.verify.VerifyLedger \
 *     --export ledger.ndjson --checkpoint checkpoint.txt --public-key ledger-key.pem
 * </pre>
 *
 * Exit status: 0 verified; 1 the export does not match the checkpoint (the first bad leaf index is named); 2 usage or
 * unreadable input; 3 the checkpoint's signature does not verify.
 */
public final class VerifyLedger {

    private VerifyLedger() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0
                || !options.containsKey("--export")
                || !options.containsKey("--checkpoint")
                || !(options.containsKey("--public-key") || options.containsKey("--verifier-key"))) {
            err.println("usage: VerifyLedger --export <ledger.ndjson> --checkpoint <checkpoint.txt>"
                    + " (--public-key <key.pem> | --verifier-key <name+id+key>) [--threads <n>]");
            return 2;
        }
        if (threads(options) < 1) {
            err.println("--threads must be a positive number");
            return 2;
        }
        String note;
        PublicKey key;
        try {
            note = Files.readString(Path.of(options.get("--checkpoint")), StandardCharsets.UTF_8);
            // Saved notes often gain extra line breaks (`jq -r`, editors); a signed note ends with exactly one.
            note = note.replaceAll("[\r\n]+$", "") + "\n";
            key = options.containsKey("--public-key")
                    ? SignedNote.fromPem(Files.readString(Path.of(options.get("--public-key"))))
                    : SignedNote.parseVerifierKey(options.get("--verifier-key")).key();
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read the checkpoint or the key: " + e.getMessage());
            return 2;
        }
        SignedNote.Checkpoint checkpoint;
        try {
            String origin = note.substring(0, Math.max(0, note.indexOf('\n')));
            checkpoint = SignedNote.parseCheckpoint(SignedNote.open(note, origin, key));
        } catch (IllegalArgumentException e) {
            err.println("checkpoint signature INVALID: " + e.getMessage());
            return 3;
        }
        long started = System.nanoTime();
        LedgerVerifier verifier = new LedgerVerifier(checkpoint.treeSize(), checkpoint.rootHash());
        try {
            ExportHashing.run(Path.of(options.get("--export")), threads(options), verifier::acceptHashed);
        } catch (ExportHashing.BadLine e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read the export: " + e.getMessage());
            return 2;
        }
        LedgerVerifier.Result result = verifier.finish();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.ok()) {
            out.println("OK: " + result.leavesChecked() + " entries match checkpoint " + checkpoint.origin() + " size "
                    + checkpoint.treeSize() + " root " + result.rootHash() + " (" + millis + " ms)");
            return 0;
        }
        Long first = result.firstBadIndex();
        out.println("TAMPERED: " + (first != null ? "first bad leaf index " + first : "root mismatch") + "; "
                + result.problems().size() + " problem(s)");
        result.problems().stream().limit(20).forEach(p -> out.println("  leaf " + p.leafIndex() + ": " + p.problem()));
        return 1;
    }

    /** Hashing threads: every core by default (leaf hashes are independent); the tree fold stays on one. */
    private static int threads(Map<String, String> options) {
        String n = options.get("--threads");
        if (n == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
