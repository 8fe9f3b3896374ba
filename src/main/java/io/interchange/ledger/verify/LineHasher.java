package io.interchange.ledger.verify;

import io.interchange.ledger.merkle.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * Leaf hashes straight from the UTF-8 bytes of one export line: the line is canonicalised (RFC 8785) into a reused
 * buffer while it is scanned, without building maps or strings for the common shapes, and hashed with a reused digest.
 * A verifier spends its time here, so this path exists for speed only; anything it does not handle the cheap way
 * (a syntax error, a duplicate member, malformed UTF-8, a {@code leafIndex} that is not a plain integer …) makes it
 * answer false, and the caller falls back to {@link Json} and {@link Jcs}, whose verdicts stay the reference. One
 * instance per thread.
 */
public final class LineHasher {

    /** Thrown (without a stack trace) to leave the fast path. */
    private static final class Fallback extends RuntimeException {
        Fallback() {
            super(null, null, false, false);
        }
    }

    private static final Fallback FALLBACK = new Fallback();
    private static final byte[] LEAF_INDEX = "leafIndex".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEAF_HASH = "leafHash".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = 200;

    private final MessageDigest sha = Hashes.sha256();
    private byte[] in;
    private int pos;
    private int end;
    private byte[] out = new byte[4096];
    private int len;
    private byte[] scratch = new byte[4096];

    // Members of the objects being written, innermost last: segment start (the key's opening quote), key end,
    // segment end, and the decoded key when it is not plain ASCII.
    private int[] segStart = new int[64];
    private int[] keyEnd = new int[64];
    private int[] segEnd = new int[64];
    private String[] keyText = new String[64];
    private int members;
    private int depth;

    private long leafIndex;
    private boolean hasLeafHash;
    private final byte[] storedHash = new byte[Hashes.SIZE];

    /**
     * One export line {@code [start, end)}: computes the leaf hash of the entry without {@code leafIndex} and
     * {@code leafHash} into {@code leafHashOut}. False when the fast path can't decide; nothing is then known.
     */
    public boolean exportLine(byte[] buf, int start, int end, byte[] leafHashOut) {
        return run(buf, start, end, true, leafHashOut) == end;
    }

    /**
     * As {@link #exportLine}, for the line starting at {@code start} and ending at the next line break or {@code
     * limit}, whichever comes first: returns where the line ends (so the caller need not look for it first), or -1
     * when the fast path can't decide.
     */
    public int exportLineAt(byte[] buf, int start, int limit, byte[] leafHashOut) {
        return run(buf, start, limit, true, leafHashOut);
    }

    /** The leaf hash of a whole entry (no export members to remove), as the online verifier reads it. */
    public boolean entry(byte[] buf, int start, int end, byte[] leafHashOut) {
        return run(buf, start, end, false, leafHashOut) == end;
    }

    /** The leaf index the last successful {@link #exportLine} read. */
    public long leafIndex() {
        return leafIndex;
    }

    /** The stored leaf hash the last successful {@link #exportLine} read, or null when the line had none. */
    public byte[] storedLeafHash() {
        return hasLeafHash ? storedHash.clone() : null;
    }

    /** Whether the last line carried a leaf hash; then {@link #storedLeafHashInto} copies it without allocating. */
    public boolean hasStoredLeafHash() {
        return hasLeafHash;
    }

    public void storedLeafHashInto(byte[] dest, int offset) {
        System.arraycopy(storedHash, 0, dest, offset, Hashes.SIZE);
    }

    /** Returns the end of the line (a line break or {@code stop}), or -1. */
    private int run(byte[] buf, int start, int stop, boolean export, byte[] leafHashOut) {
        in = buf;
        pos = start;
        end = stop;
        len = 0;
        members = 0;
        depth = 0;
        leafIndex = -1;
        hasLeafHash = false;
        int lineEnd;
        try {
            space();
            if (pos >= end || in[pos] != '{') {
                return -1;
            }
            object(export);
            space();
            if (pos != end && in[pos] != '\n' && in[pos] != '\r') {
                return -1;
            }
            if (export && leafIndex < 0) {
                return -1;
            }
            lineEnd = pos;
        } catch (Fallback | IllegalArgumentException e) {
            return -1;
        } finally {
            in = null;
        }
        sha.reset();
        sha.update((byte) 0x00);
        sha.update(out, 0, len);
        try {
            sha.digest(leafHashOut, 0, Hashes.SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        return lineEnd;
    }

    private void value() {
        if (pos >= end) {
            throw FALLBACK;
        }
        byte c = in[pos];
        switch (c) {
            case '{' -> object(false);
            case '[' -> array();
            case '"' -> string(false);
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw FALLBACK;
                }
            }
        }
    }

