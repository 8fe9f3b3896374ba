package io.interchange.ledger;

import static io.interchange.ledger.LedgerTesting.awaitReceipt;
import static io.interchange.ledger.LedgerTesting.refusedExchange;
import static io.interchange.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Commit order is not seq order: the sealer waits for an open gap, then seals past it, and never drops a late entry. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerSealerTest {

    @Inject
    LedgerService ledger;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UserTransaction tx;

    @Test
    void an_entry_committed_after_a_later_one_holds_sealing_for_the_grace_period_and_is_then_sealed_at_the_end()
            throws Exception {
        String action = "TEST_HOLD_" + System.nanoTime();
        tx.begin();
        long held;
        try {
            ledger.appendAdmin("test", "zj-dsb", action, "test", "held", Map.of("why", "commits late"));
            held = heldSeq(action);

            long started = System.nanoTime();
            String later = refusedExchange();
            as("dsb-auditor")
                    .get("/api/v1/ledger/receipts/" + later)
                    .then()
                    .statusCode(202)
                    .header("Retry-After", "1");
            long laterIndex = awaitReceipt("dsb-auditor", later)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("leafIndex");
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMs >= 1000, "the sealer waited for the open gap (" + waitedMs + " ms)");
            tx.commit();

            long heldIndex = awaitLeaf(held);
            assertTrue(heldIndex > laterIndex, "the late entry is sealed after the one that overtook it");
        } catch (Exception | AssertionError e) {
            if (tx.getStatus() == jakarta.transaction.Status.STATUS_ACTIVE) {
                tx.rollback();
            }
            throw e;
        }
        LedgerTesting.assertLedgerVerifies();
    }

    @Test
    void the_active_sealer_holds_the_advisory_lock_so_a_second_node_cannot_seal() throws Exception {
        awaitReceipt("dsb-auditor", refusedExchange()).then().statusCode(200);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, LedgerSealer.LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(false, rs.getBoolean(1), "another session already holds the sealer lock");
            }
        }
    }

    private long heldSeq(String action) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select seq from ledger_entry where entry->>'action' = ?")) {
            ps.setString(1, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long awaitLeaf(long seq) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("select leaf_index from ledger_leaf where seq = ?")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            LedgerTesting.sleep(25);
        }
        throw new AssertionError("entry seq " + seq + " was never sealed");
    }
}
