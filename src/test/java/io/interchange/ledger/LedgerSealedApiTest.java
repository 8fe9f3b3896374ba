package io.interchange.ledger;

import static io.interchange.ledger.LedgerTesting.awaitReceipt;
import static io.interchange.ledger.LedgerTesting.providerLookup;
import static io.interchange.ledger.LedgerTesting.refusedExchange;
import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.interchange.ledger.merkle.Hashes;
import io.interchange.ledger.merkle.Merkle;
import io.interchange.ledger.verify.Json;
import io.interchange.ledger.verify.SignedNote;
import io.interchange.ledger.verify.VerifyLedger;
import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerSealedApiTest {

    @Inject
    AgroalDataSource dataSource;

    static List<byte[]> unhex(List<String> path) {
        return path.stream().map(Hashes::unhex).toList();
    }

    @Test
    void a_refused_exchange_is_sealed_quickly_and_its_receipt_verifies_against_the_signed_checkpoint() {
        long started = System.nanoTime();
        String exchangeId = refusedExchange();
        Response receipt = awaitReceipt("hrss-app", exchangeId);
        long sealedMs = (System.nanoTime() - started) / 1_000_000;
        receipt.then()
                .statusCode(200)
                .body("exchangeId", equalTo(exchangeId))
                .body("leafHash", matchesPattern("[0-9a-f]{64}"))
                .body("checkpoint.note", notNullValue());
        System.out.println("ledger: exchange sealed and receipt served after " + sealedMs + " ms");
        assertTrue(sealedMs < 3000, "sealed after " + sealedMs + " ms");

        JsonPath r = receipt.jsonPath();
        long index = r.getLong("leafIndex");
        long size = r.getLong("treeSize");
        PublicKey key =
                SignedNote.fromPem(given().get("/api/v1/ledger/public-key").path("pem"));
        SignedNote.Checkpoint cp = SignedNote.parseCheckpoint(
                SignedNote.open(r.getString("checkpoint.note"), r.getString("checkpoint.origin"), key));
        assertEquals(size, cp.treeSize());
        assertEquals(r.getString("checkpoint.rootHash"), Hashes.hex(cp.rootHash()));
        assertTrue(Merkle.verifyInclusion(
                index, size, Hashes.unhex(r.getString("leafHash")), unhex(r.getList("path")), cp.rootHash()));

        // the exchange's two departments (any role) and hub-auditors; nobody else
        awaitReceipt("hrss-auditor", exchangeId).then().statusCode(200);
        awaitReceipt("psb-steward", exchangeId).then().statusCode(200);
        awaitReceipt("dsb-auditor", exchangeId).then().statusCode(200);
        as("amr-auditor")
                .get("/api/v1/ledger/receipts/" + exchangeId)
                .then()
                .statusCode(403)
                .body("code", equalTo("OTHER_DEPARTMENT"));
        given().get("/api/v1/ledger/receipts/" + exchangeId).then().statusCode(401);
        as("hrss-app")
                .get("/api/v1/ledger/receipts/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        as("hrss-app").get("/api/v1/ledger/receipts/not-a-uuid").then().statusCode(404);
    }

    @Test
    void a_served_entry_carries_its_leaf_and_anyone_can_recompute_the_hash_from_it() {
        String exchangeId = refusedExchange();
        JsonPath receipt = awaitReceipt("hrss-auditor", exchangeId).jsonPath();
        List<Map<String, Object>> items = as("hrss-auditor")
                .queryParam("resource", Api.RESIDENTS)
                .queryParam("limit", 500)
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        Map<String, Object> served = items.stream()
                .filter(e -> exchangeId.equals(e.get("exchangeId")))
                .findFirst()
                .orElseThrow();
        assertEquals(receipt.getLong("leafIndex"), ((Number) served.get("leafIndex")).longValue());
        assertEquals(receipt.getString("leafHash"), served.get("leafHash"));
        Map<String, Object> entry = new java.util.HashMap<>(served);
        entry.remove("leafIndex");
        entry.remove("leafHash");
        assertEquals(
                served.get("leafHash"),
                Hashes.hex(Hashes.leaf(io.interchange.ledger.verify.Jcs.canonicalBytes(entry))),
                "leaf hash = SHA-256(0x00 ‖ JCS(entry without leafIndex and leafHash))");
    }

    @Test
    void checkpoints_and_keys_are_public_and_the_note_is_a_c2sp_checkpoint() {
        awaitReceipt("hrss-app", refusedExchange()).then().statusCode(200);
        Response cp = given().get("/api/v1/ledger/checkpoint");
        cp.then()
                .statusCode(200)
                .body("origin", equalTo("interchange.example/ledger"))
                .body("treeSize", greaterThanOrEqualTo(1))
                .body("rootHash", matchesPattern("[0-9a-f]{64}"));
        String note = cp.path("note");
        assertTrue(note.startsWith("interchange.example/ledger\n" + cp.path("treeSize") + "\n"), note);
        assertTrue(note.contains("\n\n\u2014 interchange.example/ledger "), note);

        Response key = given().get("/api/v1/ledger/public-key");
        key.then()
                .statusCode(200)
                .body("keyName", equalTo("interchange.example/ledger"))
                .body("keyId", equalTo("s1"))
                .body("pem", matchesPattern("(?s)-----BEGIN PUBLIC KEY-----.*"))
                .body("verifierKey", matchesPattern("interchange\\.example/ledger\\+[0-9a-f]{8}\\+.+"));
        SignedNote.Verifier v = SignedNote.parseVerifierKey(key.path("verifierKey"));
        SignedNote.open(note, v.name(), v.key());

        given().get("/api/v1/ledger/public-keys")
                .then()
                .statusCode(200)
                .body("items.keyId", hasItem("s1"))
                .body("hmacKeyIds", hasItem("k1"));

        Response list = given().queryParam("from", 0).get("/api/v1/ledger/checkpoints");
        list.then().statusCode(200).body("items.size()", greaterThanOrEqualTo(1));
        List<Integer> sizes = list.path("items.treeSize");
        for (int i = 1; i < sizes.size(); i++) {
            assertTrue(sizes.get(i) > sizes.get(i - 1), "oldest first");
        }
        given().queryParam("from", -1).get("/api/v1/ledger/checkpoints").then().statusCode(422);
    }

    @Test
    void consistency_proofs_link_past_checkpoints_to_the_latest_and_refuse_unknown_sizes() {
        awaitReceipt("hrss-app", refusedExchange()).then().statusCode(200);
        awaitReceipt("hrss-app", refusedExchange()).then().statusCode(200);
        List<Map<String, Object>> items = given().queryParam("limit", 500)
                .get("/api/v1/ledger/checkpoints")
                .path("items");
        Map<String, Object> oldest = items.get(0);
        JsonPath latest = given().get("/api/v1/ledger/checkpoint").jsonPath();
        long first = ((Number) oldest.get("treeSize")).longValue();
        long second = latest.getLong("treeSize");
        Response proof =
                given().queryParam("first", first).queryParam("second", second).get("/api/v1/ledger/consistency");
        proof.then().statusCode(200).body("first", equalTo((int) first)).body("second", equalTo((int) second));
        assertTrue(Merkle.verifyConsistency(
                first,
                second,
                Hashes.unhex((String) oldest.get("rootHash")),
                Hashes.unhex(latest.getString("rootHash")),
                unhex(proof.jsonPath().getList("path"))));

        given().queryParam("first", 1)
                .queryParam("second", second + 1000)
                .get("/api/v1/ledger/consistency")
                .then()
                .statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"));
        given().queryParam("first", 0).get("/api/v1/ledger/consistency").then().statusCode(422);
        given().queryParam("first", second + 1)
                .queryParam("second", second)
                .get("/api/v1/ledger/consistency")
                .then()
                .statusCode(422);
    }

    @Test
    void inclusion_proofs_go_to_the_entrys_departments_and_refuse_bad_indexes() {
        String exchangeId = refusedExchange();
        JsonPath receipt = awaitReceipt("hrss-app", exchangeId).jsonPath();
        long index = receipt.getLong("leafIndex");
        long size = receipt.getLong("treeSize");

        Response proof =
                as("hrss-auditor").queryParam("treeSize", size).get("/api/v1/ledger/entries/" + index + "/proof");
        proof.then()
                .statusCode(200)
                .body("leafIndex", equalTo((int) index))
                .body("treeSize", equalTo((int) size))
                .body("leafHash", equalTo(receipt.getString("leafHash")));
        assertEquals(receipt.getList("path"), proof.jsonPath().getList("path"));
        as("psb-auditor")
                .get("/api/v1/ledger/entries/" + index + "/proof")
                .then()
                .statusCode(200);
        as("dsb-auditor")
                .get("/api/v1/ledger/entries/" + index + "/proof")
                .then()
                .statusCode(200);

        as("mca-auditor")
                .get("/api/v1/ledger/entries/" + index + "/proof")
                .then()
                .statusCode(403)
                .body("code", equalTo("OTHER_DEPARTMENT"));
        given().get("/api/v1/ledger/entries/" + index + "/proof").then().statusCode(401);
        as("hrss-auditor")
                .queryParam("treeSize", size + 1_000_000)
                .get("/api/v1/ledger/entries/" + index + "/proof")
                .then()
                .statusCode(422);
        as("hrss-auditor")
                .queryParam("treeSize", index)
                .get("/api/v1/ledger/entries/" + index + "/proof")
                .then()
                .statusCode(422);
        as("dsb-auditor")
                .get("/api/v1/ledger/entries/999999999/proof")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void proofs_at_past_tree_sizes_verify_against_those_checkpoints_and_the_latest_checkpoint_is_the_tables()
            throws SQLException {
        awaitReceipt("hrss-app", refusedExchange()).then().statusCode(200);
        JsonPath latest = LedgerTesting.checkpoint().jsonPath();
        // The latest checkpoint may be served from the sealer's memory; it must be the newest row of the table.
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(
                        "select tree_size, note from ledger_checkpoint order by tree_size desc limit 1")) {
            rs.next();
            long tableSize = rs.getLong(1);
            assertTrue(latest.getLong("treeSize") <= tableSize);
            if (latest.getLong("treeSize") == tableSize) {
                assertEquals(rs.getString(2), latest.getString("note"));
            }
        }
        List<Map<String, Object>> past = given().queryParam("from", 0)
                .get("/api/v1/ledger/checkpoints")
                .jsonPath()
                .getList("items");
        for (Map<String, Object> cp : past.subList(0, Math.min(past.size(), 12))) {
            long size = ((Number) cp.get("treeSize")).longValue();
            byte[] root = Hashes.unhex((String) cp.get("rootHash"));
            for (long index : new long[] {0, size / 2, size - 1}) {
                JsonPath proof = as("dsb-auditor")
                        .queryParam("treeSize", size)
                        .get("/api/v1/ledger/entries/" + index + "/proof")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertEquals(size, proof.getLong("treeSize"));
                assertTrue(
                        Merkle.verifyInclusion(
                                index,
                                size,
                                Hashes.unhex(proof.getString("leafHash")),
                                unhex(proof.getList("path")),
                                root),
                        "leaf " + index + " in the tree of size " + size);
            }
        }
    }

    @Test
    void the_hub_auditors_export_verifies_offline_and_auditors_export_only_their_own_entries() throws Exception {
        awaitReceipt("hrss-app", refusedExchange()).then().statusCode(200);
        JsonPath cp = given().get("/api/v1/ledger/checkpoint").jsonPath();
        long size = cp.getLong("treeSize");
        String export = as("dsb-auditor")
                .queryParam("to", size)
                .get("/api/v1/ledger/export")
                .then()
                .statusCode(200)
                .contentType(matchesPattern("application/x-ndjson.*"))
                .extract()
                .asString();
        String[] lines = export.split("\n");
        assertEquals(size, lines.length);
        Map<String, Object> firstLine = Json.parseObject(lines[0]);
        assertEquals(0.0, firstLine.get("leafIndex"));

        Path dir = Files.createTempDirectory("ledger-export");
        Files.writeString(dir.resolve("ledger.ndjson"), export);
        Files.writeString(dir.resolve("checkpoint.txt"), cp.getString("note"));
        Files.writeString(dir.resolve("key.pem"), (String)
                given().get("/api/v1/ledger/public-key").path("pem"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyLedger.run(
                new String[] {
                    "--export", dir.resolve("ledger.ndjson").toString(),
                    "--checkpoint", dir.resolve("checkpoint.txt").toString(),
                    "--public-key", dir.resolve("key.pem").toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));

        String own = as("hrss-auditor")
                .get("/api/v1/ledger/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(own.isBlank());
        for (String line : own.split("\n")) {
            assertTrue(line.contains("\"zj-hrss\""), "an auditor exports only its department's entries: " + line);
        }
        as("hrss-auditor")
                .queryParam("department", "zj-psb")
                .get("/api/v1/ledger/export")
                .then()
                .statusCode(403)
                .body("code", equalTo("OTHER_DEPARTMENT"));
        as("hrss-app").get("/api/v1/ledger/export").then().statusCode(403);
        given().get("/api/v1/ledger/export").then().statusCode(401);
        as("dsb-auditor")
                .queryParam("from", -1)
                .get("/api/v1/ledger/export")
                .then()
                .statusCode(422);
    }

    @Test
    void online_verification_is_for_auditors_and_finds_the_untouched_ledger_intact() {
        awaitReceipt("hrss-app", refusedExchange()).then().statusCode(200);
        as("hrss-auditor")
                .post("/api/v1/ledger/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true))
                .body("signatureValid", equalTo(true))
                .body("problems.size()", equalTo(0))
                .body("treeSize", greaterThanOrEqualTo(1));
        as("hrss-app").post("/api/v1/ledger/verify").then().statusCode(403);
        given().post("/api/v1/ledger/verify").then().statusCode(401);
    }

    @Test
    void a_subject_report_names_who_accessed_a_person_and_is_itself_ledgered_without_the_identifier() {
        String exchangeId = providerLookup(LedgerTesting.PERSON);
        String justification = "complaint " + UUID.randomUUID();
        Response report = as("psb-auditor")
                .body(Map.of("identifier", LedgerTesting.PERSON, "justification", justification))
                .post("/api/v1/ledger/subject-report");
        report.then()
                .statusCode(200)
                .body("subject", matchesPattern("hmac:k1:[0-9a-f]{64}"))
                .body("scope", equalTo("zj-psb"))
                .body("accesses.exchangeId", hasItem(exchangeId))
                .body("accesses.providerDepartment", everyItem(equalTo("zj-psb")));
        assertFalse(report.asString().contains(LedgerTesting.PERSON));
        String reportId = report.path("reportId");

        as("dsb-auditor")
                .body(Map.of("identifier", LedgerTesting.PERSON, "justification", justification))
                .post("/api/v1/ledger/subject-report")
                .then()
                .statusCode(200)
                .body("scope", equalTo("ALL"))
                .body("accesses.exchangeId", hasItem(exchangeId));
        as("amr-auditor")
                .body(Map.of("identifier", LedgerTesting.PERSON, "justification", justification))
                .post("/api/v1/ledger/subject-report")
                .then()
                .statusCode(200)
                .body("accesses.exchangeId", not(hasItem(exchangeId)));

        Response entries = as("psb-auditor")
                .queryParam("kind", "SUBJECT_REPORT")
                .queryParam("limit", 500)
                .get("/api/v1/ledger/entries");
        entries.then()
                .statusCode(200)
                .body("items.find { it.entryId == '" + reportId + "' }.justification", equalTo(justification))
                .body("items.find { it.entryId == '" + reportId + "' }.subject", equalTo(report.path("subject")))
                .body("items.find { it.entryId == '" + reportId + "' }.actor", equalTo("psb-auditor"));
        assertFalse(entries.asString().contains(LedgerTesting.PERSON), "the identifier is never stored");

        as("psb-auditor")
                .body(Map.of("identifier", LedgerTesting.PERSON))
                .post("/api/v1/ledger/subject-report")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("justification"));
        as("psb-auditor")
                .body(Map.of("identifier", LedgerTesting.PERSON, "justification", "  "))
                .post("/api/v1/ledger/subject-report")
                .then()
                .statusCode(422);
        as("psb-app")
                .body(Map.of("identifier", LedgerTesting.PERSON, "justification", justification))
                .post("/api/v1/ledger/subject-report")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body(Map.of("identifier", LedgerTesting.PERSON, "justification", justification))
                .post("/api/v1/ledger/subject-report")
                .then()
                .statusCode(401);
    }

    @Test
    void statistics_count_outcomes_latencies_and_refusals_per_group_within_the_callers_scope() {
        refusedExchange();
        providerLookup(LedgerTesting.PERSON);
        as("dsb-auditor")
                .queryParam("groupBy", "resource")
                .get("/api/v1/ledger/stats")
                .then()
                .statusCode(200)
                .body("scope", equalTo("ALL"))
                .body("groups.key", hasItem(Api.RESIDENTS))
                .body("groups.find { it.key == '" + Api.RESIDENTS + "' }.outcomes.REFUSED", greaterThanOrEqualTo(1))
                .body("groups.find { it.key == '" + Api.RESIDENTS + "' }.refusals.NO_GRANT", greaterThanOrEqualTo(1))
                .body("groups.find { it.key == '" + Api.RESIDENTS + "' }.latencyMs.p95", notNullValue());
        as("hrss-auditor")
                .queryParam("groupBy", "department")
                .get("/api/v1/ledger/stats")
                .then()
                .statusCode(200)
                .body("scope", equalTo("zj-hrss"))
                .body("groups.key", hasItem("zj-hrss"))
                .body("groups.key", not(hasItem("zj-mca")));
        as("hrss-auditor")
                .queryParam("groupBy", "day")
                .queryParam("from", "2020-01-01T00:00:00+08:00")
                .get("/api/v1/ledger/stats")
                .then()
                .statusCode(200)
                .body("groups[0].key", matchesPattern("\\d{4}-\\d{2}-\\d{2}"));
        as("hrss-auditor")
                .queryParam("groupBy", "planet")
                .get("/api/v1/ledger/stats")
                .then()
                .statusCode(422);
        as("hrss-app")
                .queryParam("groupBy", "day")
                .get("/api/v1/ledger/stats")
                .then()
                .statusCode(403);
        given().queryParam("groupBy", "day").get("/api/v1/ledger/stats").then().statusCode(401);
    }

    @Test
    void every_ledger_table_refuses_update_delete_and_truncate() throws SQLException {
        awaitReceipt("hrss-app", refusedExchange()).then().statusCode(200);
        for (String sql : List.of(
                "update ledger_leaf set leaf_hash = leaf_hash where leaf_index = 0",
                "delete from ledger_leaf where leaf_index = 0",
                "truncate ledger_leaf cascade",
                "update ledger_node set hash = hash",
                "delete from ledger_node",
                "truncate ledger_node",
                "update ledger_checkpoint set note = note",
                "delete from ledger_checkpoint",
                "truncate ledger_checkpoint",
                "update ledger_key set key_name = key_name",
                "delete from ledger_key",
                "truncate ledger_key",
                "update ledger_entry set kind = kind",
                "delete from ledger_entry")) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(refused.getMessage().contains("append-only"), sql + ": " + refused.getMessage());
            }
        }
    }
}
