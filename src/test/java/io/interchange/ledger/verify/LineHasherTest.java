package io.interchange.ledger.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.ledger.merkle.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The fast path must agree with the reference parser and canonicaliser on every line it accepts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LineHasherTest {

    private final LineHasher hasher = new LineHasher();

    /** The reference: parse, drop the export members, canonicalise, hash. */
    static byte[] reference(String line) {
        Map<String, Object> entry = Json.parseObject(line);
        entry.remove("leafIndex");
        entry.remove("leafHash");
        return Hashes.leaf(Jcs.canonicalBytes(entry));
    }

    /** Hashes an export line with the fast path; asserts it took it and agreed with the reference. */
    private void agrees(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        byte[] fast = new byte[32];
        assertTrue(hasher.exportLine(bytes, 0, bytes.length, fast), "fast path refused " + line);
        assertEquals(Hashes.hex(reference(line)), Hashes.hex(fast), line);
    }

    private boolean accepts(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return hasher.exportLine(bytes, 0, bytes.length, new byte[32]);
    }

    @Test
    void generated_entries_in_jsonb_and_in_canonical_layout_hash_as_the_reference_does() {
        Random random = new Random(8785);
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> entry = ExportFixture.entry(i, random);
            agrees("{\"leafIndex\": " + i + ", " + ExportFixture.jsonb(entry).substring(1));
            agrees("{\"leafIndex\":" + i + ",\"leafHash\":\"" + "ab".repeat(32) + "\","
                    + Jcs.canonicalize(entry).substring(1));
        }
    }

    @Test
    void leaf_index_and_stored_hash_are_read_and_left_out_of_the_hash() {
        String hash = "0123456789abcdefABCDEF".toLowerCase() + "0".repeat(42);
        String line = "{\"kind\": \"EXCHANGE\", \"leafHash\": \"" + hash + "\", \"leafIndex\": 1041, \"rows\": 1}";
        agrees(line);
        assertEquals(1041, hasher.leafIndex());
        assertEquals(hash, Hashes.hex(hasher.storedLeafHash()));
        assertArrayEquals(reference("{\"kind\":\"EXCHANGE\",\"rows\":1}"), reference(line));

        agrees("{\"leafIndex\": 7, \"kind\": \"ADMIN\"}");
        assertNull(hasher.storedLeafHash());
        // nested members of the same names belong to the entry
        agrees("{\"leafIndex\": 8, \"summary\": {\"leafIndex\": 3, \"leafHash\": \"x\"}}");
    }

    @Test
    void unicode_escapes_and_control_characters_canonicalise_as_rfc_8785_asks() {
        agrees(
                "{\"leafIndex\":0,\"a\":\"caf\\u00e9\",\"b\":\"\\ud83d\\ude00 and 😀\",\"c\":\"\\u0000\\u001f\\u007f\"}");
        agrees("{\"leafIndex\":0,\"a\":\"\\/ \\b\\f\\n\\r\\t \\\" \\\\ \\u2028\",\"b\":\"第一行\\n第二行\"}");
        agrees("{\"leafIndex\":0,\"a\":\"\\u00E9\\u00e9\"}");
        assertFalse(
                accepts("{\"leafIndex\":0,\"a\":\"\\ud83d alone\"}"),
                "a lone surrogate is for the reference to refuse");
        assertFalse(accepts("{\"leafIndex\":0,\"a\":\"\\u12\"}"));
        assertFalse(accepts("{\"leafIndex\":0,\"a\":\"\\x\"}"));
    }

    @Test
    void numbers_print_in_ecmascript_form() {
        agrees("{\"leafIndex\":0,\"n\":[0,-0,7,-42,007,1.0,1.50,1e2,1E+2,-1e-7,0.1,1e21,1e20,123456789012345]}");
        agrees("{\"leafIndex\":0,\"n\":[1234567890123456,12345678901234567,9007199254740993,-0.0,5e-324]}");
        agrees("{\"leafIndex\":0,\"n\":1.7976931348623157e308}");
        assertFalse(accepts("{\"leafIndex\":0,\"n\":-}"));
        assertFalse(accepts("{\"leafIndex\":0,\"n\":1.}"));
        assertFalse(accepts("{\"leafIndex\":0,\"n\":1e}"));
    }

    @Test
    void members_sort_by_utf16_code_units_at_every_depth() {
        // U+10000 is a surrogate pair (D800 DC00) and sorts before U+FFFF in UTF-16, after it in UTF-8 bytes
        agrees("{\"leafIndex\":0,\"\uffff\":1,\"\ud800\udc00\":2,\"é\":3,\"z\":4,\"Z\":5,\"\":6}");
        agrees(
                "{\"leafIndex\":0,\"q\":{\"region_code\":\"330102\",\"id_number\":\"hmac:k1:ab\",\"b\":{\"y\":[],\"x\":{}}}}");
        agrees("{\"leafIndex\":0,\"q\":{\"a\\u0062\":1,\"aa\":2,\"ab\\n\":3}}");
        agrees("{\"leafIndex\":0,\"aaa\":1,\"aa\":2,\"a\":3,\"b\":[{\"d\":1,\"c\":2},{\"c\":3,\"d\":4}]}");
        agrees("{ \"leafIndex\" : 0 , \"x\" : [ 1 , { } , [ ] , true , false , null ] }\t ");
    }

    @Test
    void the_same_key_sequence_in_different_objects_is_sorted_from_the_cache_correctly() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("{\"leafIndex\":" + i + ",\"b\":" + i + ",\"a\":{\"d\":" + i + ",\"c\":[" + i + "]}}");
            lines.add("{\"leafIndex\":" + i + ",\"ba\":" + i + ",\"a\":{\"dc\":1}}");
            lines.add("{\"leafIndex\":" + i + ",\"b\":" + i + ",\"aa\":{\"d\":1,\"cc\":2}}");
        }
        lines.forEach(this::agrees);
    }

    @Test
    void anything_unusual_is_left_to_the_reference_path() {
        assertFalse(accepts("{\"leafIndex\":0,\"a\":1,\"a\":2}"), "duplicate member");
        assertFalse(accepts("{\"leafIndex\":0,\"leafIndex\":1}"), "duplicate leafIndex");
        assertFalse(accepts("{\"kind\":\"EXCHANGE\"}"), "no leafIndex");
        assertFalse(accepts("{\"leafIndex\":1.5,\"a\":1}"));
        assertFalse(accepts("{\"leafIndex\":-1,\"a\":1}"));
        assertFalse(accepts("{\"leafIndex\":\"3\",\"a\":1}"));
        assertFalse(accepts("{\"leafIndex\":0,\"leafHash\":\"abc\"}"), "a stored hash of the wrong length");
        assertFalse(accepts("{\"leafIndex\":0,\"leafHash\":null}"));
        assertFalse(accepts("{\"leaf\\u0049ndex\":0,\"a\":1}"), "leafIndex spelled with an escape");
        assertFalse(accepts("{\"leafIndex\":0,\"leafHas\\u0068\":\"ab\"}"), "leafHash spelled with an escape");
        assertFalse(accepts("{\"leafIndex\":0,\"a\":1} x"), "trailing characters");
        assertFalse(accepts("{\"leafIndex\":0,\"a\":1"), "cut short");
        assertFalse(accepts("{\"leafIndex\":0,\n\"a\":1}"), "a line break inside");
        assertFalse(accepts("{\"leafIndex\":0,\"a\":\"tab\tinside\"}"), "a raw control character");
        assertFalse(accepts("{\"leafIndex\":0,\"a\":tru}"));
        assertFalse(accepts("[1,2]"));
        assertFalse(accepts("   "));
        byte[] bad = "{\"leafIndex\":0,\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 3] = (byte) 0xff; // é's second byte no longer continues it
        assertFalse(hasher.exportLine(bad, 0, bad.length, new byte[32]), "malformed UTF-8");
        byte[] surrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'};
        assertFalse(hasher.entry(surrogate, 0, surrogate.length, new byte[32]), "an encoded surrogate");
        // after a refusal the next line still works
        agrees("{\"leafIndex\":5,\"a\":1}");
    }

    @Test
    void whatever_the_fast_path_accepts_of_mangled_lines_the_reference_accepts_with_the_same_hash_and_index() {
        Random random = new Random(1041);
        String alphabet = "\\\"u{}[],:0123456789-+.eE tfnl\u00e9\u957f\ud83d\ude00/bx";
        int accepted = 0;
        for (int i = 0; i < 20000; i++) {
            StringBuilder line = new StringBuilder("{\"leafIndex\": " + i + ", "
                    + ExportFixture.jsonb(ExportFixture.entry(i, random)).substring(1));
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(line.length());
                switch (random.nextInt(3)) {
                    case 0 -> line.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> line.deleteCharAt(at);
                    default -> line.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8); // a split surrogate pair becomes '?'
            String text = new String(bytes, StandardCharsets.UTF_8);
            byte[] fast = new byte[32];
            if (!hasher.exportLine(bytes, 0, bytes.length, fast)) {
                continue;
            }
            accepted++;
            Map<String, Object> entry = Json.parseObject(text); // must not throw: the fast path accepted it
            assertEquals(((Number) entry.get("leafIndex")).longValue(), hasher.leafIndex(), text);
            assertEquals(Hashes.hex(reference(text)), Hashes.hex(fast), text);
        }
        assertTrue(accepted > 1000, "too few mangled lines stayed valid to compare: " + accepted);
    }

    @Test
    void exportLineAt_finds_where_the_line_ends() {
        byte[] bytes = "{\"leafIndex\":0,\"a\":1}  \r\n{\"leafIndex\":1}".getBytes(StandardCharsets.UTF_8);
        int end = hasher.exportLineAt(bytes, 0, bytes.length, new byte[32]);
        assertEquals(bytes[end], '\r');
        assertEquals(bytes.length, hasher.exportLineAt(bytes, end + 2, bytes.length, new byte[32]));
        assertEquals(1, hasher.leafIndex());
    }

    @Test
    void a_whole_entry_hashes_as_the_online_verifier_expects() {
        String entry = "{\"rows\": 1, \"kind\": \"EXCHANGE\", \"leafIndex\": 4}";
        byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
        byte[] fast = new byte[32];
        assertTrue(hasher.entry(bytes, 0, bytes.length, fast));
        assertArrayEquals(Hashes.leaf(Jcs.canonicalBytes(Json.parseObject(entry))), fast);
    }
}
