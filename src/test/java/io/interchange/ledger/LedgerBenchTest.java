package io.interchange.ledger;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in measurements: {@code mvn test -Dtest=LedgerBenchTest -Dledger.bench=100000} adds that many synthetic
 * entries (department zj-bench) and prints sealing throughput, proof latency and online verification time.
 */
@QuarkusTest
@Tag("db")
@EnabledIfSystemProperty(named = "ledger.bench", matches = "\\d+")
class LedgerBenchTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void measure() throws Exception {
        int n = Integer.parseInt(System.getProperty("ledger.bench"));
        long before = size();
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into ledger_entry (entry_id, kind, at,"
                        + " requester_department, provider_department, resource_id, hmac_key_id, entry)"
                        + " select u, 'EXCHANGE', now(), 'zj-bench', 'zj-bench', 'bench', 'k1',"
                        + " jsonb_build_object('kind', 'EXCHANGE', 'exchangeId', u::text, 'at', now()::text,"
                        + " 'requesterDepartment', 'zj-bench', 'providerDepartment', 'zj-bench', 'resourceId', 'bench',"
                        + " 'purpose', '基准 bench', 'operation', 'QUERY', 'query', jsonb_build_object('id_number',"
                        + " 'hmac:k1:' || md5(i::text)), 'fields', jsonb_build_array('id_number'), 'subjects',"
                        + " jsonb_build_array('hmac:k1:' || md5(i::text)), 'rows', 1, 'outcome', 'ANSWERED', 'code',"
                        + " null, 'latencyMs', i % 50, 'hmacKeyId', 'k1')"
                        + " from (select gen_random_uuid() u, i from generate_series(1, ?) i) g")) {
            ps.setInt(1, n);
            ps.executeUpdate();
        }
        long inserted = System.nanoTime();
        long deadline = inserted + 600_000_000_000L;
        while (size() < before + n && System.nanoTime() < deadline) {
            LedgerTesting.sleep(50);
        }
        long sealed = System.nanoTime();
        long total = size();
        assertTrue(total >= before + n);
        System.out.printf(
                "BENCH insert %d entries: %d ms; sealed in %d ms (%.0f entries/s)%n",
                n, (inserted - t0) / 1_000_000, (sealed - inserted) / 1_000_000, n / ((sealed - inserted) / 1e9));

        Random random = new Random(7);
        explain(total, random);
        proofPercentiles(total, random);
        as("dsb-auditor").get("/api/v1/ledger/entries/0/proof").then().statusCode(200);
        long p0 = System.nanoTime();
        int proofs = 200;
        for (int i = 0; i < proofs; i++) {
            as("dsb-auditor")
                    .get("/api/v1/ledger/entries/" + random.nextInt((int) total) + "/proof")
                    .then()
                    .statusCode(200);
        }
        long p1 = System.nanoTime();
        for (int i = 0; i < proofs; i++) {
            given().queryParam("first", 1 + random.nextInt((int) total - 1))
                    .get("/api/v1/ledger/consistency")
                    .then()
                    .statusCode(200);
        }
        long p2 = System.nanoTime();
        System.out.printf(
                "BENCH tree size %d: inclusion proof over HTTP %.2f ms, consistency proof %.2f ms (mean of %d)%n",
                total, (p1 - p0) / 1e6 / proofs, (p2 - p1) / 1e6 / proofs, proofs);

        long v0 = System.nanoTime();
        as("dsb-auditor").post("/api/v1/ledger/verify").then().statusCode(200);
        long v1 = System.nanoTime();
        String export = as("dsb-auditor").get("/api/v1/ledger/export").asString();
        long v2 = System.nanoTime();
        System.out.printf(
                "BENCH online verify of %d leaves: %d ms; export %d MB: %d ms%n",
                total, (v1 - v0) / 1_000_000, export.length() >> 20, (v2 - v1) / 1_000_000);
    }

    /** The plan of the one query that fetches a proof's node hashes (LedgerStore.withNodes), at this tree size. */
    private void explain(long total, Random random) throws Exception {
        long index = random.nextLong(total);
        List<Long> leaves = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        io.interchange.ledger.merkle.Merkle.inclusionProof(
                (level, idx) -> {
                    if (level == 0) {
                        leaves.add(idx);
                    } else {
                        levels.add(level);
                        indexes.add(idx);
                    }
                    return new byte[32];
                },
                index,
                total);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + LedgerStore.NODES_SQL)) {
            ps.setArray(1, c.createArrayOf("bigint", leaves.toArray()));
            ps.setArray(2, c.createArrayOf("integer", levels.toArray()));
            ps.setArray(3, c.createArrayOf("bigint", indexes.toArray()));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append("  ").append(rs.getString(1)).append('\n');
                }
            }
            System.out.printf("BENCH plan of the proof's node query (leaf %d of %d):%n%s", index, total, plan);
        }
    }

    /**
     * Inclusion proofs of random leaves over HTTP with the JDK client (keep-alive, one connection), so the figure is the
     * hub's and not the test client's: p50, p95, p99 of 1,000 after 200 warm-up requests.
     */
    private void proofPercentiles(long total, Random random) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String token = io.interchange.support.Tokens.of("dsb-auditor");
        String base = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        long[] nanos = new long[1000];
        for (int i = -200; i < nanos.length; i++) {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(base + "/api/v1/ledger/entries/" + random.nextLong(total) + "/proof"))
                    .header("Authorization", "Bearer " + token)
                    .build();
            long t = System.nanoTime();
            java.net.http.HttpResponse<String> r =
                    client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t;
            assertTrue(r.statusCode() == 200, r.body());
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        java.util.Arrays.sort(nanos);
        System.out.printf(
                "BENCH tree size %d: inclusion proof over HTTP (JDK client) p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
                total, nanos[500] / 1e6, nanos[950] / 1e6, nanos[990] / 1e6);
    }

    private long size() {
        Long s = given().get("/api/v1/ledger/checkpoint").then().extract().path("treeSize") instanceof Number n
                ? n.longValue()
                : 0L;
        return s;
    }
}