    /** Writes the object's members as they come, then reorders them by key (UTF-16 code units) in place. */
    private void object(boolean top) {
        if (++depth > MAX_DEPTH) {
            throw FALLBACK;
        }
        pos++;
        int open = len;
        put((byte) '{');
        int first = members;
        space();
        if (peek() == '}') {
            pos++;
            put((byte) '}');
            depth--;
            return;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw FALLBACK;
            }
            int s = len;
            String decoded = string(true);
            int k = len;
            space();
            if (next() != ':') {
                throw FALLBACK;
            }
            space();
            if (top && decoded != null && (decoded.equals("leafIndex") || decoded.equals("leafHash"))) {
                throw FALLBACK; // spelled with escapes: rare enough for the reference path
            }
            if (top && decoded == null && special(s, k)) {
                len = s; // leafIndex and leafHash are not part of the hashed entry
            } else {
                put((byte) ':');
                value();
                member(s, k, len, decoded);
            }
            space();
            byte c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw FALLBACK;
            }
        }
        arrange(open, first);
        members = first;
        depth--;
    }

    /** Reads {@code leafIndex} or {@code leafHash} when the key (canonical bytes out[s, k)) is one of them. */
    private boolean special(int s, int k) {
        if (equalsKey(s, k, LEAF_INDEX)) {
            if (leafIndex >= 0) {
                throw FALLBACK; // a duplicate: the reference parser names it
            }
            long v = 0;
            int start = pos;
            while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
                v = v * 10 + (in[pos++] - '0');
            }
            int digits = pos - start;
            if (digits == 0 || digits > 15 || (pos < end && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E'))) {
                throw FALLBACK;
            }
            leafIndex = v;
            return true;
        }
        if (equalsKey(s, k, LEAF_HASH)) {
            if (hasLeafHash || pos + 66 > end || in[pos] != '"' || in[pos + 65] != '"') {
                throw FALLBACK;
            }
            for (int i = 0; i < Hashes.SIZE; i++) {
                storedHash[i] = (byte) ((hexDigit(in[pos + 1 + 2 * i]) << 4) | hexDigit(in[pos + 2 + 2 * i]));
            }
            pos += 66;
            hasLeafHash = true;
            return true;
        }
        return false;
    }

    private boolean equalsKey(int s, int k, byte[] name) {
        if (k - s != name.length + 2) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (out[s + 1 + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        throw FALLBACK;
    }

    private void member(int s, int k, int e, String decoded) {
        if (members == segStart.length) {
            int n = members * 2;
            segStart = java.util.Arrays.copyOf(segStart, n);
            keyEnd = java.util.Arrays.copyOf(keyEnd, n);
            segEnd = java.util.Arrays.copyOf(segEnd, n);
            keyText = java.util.Arrays.copyOf(keyText, n);
        }
        segStart[members] = s;
        keyEnd[members] = k;
        segEnd[members] = e;
        keyText[members] = decoded;
        members++;
    }

    /**
     * Members [first, members) lie in out after {@code open} ('{') without separators; rewrites them sorted, with
     * commas and the closing brace. Members are few (tens), so an insertion sort over their indexes is enough.
     */
    private void arrange(int open, int first) {
        int n = members - first;
        int[] order = cachedOrder(first, n);
        if (order == null) {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = first + i;
            }
            for (int i = 1; i < n; i++) {
                int m = order[i];
                int j = i - 1;
                while (j >= 0 && compare(order[j], m) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = m;
            }
            for (int i = 1; i < n; i++) {
                if (compare(order[i - 1], order[i]) == 0) {
                    throw FALLBACK; // duplicate member
                }
            }
            for (int i = 0; i < n; i++) {
                order[i] -= first;
            }
            remember(first, n, order);
        }
        int from = open + 1;
        int size = len - from;
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        System.arraycopy(out, from, scratch, 0, size);
        len = from;
        for (int i = 0; i < n; i++) {
            int m = first + order[i];
            if (i > 0) {
                put((byte) ',');
            }
            int segLen = segEnd[m] - segStart[m];
            ensure(segLen);
            System.arraycopy(scratch, segStart[m] - from, out, len, segLen);
            len += segLen;
        }
        put((byte) '}');
    }

    // Entries of one kind repeat the same members in the same order line after line, so the sorted order of a key
    // sequence seen before is looked up instead of sorted again: comparing the keys' bytes is cheaper than sorting.
    private static final int SHAPES = 32;
    private final byte[][] shapeKeys = new byte[SHAPES][];
    private final int[][] shapeOrder = new int[SHAPES][];
    private int shapeNext;

    /** The members' key bytes, quotes included, one after the other (unambiguous: each key is a quoted string). */
    private int keyBytes(int first, int n) {
        int total = 0;
        for (int i = first; i < first + n; i++) {
            if (keyText[i] != null) {
                return -1; // non-ASCII or escaped keys are rare: sorted every time
            }
            total += keyEnd[i] - segStart[i];
        }
        return total;
    }

    private int[] cachedOrder(int first, int n) {
        int total = keyBytes(first, n);
        if (total < 0) {
            return null;
        }
        for (int c = 0; c < SHAPES; c++) {
            byte[] keys = shapeKeys[c];
            if (keys == null || keys.length != total || shapeOrder[c].length != n) {
                continue;
            }
            int off = 0;
            boolean same = true;
            for (int i = first; i < first + n && same; i++) {
                int k = keyEnd[i] - segStart[i];
                same = java.util.Arrays.equals(out, segStart[i], keyEnd[i], keys, off, off + k);
                off += k;
            }
            if (same) {
                return shapeOrder[c];
            }
        }
        return null;
    }

    private void remember(int first, int n, int[] order) {
        int total = keyBytes(first, n);
        if (total < 0) {
            return;
        }
        byte[] keys = new byte[total];
        int off = 0;
        for (int i = first; i < first + n; i++) {
            int k = keyEnd[i] - segStart[i];
            System.arraycopy(out, segStart[i], keys, off, k);
            off += k;
        }
        shapeKeys[shapeNext] = keys;
        shapeOrder[shapeNext] = order;
        shapeNext = (shapeNext + 1) % SHAPES;
    }

    /** Orders keys by UTF-16 code units (RFC 8785 §3.2.3); plain ASCII keys compare as bytes, which agrees. */
    private int compare(int a, int b) {
        String ta = keyText[a];
        String tb = keyText[b];
        if (ta == null && tb == null) {
            int i = segStart[a] + 1;
            int j = segStart[b] + 1;
            int ie = keyEnd[a] - 1;
            int je = keyEnd[b] - 1;
            while (i < ie && j < je) {
                int d = out[i++] - out[j++];
                if (d != 0) {
                    return d;
                }
            }
            return (ie - i) - (je - j);
        }
        return text(a).compareTo(text(b));
    }

    private String text(int m) {
        String t = keyText[m];
        return t != null ? t : new String(out, segStart[m] + 1, keyEnd[m] - segStart[m] - 2, StandardCharsets.US_ASCII);
    }

    private void array() {
        if (++depth > MAX_DEPTH) {
            throw FALLBACK;
        }
        pos++;
        put((byte) '[');
        space();
        if (peek() == ']') {
            pos++;
            put((byte) ']');
            depth--;
            return;
        }
        while (true) {
            space();
            value();
            space();
            byte c = next();
            if (c == ']') {
                break;
            }
            if (c != ',') {
                throw FALLBACK;
            }
            put((byte) ',');
        }
        put((byte) ']');
        depth--;
    }

    /**
     * Writes the canonical form of the string at pos. Without escapes the input bytes already are canonical (JCS
     * escapes nothing but quote, backslash and control characters, which can't appear raw) once checked to be UTF-8.
     * Returns, for keys, null when the string is plain ASCII, else its decoded text (needed to sort it).
     */
    private String string(boolean key) {
        pos++;
        int s = pos;
        boolean ascii = true;
        while (true) {
            if (pos >= end) {
                throw FALLBACK;
            }
            byte c = in[pos];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                return escaped(s, key);
            }
            if (c >= 0 && c < 0x20) {
                throw FALLBACK;
            }
            if (c < 0) {
                ascii = false;
                pos = utf8(pos);
            } else {
                pos++;
            }
        }
        int n = pos - s;
        ensure(n + 2);
        out[len++] = '"';
        System.arraycopy(in, s, out, len, n);
        len += n;
        out[len++] = '"';
        pos++;
        return !key || ascii ? null : new String(in, s, n, StandardCharsets.UTF_8);
    }

    /** A string with escapes: decoded, then written with JCS's escapes. Rare in exports (control characters only). */
    private String escaped(int s, boolean key) {
        StringBuilder sb = new StringBuilder();
        sb.append(new String(in, s, pos - s, StandardCharsets.UTF_8)); // already validated up to here
        while (true) {
            if (pos >= end) {
                throw FALLBACK;
            }
            byte c = in[pos];
            if (c == '"') {
                pos++;
                break;
            }
            if (c >= 0 && c < 0x20) {
                throw FALLBACK;
            }
            if (c == '\\') {
                if (pos + 1 >= end) {
                    throw FALLBACK;
                }
                byte e = in[pos + 1];
                pos += 2;
                switch (e) {
                    case '"', '\\', '/' -> sb.append((char) e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > end) {
                            throw FALLBACK;
                        }
                        int v = 0;
                        for (int i = 0; i < 4; i++) {
                            v = (v << 4) | hexDigit(in[pos + i]);
                        }
                        sb.append((char) v);
                        pos += 4;
                    }
                    default -> throw FALLBACK;
                }
            } else if (c < 0) {
                int next = utf8(pos);
                sb.append(new String(in, pos, next - pos, StandardCharsets.UTF_8));
                pos = next;
            } else {
                sb.append((char) c);
                pos++;
            }
        }
        String text = sb.toString();
        StringBuilder canonical = new StringBuilder(text.length() + 8);
        Jcs.string(text, canonical); // refuses lone surrogates, as the reference path does
        byte[] bytes = canonical.toString().getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, len, bytes.length);
        len += bytes.length;
        return key ? text : null;
    }

    /** Checks one well-formed UTF-8 sequence (no surrogates, no overlongs) at i; returns the index after it. */
    private int utf8(int i) {
        int b = in[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            n = 1;
        } else if (b >= 0xe0 && b <= 0xef) {
            n = 2;
            if (b == 0xe0) {
                lo = 0xa0;
            } else if (b == 0xed) {
                hi = 0x9f;
            }
        } else if (b >= 0xf0 && b <= 0xf4) {
            n = 3;
            if (b == 0xf0) {
                lo = 0x90;
            } else if (b == 0xf4) {
                hi = 0x8f;
            }
        } else {
            throw FALLBACK;
        }
        if (i + n >= end) {
            throw FALLBACK;
        }
        int c = in[i + 1] & 0xff;
        if (c < lo || c > hi) {
            throw FALLBACK;
        }
        for (int k = 2; k <= n; k++) {
            c = in[i + k] & 0xff;
            if (c < 0x80 || c > 0xbf) {
                throw FALLBACK;
            }
        }
        return i + n + 1;
    }

    /** Plain integers of up to 15 digits print as themselves (minus leading zeros and the sign of zero). */
    private void number() {
        int s = pos;
        boolean negative = in[pos] == '-';
        if (negative) {
            pos++;
        }
        long v = 0;
        int d = pos;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            v = v * 10 + (in[pos++] - '0');
        }
        int digits = pos - d;
        if (digits == 0) {
            throw FALLBACK;
        }
        boolean fraction = pos < end && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E');
        if (!fraction && digits <= 15) {
            if (negative && v != 0) {
                put((byte) '-');
            }
            digitsOf(v);
            return;
        }
        if (pos < end && in[pos] == '.') {
            pos++;
            skipDigits();
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            skipDigits();
        }
        String text = Jcs.number(Double.parseDouble(new String(in, s, pos - s, StandardCharsets.US_ASCII)));
        for (int i = 0; i < text.length(); i++) {
            put((byte) text.charAt(i));
        }
    }

    private void skipDigits() {
        int s = pos;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        if (pos == s) {
            throw FALLBACK;
        }
    }

    private void digitsOf(long v) {
        if (v == 0) {
            put((byte) '0');
            return;
        }
        int n = 0;
        for (long t = v; t > 0; t /= 10) {
            n++;
        }
        ensure(n);
        for (int i = len + n - 1; i >= len; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += n;
    }

    private void literal(byte[] word) {
        if (pos + word.length > end) {
            throw FALLBACK;
        }
        for (int i = 0; i < word.length; i++) {
            if (in[pos + i] != word[i]) {
                throw FALLBACK;
            }
        }
        pos += word.length;
        ensure(word.length);
        System.arraycopy(word, 0, out, len, word.length);
        len += word.length;
    }

    /** Spaces and tabs only: a line break ends the line, and inside an entry it is for the reference path to judge. */
    private void space() {
        while (pos < end && (in[pos] == ' ' || in[pos] == '\t')) {
            pos++;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw FALLBACK;
        }
        return in[pos];
    }

    private byte next() {
        byte c = peek();
        pos++;
        return c;
    }

    private void put(byte b) {
        if (len == out.length) {
            out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        out[len++] = b;
    }

    private void ensure(int n) {
        if (len + n > out.length) {
            out = java.util.Arrays.copyOf(out, Math.max(len + n, out.length * 2));
        }
    }
}
