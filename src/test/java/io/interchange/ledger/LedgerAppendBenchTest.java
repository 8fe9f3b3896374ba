package io.interchange.ledger;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in measurement of exchange-entry appends alone (no HTTP, no query), group commit against one transaction per
 * entry, alternating so drift favours neither:
 *
 * <pre>
 * DB_URL=jdbc:postgresql://127.0.0.1:5432/some_db DB_USER=postgres DB_PASSWORD=x \
 *   mvn test -Dtest=LedgerAppendBenchTest -Dledger.append-bench=10 [-Dledger.append-threads=16] [-Dledger.append-rounds=2]
 * </pre>
 *
 * Point it at a PostgreSQL with fsync on (the tests' embedded one runs with fsync off, where a commit costs no flush).
 */
@QuarkusTest
@Tag("db")
@EnabledIfSystemProperty(named = "ledger.append-bench", matches = "\\d+")
class LedgerAppendBenchTest {

    @Inject
    LedgerService ledger;

    @Inject
    LedgerGroupCommit groupCommit;

    @Test
    void measure() throws Exception {
        int seconds = Integer.parseInt(System.getProperty("ledger.append-bench"));
        int threads = Integer.parseInt(System.getProperty("ledger.append-threads", "16"));
        run("warm-up", 2, threads, groupCommit::append);
        run("warm-up", 2, threads, ledger::commitAlone);
        int rounds = Integer.parseInt(System.getProperty("ledger.append-rounds", "2"));
        for (int round = 1; round <= rounds; round++) {
            run("round " + round + " group commit", seconds, threads, groupCommit::append);
            run("round " + round + " one commit per entry", seconds, threads, ledger::commitAlone);
        }
    }

    private static void run(String label, int seconds, int threads, Consumer<LedgerGroupCommit.Entry> append)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                long n = 0;
                long worst = 0;
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    append.accept(entry());
                    worst = Math.max(worst, System.nanoTime() - t0);
                    n++;
                }
                return new long[] {n, worst};
            }));
        }
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long total = 0;
        long worst = 0;
        for (Future<long[]> f : workers) {
            long[] r = f.get();
            total += r[0];
            worst = Math.max(worst, r[1]);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        assertTrue(total > 0);
        System.out.printf(
                "BENCH append %s, %d threads: %d entries in %.1f s = %.0f entries/s (slowest append %.1f ms)%n",
                label, threads, total, elapsed, total / elapsed, worst / 1e6);
    }

    /** An entry of the size and shape the exchange path writes. */
    private static LedgerGroupCommit.Entry entry() {
        UUID id = UUID.randomUUID();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", "EXCHANGE");
        e.put("exchangeId", id.toString());
        e.put("requestId", "req-" + id.toString().substring(0, 8));
        e.put("at", OffsetDateTime.now().toString());
        e.put("requesterDepartment", "zj-bench");
        e.put("providerDepartment", "zj-bench");
        e.put("clientId", "bench-app");
        e.put("user", null);
        e.put("resourceId", "bench");
        e.put("grantId", UUID.randomUUID().toString());
        e.put("purpose", "基准 bench");
        e.put("operation", "QUERY");
        e.put("query", Map.of("id_number", "hmac:k1:" + "ab".repeat(32)));
        e.put("fields", List.of("id_number", "full_name"));
        e.put("masked", List.of("id_number", "full_name"));
        e.put("rawItems", List.of());
        e.put("subjects", List.of("hmac:k1:" + "ab".repeat(32)));
        e.put("rows", 1);
        e.put("outcome", "ANSWERED");
        e.put("code", null);
        e.put("latencyMs", 3);
        e.put("clientAddress", "127.0.0.1");
        e.put("requestHash", "cd".repeat(32));
        e.put("responseHash", "ef".repeat(32));
        e.put("hmacKeyId", "k1");
        return new LedgerGroupCommit.Entry(
                id, "EXCHANGE", OffsetDateTime.now(), "zj-bench", "zj-bench", "bench", "k1", e);
    }
}
