package io.interchange.ledger.verify;

import io.interchange.ledger.merkle.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads an NDJSON export in large blocks and computes the leaf hashes of its lines on several threads; hands the
 * leaves over strictly in file order. Leaf hashes are independent of each other, so only the tree fold that follows
 * (cheap: about one interior hash per leaf) has to be sequential.
 */
public final class ExportHashing {

    /** Receives each leaf of the export, in file order. */
    public interface Sink {
        void leaf(long leafIndex, byte[] storedLeafHash, byte[] computedLeafHash);
    }

    /** A line that can't be read as an export entry: the verifier stops there. */
    public static final class BadLine extends Exception {
        private final long line;
        private final boolean missingIndex;

        BadLine(long line, boolean missingIndex, String message) {
            super(message);
            this.line = line;
            this.missingIndex = missingIndex;
        }

        public long line() {
            return line;
        }

        /** True when the line parsed but has no numeric {@code leafIndex}. */
        public boolean missingIndex() {
            return missingIndex;
        }
    }

    private static final int BLOCK = 4 << 20;

    private ExportHashing() {}

    /** Hashes every line of {@code file} with {@code threads} workers, feeding {@code sink} in order. */
    public static void run(Path file, int threads, Sink sink) throws IOException, BadLine {
        run(file, threads, BLOCK, sink);
    }

    /** With a given block size: tests use tiny blocks to cross block boundaries often. */
    static void run(Path file, int threads, int blockSize, Sink sink) throws IOException, BadLine {
        int workers = Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "verify-hash");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<LineHasher> hashers = ThreadLocal.withInitial(LineHasher::new);
        ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
        long lineBase = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] carry = new byte[0];
            boolean eof = false;
            while (true) {
                while (!eof && inFlight.size() < workers * 2) {
                    byte[] buf = Arrays.copyOf(carry, Math.max(blockSize, carry.length * 2));
                    int len = carry.length;
                    int read = in.readNBytes(buf, len, buf.length - len);
                    len += read;
                    eof = len < buf.length;
                    int cut = eof ? len : lastNewline(buf, len) + 1;
                    if (cut == 0) { // one line longer than the block: read on with a larger buffer
                        carry = Arrays.copyOf(buf, len);
                        continue;
                    }
                    carry = Arrays.copyOfRange(buf, cut, len);
                    int blockLen = cut;
                    inFlight.add(pool.submit(() -> hash(hashers.get(), buf, blockLen)));
                }
                Future<Block> next = inFlight.poll();
                if (next == null) {
                    return;
                }
                Block b = get(next);
                for (int i = 0; i < b.count; i++) {
                    byte[] computed = Arrays.copyOfRange(b.computed, i * Hashes.SIZE, (i + 1) * Hashes.SIZE);
                    byte[] stored = b.oddStored != null && b.oddStored[i] != null
                            ? b.oddStored[i]
                            : b.hasStored[i]
                                    ? Arrays.copyOfRange(b.stored, i * Hashes.SIZE, (i + 1) * Hashes.SIZE)
                                    : null;
                    sink.leaf(b.indexes[i], stored, computed);
                }
                if (b.errorLine > 0) {
                    long line = lineBase + b.errorLine;
                    throw new BadLine(
                            line,
                            b.error == null,
                            b.error == null
                                    ? "line " + line + " has no leafIndex"
                                    : "cannot read the export at line " + line + ": " + b.error);
                }
                lineBase += b.lines;
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private static Block get(Future<Block> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    private static int lastNewline(byte[] buf, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The hashed lines of one block; stops at the first bad line (errorLine > 0, counted from 1 in the block). */
    private static final class Block {
        int count;
        long[] indexes = new long[1024];
        byte[] computed = new byte[1024 * Hashes.SIZE];
        byte[] stored = new byte[1024 * Hashes.SIZE];
        boolean[] hasStored = new boolean[1024];
        byte[][] oddStored; // stored hashes that are not 32 bytes long: they mismatch, and the verifier says so
        long lines;
        long errorLine;
        String error; // null: the line has no leafIndex

        void grow() {
            int n = indexes.length * 2;
            indexes = Arrays.copyOf(indexes, n);
            computed = Arrays.copyOf(computed, n * Hashes.SIZE);
            stored = Arrays.copyOf(stored, n * Hashes.SIZE);
            hasStored = Arrays.copyOf(hasStored, n);
            if (oddStored != null) {
                oddStored = Arrays.copyOf(oddStored, n);
            }
        }
    }

    /** Lines end at \n, \r or \r\n, as {@link java.io.BufferedReader#readLine} splits them. */
    private static Block hash(LineHasher hasher, byte[] buf, int len) {
        Block b = new Block();
        byte[] leaf = new byte[Hashes.SIZE];
        int start = 0;
        while (start < len) {
            if (b.count == b.indexes.length) {
                b.grow();
            }
            b.lines++;
            // The fast path finds the line's end while it parses; only lines it leaves are scanned for it.
            int lineEnd = buf[start] == '\n' || buf[start] == '\r' ? start : hasher.exportLineAt(buf, start, len, leaf);
            if (lineEnd >= 0 && lineEnd > start) {
                fast(hasher, leaf, b);
            } else {
                lineEnd = start;
                while (lineEnd < len && buf[lineEnd] != '\n' && buf[lineEnd] != '\r') {
                    lineEnd++;
                }
                if (lineEnd > start && !line(buf, start, lineEnd, b)) {
                    return b;
                }
            }
            start = lineEnd;
            if (start < len) {
                start += buf[start] == '\r' && start + 1 < len && buf[start + 1] == '\n' ? 2 : 1;
            }
        }
        return b;
    }

    private static void fast(LineHasher hasher, byte[] leaf, Block b) {
        int at = b.count * Hashes.SIZE;
        b.indexes[b.count] = hasher.leafIndex();
        System.arraycopy(leaf, 0, b.computed, at, Hashes.SIZE);
        b.hasStored[b.count] = hasher.hasStoredLeafHash();
        if (hasher.hasStoredLeafHash()) {
            hasher.storedLeafHashInto(b.stored, at);
        }
        b.count++;
    }

    /** One line into the block; false (with the error recorded) when it is not an export entry. */
    private static boolean line(byte[] buf, int start, int end, Block b) {
        int at = b.count * Hashes.SIZE;
        // The reference path: exactly what the verifier did line by line before the fast path existed.
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            return fail(b, String.valueOf(e.getMessage()));
        }
        if (text.isBlank()) {
            return true;
        }
        try {
            Map<String, Object> entry = Json.parseObject(text);
            Object index = entry.remove("leafIndex");
            Object hash = entry.remove("leafHash");
            if (!(index instanceof Number n)) {
                return fail(b, null);
            }
            b.indexes[b.count] = n.longValue();
            b.hasStored[b.count] = hash instanceof String;
            if (hash instanceof String h) {
                byte[] stored = Hashes.unhex(h);
                if (stored.length == Hashes.SIZE) {
                    System.arraycopy(stored, 0, b.stored, at, Hashes.SIZE);
                } else {
                    if (b.oddStored == null) {
                        b.oddStored = new byte[b.indexes.length][];
                    }
                    b.oddStored[b.count] = stored;
                }
            }
            System.arraycopy(Hashes.leaf(Jcs.canonicalBytes(entry)), 0, b.computed, at, Hashes.SIZE);
            b.count++;
            return true;
        } catch (IllegalArgumentException e) {
            return fail(b, String.valueOf(e.getMessage()));
        }
    }

    private static boolean fail(Block b, String error) {
        b.errorLine = b.lines;
        b.error = error;
        return false;
    }
}
