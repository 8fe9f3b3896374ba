package io.interchange.ledger;

import static io.interchange.ledger.LedgerTesting.PERSON;
import static io.interchange.ledger.LedgerTesting.providerLookup;
import static io.interchange.ledger.LedgerTesting.refusedExchange;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.interchange.ledger.merkle.Hashes;
import io.interchange.ledger.verify.Jcs;
import io.interchange.ledger.verify.Json;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Group commit: concurrent exchanges share commits, yet each is ledgered exactly once, committed before it answers. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerGroupCommitTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LedgerGroupCommit groupCommit;

    @Test
    void concurrent_answered_and_refused_queries_give_exactly_one_entry_each_with_its_outcome() throws Exception {
        int n = 48;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map.Entry<String, String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean answered = i % 3 != 0;
            calls.add(pool.submit(() -> {
                start.await();
                String id = answered ? providerLookup(PERSON) : refusedExchange();
                // the answer is out: its entry must already be committed and visible to any other connection
                assertEquals(
                        answered ? "ANSWERED" : "REFUSED", outcomes(Set.of(id)).get(id), id);
                return Map.entry(id, answered ? "ANSWERED" : "REFUSED");
            }));
        }
        start.countDown();
        Map<String, String> expected = new HashMap<>();
        for (Future<Map.Entry<String, String>> f : calls) {
            Map.Entry<String, String> e = f.get();
            expected.put(e.getKey(), e.getValue());
        }
        pool.shutdown();
        assertEquals(n, expected.size(), "every call has its own exchange id");
        assertEquals(expected, outcomes(expected.keySet()));
        assertEquals(n, count(expected.keySet()), "exactly one entry per exchange");
    }

    @Test
    void concurrent_appends_share_transactions() throws Exception {
        int n = 64;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID());
        }
        assertEquals(n, appendConcurrently(ids, "zj-gc-group"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(distinct xmin::text) from ledger_entry"
                        + " where requester_department = 'zj-gc-group'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int transactions = rs.getInt(1);
                assertTrue(transactions < n, n + " entries in " + transactions + " transactions: no grouping");
            }
        }
        assertEquals(n, count(ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet())));
    }

    @Test
    void a_bad_entry_in_a_group_fails_only_its_own_caller() throws Exception {
        UUID duplicate = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>(List.of(duplicate, duplicate)); // one of the two must fail
        for (int i = 0; i < 14; i++) {
            ids.add(UUID.randomUUID());
        }
        assertEquals(15, appendConcurrently(ids, "zj-gc-dup"), "only the second holder of the duplicate id fails");
        assertEquals(15, count(ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet())));
    }

    @Test
    void batched_entries_keep_their_time_to_the_microsecond() throws Exception {
        // a batch binds its times as text: they must land as the single-row insert's driver would put them
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 27, 19, 16, 38, 123_456_789, java.time.ZoneOffset.ofHours(8));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            ids.add(UUID.randomUUID());
        }
        assertEquals(32, appendConcurrently(ids, "zj-gc-at", at));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*), count(distinct xmin::text),"
                        + " bool_and(at = timestamptz '2026-11-27 11:16:38.123457+00')"
                        + " from ledger_entry where requester_department = 'zj-gc-at'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(32, rs.getInt(1));
                assertTrue(rs.getInt(2) < 32, "some entries shared a statement");
                assertTrue(rs.getBoolean(3), "every entry's time, rounded to the microsecond");
            }
        }
    }

    @Test
    void the_leaf_hash_stored_with_an_entry_is_the_hash_of_the_entry_as_the_database_holds_it() throws Exception {
        // what the sealer would compute from the stored entry, for text that jsonb and JCS each treat in their own way
        UUID alone = UUID.randomUUID();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "EXCHANGE");
        entry.put("exchangeId", alone.toString());
        entry.put("query", Map.of("full_name", "欧阳\"娜娜\" \\ ; -- 😀 \u0007\u001f \ud800 e\u0301 \u2028", "b", "x"));
        entry.put("user", null);
        entry.put("rows", 3);
        entry.put("latencyMs", 1234567890123L);
        entry.put("fields", List.of("z", "a"));
        groupCommit.append(new LedgerGroupCommit.Entry(
                alone, "EXCHANGE", OffsetDateTime.now(), "zj-gc-hash", "zj-gc-hash", "gc-test", "k1", entry));
        List<UUID> batched = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            batched.add(UUID.randomUUID());
        }
        assertEquals(24, appendConcurrently(batched, "zj-gc-hash"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select leaf_hash, entry::text, xmin::text from ledger_entry"
                        + " where requester_department = 'zj-gc-hash'")) {
            Set<String> statements = new HashSet<>();
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    byte[] expected = Hashes.leaf(Jcs.canonicalBytes(Json.parse(rs.getString(2))));
                    assertArrayEquals(expected, rs.getBytes(1), rs.getString(2));
                    statements.add(rs.getString(3));
                }
            }
            assertEquals(25, n);
            assertTrue(statements.size() < 25, "some entries shared a statement (the batched path)");
        }
        LedgerTesting.assertLedgerVerifies();
    }

    private int appendConcurrently(List<UUID> ids, String department) throws Exception {
        return appendConcurrently(ids, department, null);
    }

    /** Appends one entry per id from as many threads, released at once; returns how many appends succeeded. */
    private int appendConcurrently(List<UUID> ids, String department, OffsetDateTime at) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (UUID id : ids) {
            calls.add(pool.submit(() -> {
                start.await();
                try {
                    groupCommit.append(new LedgerGroupCommit.Entry(
                            id,
                            "EXCHANGE",
                            at == null ? OffsetDateTime.now() : at,
                            department,
                            department,
                            "gc-test",
                            "k1",
                            Map.of("kind", "EXCHANGE", "exchangeId", id.toString(), "outcome", "REFUSED")));
                    return true;
                } catch (IllegalStateException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int ok = 0;
        for (Future<Boolean> f : calls) {
            ok += f.get() ? 1 : 0;
        }
        pool.shutdown();
        return ok;
    }

    private Map<String, String> outcomes(Set<String> ids) throws Exception {
        Map<String, String> found = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select entry_id::text, entry->>'outcome' from ledger_entry"
                        + " where entry_id::text = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }

    private int count(Set<String> ids) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select count(*) from ledger_entry where entry_id::text = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
