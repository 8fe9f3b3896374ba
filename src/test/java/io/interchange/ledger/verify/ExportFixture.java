package io.interchange.ledger.verify;

import io.interchange.ledger.merkle.Frontier;
import io.interchange.ledger.merkle.Hashes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Synthetic exports shaped like the hub's (PostgreSQL's jsonb text: members ordered by length then bytes, ", " and ": "
 * separators), with the leaf hashes computed by the reference path ({@link Json} + {@link Jcs}) so they check the fast
 * one. Entries vary the way real ones do: three kinds, Chinese text, nulls, nested query and summary objects, and now
 * and then an escape, an emoji or a fraction.
 *
 * <pre>
 * java -cp target/classes:target/test-classes io.interchange.ledger.verify.ExportFixture 1000000 /tmp/ledger-1m
 * </pre>
 *
 * writes {@code ledger.ndjson}, {@code checkpoint.txt} and {@code ledger-key.pem} there.
 */
public final class ExportFixture {

    static final String ORIGIN = "bench.example/ledger";

    private ExportFixture() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        write(n, dir, new Random(6962));
        System.out.printf("wrote %d entries to %s in %d ms%n", n, dir, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Writes the three files; returns the export's lines' entries as the reference parser reads them. */
    static void write(int n, Path dir, Random random) throws IOException, NoSuchAlgorithmException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Frontier tree = new Frontier();
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("ledger.ndjson"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String entry = jsonb(entry(i, random));
                byte[] hash = Hashes.leaf(Jcs.canonicalBytes(Json.parseObject(entry)));
                tree.append(hash);
                out.write("{\"leafIndex\":" + i + ",\"leafHash\":\"" + Hashes.hex(hash) + "\"," + entry.substring(1));
                out.write('\n');
            }
        }
        String note = SignedNote.sign(
                ORIGIN, SignedNote.checkpointBody(ORIGIN, n, tree.root()), pair.getPrivate(), pair.getPublic());
        Files.writeString(dir.resolve("checkpoint.txt"), note);
        Files.writeString(dir.resolve("ledger-key.pem"), SignedNote.pem(pair.getPublic()));
    }

    private static final String[] DEPARTMENTS = {"zj-psb", "zj-mca", "zj-hrss", "zj-amr"};
    private static final String[] PURPOSES = {
        "低保资格核查 subsidy eligibility check",
        "就业登记核验 employment registration",
        "企业信用查询 enterprise credit lookup",
        "subsidy review 😀 (emoji)",
        "第一行\n第二行 (a control character)",
        "quote \" and backslash \\ and tab \t",
    };

    /** One entry as a map of JSON values (Strings, Numbers, Booleans, null, lists and maps). */
    static Map<String, Object> entry(int i, Random r) {
        Map<String, Object> e = new TreeMap<>();
        String hmac = "hmac:k1:" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
        int kind = r.nextInt(20);
        String dept = DEPARTMENTS[r.nextInt(DEPARTMENTS.length)];
        e.put("at", "2026-11-27T10:15:" + String.format("%02d.%03d", i % 60, i % 1000) + "+08:00");
        e.put("hmacKeyId", "k1");
        if (kind == 0) {
            e.put("kind", "ADMIN");
            e.put("entryId", uuid(r));
            e.put("actor", "psb-steward");
            e.put("department", dept);
            e.put("action", "RESOURCE_PUBLISH");
            Map<String, Object> object = new TreeMap<>();
            object.put("type", "resource");
            object.put("id", "301001-" + String.format("%06d", i % 1000000));
            e.put("object", object);
            Map<String, Object> summary = new TreeMap<>();
            summary.put("before", Map.of("status", "SUBMITTED", "version", 3));
            summary.put("after", Map.of("status", "PUBLISHED", "名称", "户籍人口基本信息 household register"));
            summary.put("ratio", r.nextInt(4) == 0 ? 0.25 + r.nextInt(100) : 12);
            e.put("summary", summary);
            return e;
        }
        if (kind == 1) {
            e.put("kind", "SUBJECT_REPORT");
            e.put("entryId", uuid(r));
            e.put("actor", "dsb-auditor");
            e.put("department", "zj-dsb");
            e.put("justification", PURPOSES[r.nextInt(PURPOSES.length)]);
            e.put("subject", hmac);
            e.put("scope", "ALL");
            e.put("matches", r.nextInt(40));
            return e;
        }
        boolean refused = kind < 5;
        e.put("kind", "EXCHANGE");
        e.put("exchangeId", uuid(r));
        e.put("requestId", "req-" + Long.toHexString(r.nextLong()));
        e.put("requesterDepartment", dept);
        e.put("providerDepartment", "zj-psb");
        e.put("clientId", dept.substring(3) + "-app");
        e.put("user", r.nextBoolean() ? null : "officer" + r.nextInt(9));
        e.put("resourceId", "301001-" + String.format("%06d", r.nextInt(1000)));
        e.put("grantId", refused && r.nextBoolean() ? null : uuid(r));
        e.put("purpose", PURPOSES[r.nextInt(PURPOSES.length)]);
        e.put("operation", r.nextInt(10) == 0 ? "VERIFY" : "QUERY");
        Map<String, Object> query = new TreeMap<>();
        query.put("id_number", hmac);
        query.put("region_code", "3301" + String.format("%02d", r.nextInt(20)));
        e.put("query", query);
        List<Object> fields = new ArrayList<>(List.of("id_number", "full_name", "address"));
        e.put("fields", fields);
        e.put("masked", List.of("id_number", "full_name"));
        e.put("rawItems", List.of());
        e.put("subjects", List.of(hmac));
        e.put("rows", refused ? 0 : 1 + r.nextInt(3));
        e.put("outcome", refused ? "REFUSED" : "ANSWERED");
        e.put("code", refused ? "GRANT_SUSPENDED" : null);
        e.put("latencyMs", r.nextInt(60));
        e.put("clientAddress", "10.1." + r.nextInt(256) + "." + r.nextInt(256));
        e.put("requestHash", Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()));
        e.put("responseHash", refused ? null : Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()));
        return e;
    }

    private static String uuid(Random r) {
        return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
    }

    /** PostgreSQL's jsonb text: keys by length, then bytes; ", " and ": " separators; non-ASCII unescaped. */
    static String jsonb(Object value) {
        StringBuilder sb = new StringBuilder();
        jsonb(value, sb);
        return sb.toString();
    }

    private static void jsonb(Object value, StringBuilder sb) {
        if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            map.keySet().forEach(k -> keys.add((String) k));
            keys.sort(Comparator.comparingInt((String k) -> k.getBytes(StandardCharsets.UTF_8).length)
                    .thenComparing(k -> new String(k.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                Jcs.string(keys.get(i), sb);
                sb.append(": ");
                jsonb(map.get(keys.get(i)), sb);
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                jsonb(list.get(i), sb);
            }
            sb.append(']');
        } else if (value instanceof String s) {
            Jcs.string(s, sb);
        } else {
            sb.append(value);
        }
    }
}
