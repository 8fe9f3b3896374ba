package io.interchange.ledger;

import static io.interchange.ledger.LedgerTesting.awaitReceipt;
import static io.interchange.ledger.LedgerTesting.refusedExchange;
import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code interchange.ledger.sealing-paused=true}: exchanges are still answered and ledgered, nothing is sealed, the
 * readiness check says PAUSED (and stays UP); switched back on, the sealer seals the backlog.
 */
@QuarkusTest
@Tag("db")
@TestProfile(LedgerSealingPausedTest.Paused.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerSealingPausedTest {

    public static class Paused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("interchange.ledger.sealing-paused", "true");
        }
    }

    @Inject
    LedgerSealer sealer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LedgerAuditService audit;

    @Inject
    jakarta.transaction.UserTransaction tx;

    @Test
    void a_paused_sealer_seals_nothing_says_so_and_seals_the_backlog_once_switched_back_on() throws Exception {
        Map<String, Object> before = sealerCheck();
        assertEquals("PAUSED", before.get("sealer"));
        long unsealedBefore = ((Number) before.get("unsealedEntries")).longValue();

        String first = refusedExchange();
        String second = refusedExchange();
        // Ten seal intervals (100 ms each): a running sealer would have sealed both by now.
        LedgerTesting.sleep(1000);
        as("hrss-auditor").get("/api/v1/ledger/receipts/" + first).then().statusCode(202);
        as("dsb-auditor").get("/api/v1/ledger/receipts/" + second).then().statusCode(202);
        // the entries are written all the same, only not sealed
        assertEquals(List.of(false, false), sealed(first, second));
        Map<String, Object> paused = sealerCheck();
        assertEquals("PAUSED", paused.get("sealer"));
        assertTrue(
                ((Number) paused.get("unsealedEntries")).longValue() >= unsealedBefore + 2,
                "the readiness check counts the backlog: " + paused);
        assertTrue(!"".equals(paused.get("oldestUnsealedAt")), "and dates its oldest entry: " + paused);

        // While unsealed, the second entry is changed as a superuser could (triggers off). Its leaf hash was stored
        // when it was written, so sealing cannot take in the change: verification must report it.
        String original = entryText(second);
        changeEntry(second, "jsonb_set(entry, '{purpose}', '\"tampered\"')");

        // Switching back on starts the same sealer a restart would: a new leader scans the whole log.
        sealer.run();
        long firstIndex = awaitReceipt("hrss-auditor", first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("leafIndex");
        long secondIndex = awaitReceipt("dsb-auditor", second)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("leafIndex");
        assertTrue(secondIndex > firstIndex, "the backlog is sealed in order");
        assertEquals(List.of(true, true), sealed(first, second));
        Map<String, Object> resumed = sealerCheck();
        assertEquals("ACTIVE", resumed.get("sealer"));
        assertEquals(0L, ((Number) resumed.get("unsealedEntries")).longValue(), "backlog sealed: " + resumed);
        LedgerViews.VerifyReport changed = audit.verify();
        assertTrue(!changed.ok() && Long.valueOf(secondIndex).equals(changed.firstBadIndex()), changed.toString());

        // put back as it was written (other tests share this database), and the ledger verifies again
        changeEntry(second, "'" + original.replace("'", "''") + "'::jsonb");
        LedgerTesting.assertLedgerVerifies();
    }

    private String entryText(String exchangeId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select entry::text from ledger_entry where entry_id = ?")) {
            ps.setObject(1, UUID.fromString(exchangeId));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private void changeEntry(String exchangeId, String newEntry) throws Exception {
        tx.begin();
        try (Connection c = dataSource.getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("set local session_replication_role = replica");
            assertEquals(
                    1,
                    s.executeUpdate("update ledger_entry set entry = " + newEntry + " where entry_id = '"
                            + UUID.fromString(exchangeId) + "'"));
            tx.commit();
        } catch (Exception | AssertionError e) {
            tx.rollback();
            throw e;
        }
    }

    /** Per exchange id: whether its entry is sealed; fails if an entry is missing. */
    private List<Boolean> sealed(String... exchangeIds) throws SQLException {
        List<Boolean> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select l.leaf_index is not null from ledger_entry e"
                        + " left join ledger_leaf l on l.seq = e.seq where e.entry_id = ?")) {
            for (String id : exchangeIds) {
                ps.setObject(1, UUID.fromString(id));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "entry of exchange " + id + " is written");
                    out.add(rs.getBoolean(1));
                }
            }
        }
        return out;
    }

    /** The readiness check of the sealer, which must leave the hub ready (UP) whatever the sealer does. */
    private static Map<String, Object> sealerCheck() {
        JsonPath health =
                given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", health.getString("status"));
        return health.getMap("checks.find { it.name == '" + LedgerSealerReadiness.NAME + "' }.data");
    }
}
