package io.interchange.ledger;

import static io.interchange.ledger.LedgerTesting.awaitReceipt;
import static io.interchange.ledger.LedgerTesting.refusedExchange;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.interchange.ledger.LedgerViews.VerifyProblem;
import io.interchange.ledger.LedgerViews.VerifyReport;
import io.interchange.ledger.verify.VerifyLedger;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tampering as a database superuser could (triggers off via session_replication_role, which also skips the foreign
 * keys): one entry changed, one deleted, two swapped. All of it happens in a transaction that is rolled back after the
 * online and offline verifiers have looked, so other tests sharing the database never see it.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerTamperTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LedgerAuditService audit;

    @Inject
    LedgerProofService proofs;

    @Inject
    UserTransaction tx;

    @Test
    void a_changed_a_deleted_and_two_swapped_entries_are_each_reported_online_and_offline() throws Exception {
        List<Long> leaves = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = refusedExchange();
            leaves.add(awaitReceipt("dsb-auditor", id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("leafIndex"));
        }
        long changed = leaves.get(0);
        long deleted = leaves.get(1);
        long swapA = leaves.get(2);
        long swapB = leaves.get(3);
        String pem = given().get("/api/v1/ledger/public-key").path("pem");

        tx.begin();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("set local session_replication_role = replica");
            s.executeUpdate("update ledger_entry set entry = jsonb_set(entry, '{purpose}', '\"tampered\"') where seq = "
                    + seq(c, changed));
            s.executeUpdate("delete from ledger_entry where seq = " + seq(c, deleted));
            long a = seq(c, swapA);
            long b = seq(c, swapB);
            s.executeUpdate("update ledger_entry t set entry = o.entry from ledger_entry o where (t.seq, o.seq) in (("
                    + a + ", " + b + "), (" + b + ", " + a + "))");

            VerifyReport online = audit.verify();
            assertFalse(online.ok());
            assertTrue(online.signatureValid(), "the checkpoint itself is intact");
            assertEquals(changed, online.firstBadIndex());
            List<Long> bad =
                    online.problems().stream().map(VerifyProblem::leafIndex).toList();
            assertTrue(bad.containsAll(List.of(changed, deleted, swapA, swapB)), bad.toString());
            assertTrue(online.problems().contains(new VerifyProblem(deleted, "entry missing")), online.toString());

            LedgerViews.CheckpointView cp = proofs.latest();
            StringWriter export = new StringWriter();
            audit.export(0, cp.treeSize(), null, export);
            Path dir = Files.createTempDirectory("ledger-tamper");
            Files.writeString(dir.resolve("x.ndjson"), export.toString());
            Files.writeString(dir.resolve("cp.txt"), cp.note());
            Files.writeString(dir.resolve("key.pem"), pem);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = VerifyLedger.run(
                    new String[] {
                        "--export", dir.resolve("x.ndjson").toString(),
                        "--checkpoint", dir.resolve("cp.txt").toString(),
                        "--public-key", dir.resolve("key.pem").toString()
                    },
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            String report = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, report);
            assertTrue(report.contains("first bad leaf index " + changed), report);
            for (long index : List.of(deleted, swapA, swapB)) {
                assertTrue(report.contains("leaf " + index + ": "), report);
            }
        } finally {
            tx.rollback();
        }

        assertTrue(audit.verify().ok(), "after the rollback the shared ledger is intact again");
    }

    private static long seq(Connection c, long leafIndex) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select seq from ledger_leaf where leaf_index = ?")) {
            ps.setLong(1, leafIndex);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
