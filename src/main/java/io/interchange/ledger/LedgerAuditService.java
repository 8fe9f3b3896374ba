package io.interchange.ledger;

import io.agroal.api.AgroalDataSource;
import io.interchange.ledger.LedgerViews.Stats;
import io.interchange.ledger.LedgerViews.StatsGroup;
import io.interchange.ledger.LedgerViews.SubjectAccess;
import io.interchange.ledger.LedgerViews.SubjectReport;
import io.interchange.ledger.LedgerViews.SubjectReportCommand;
import io.interchange.ledger.LedgerViews.VerifyProblem;
import io.interchange.ledger.LedgerViews.VerifyReport;
import io.interchange.ledger.merkle.Hashes;
import io.interchange.ledger.verify.Jcs;
import io.interchange.ledger.verify.Json;
import io.interchange.ledger.verify.LedgerVerifier;
import io.interchange.ledger.verify.LineHasher;
import io.interchange.ledger.verify.SignedNote;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What auditors do with the ledger: export it, verify it, ask who saw a person's data, and count. */
@ApplicationScoped
public class LedgerAuditService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    @Inject
    LedgerService ledger;

    /** The department whose entries the caller may export; null = all (hub-auditor without a filter). */
    public String exportScope(Caller caller, String department) {
        if (caller.is(Roles.HUB_AUDITOR)) {
            return department;
        }
        String own = caller.department();
        if (department != null && !department.equals(own)) {
            throw ApiException.forbidden(
                    ErrorCode.OTHER_DEPARTMENT, "only hub-auditors export other departments' entries");
        }
        return own;
    }

    /**
     * Writes sealed entries with leaf index in [from, to) as NDJSON: each line the entry as stored plus {@code
     * leafIndex} and {@code leafHash} (which the hash does not cover). A leaf whose entry is gone is left out, so
     * verifiers see the gap.
     */
    public void export(long from, Long to, String department, Writer out) {
        StringBuilder sql = new StringBuilder("select l.leaf_index, l.leaf_hash, e.entry::text from ledger_leaf l join"
                + " ledger_entry e on e.seq = l.seq where l.leaf_index >= ?");
        if (to != null) {
            sql.append(" and l.leaf_index < ?");
        }
        if (department != null) {
            sql.append(" and (e.requester_department = ? or e.provider_department = ?)");
        }
        sql.append(" order by l.leaf_index");
        withReadCursor(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setLong(i++, from);
                if (to != null) {
                    ps.setLong(i++, to);
                }
                if (department != null) {
                    ps.setString(i++, department);
                    ps.setString(i, department);
                }
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String entry = rs.getString(3).strip();
                        out.write("{\"leafIndex\":" + rs.getLong(1) + ",\"leafHash\":\"" + Hashes.hex(rs.getBytes(2))
                                + "\"" + (entry.equals("{}") ? "}" : "," + entry.substring(1)) + "\n");
                    }
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** The fast canonicaliser where it applies, the reference parser where it does not (both give the same hash). */
    private static byte[] leafHash(LineHasher hasher, String entry) {
        byte[] bytes = entry.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] hash = new byte[Hashes.SIZE];
        return hasher.entry(bytes, 0, bytes.length, hash)
                ? hash
                : Hashes.leaf(Jcs.canonicalBytes(Json.parseObject(entry)));
    }

    /** Recomputes every leaf and the root of the latest checkpoint from the stored entries; checks its signature. */
    public VerifyReport verify() {
        long started = System.nanoTime();
        return withReadCursor(c -> {
            Optional<LedgerStore.CheckpointRow> latest = LedgerStore.latestCheckpoint(c);
            if (latest.isEmpty()) {
                return new VerifyReport(true, 0, null, true, null, null, 0, null, List.of(), 0);
            }
            LedgerStore.CheckpointRow cp = latest.get();
            boolean signatureValid = signatureValid(c, cp);
            LedgerVerifier verifier = new LedgerVerifier(cp.treeSize(), cp.rootHash());
            try (PreparedStatement ps = c.prepareStatement("select l.leaf_index, l.leaf_hash, e.entry::text from"
                    + " ledger_leaf l left join ledger_entry e on e.seq = l.seq where l.leaf_index < ?"
                    + " order by l.leaf_index")) {
                ps.setLong(1, cp.treeSize());
                ps.setFetchSize(1000);
                LineHasher hasher = new LineHasher();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String entry = rs.getString(3);
                        verifier.acceptHashed(
                                rs.getLong(1), rs.getBytes(2), entry == null ? null : leafHash(hasher, entry));
                    }
                }
            }
            LedgerVerifier.Result r = verifier.finish();
            List<VerifyProblem> problems = new ArrayList<>();
            if (!signatureValid) {
                problems.add(new VerifyProblem(-1, "the checkpoint's signature does not verify"));
            }
            r.problems().forEach(p -> problems.add(new VerifyProblem(p.leafIndex(), p.problem())));
            return new VerifyReport(
                    problems.isEmpty(),
                    cp.treeSize(),
                    cp.keyId(),
                    signatureValid,
                    r.rootHash(),
                    r.computedRootHash(),
                    r.leavesChecked(),
                    r.firstBadIndex(),
                    problems,
                    (System.nanoTime() - started) / 1_000_000);
        });
    }

    private static boolean signatureValid(Connection c, LedgerStore.CheckpointRow cp) throws SQLException {
        for (LedgerStore.KeyRow key : LedgerStore.keys(c)) {
            if (key.kind().equals("SIGNING") && key.keyId().equals(cp.keyId())) {
                try {
                    String body = SignedNote.open(cp.note(), key.keyName(), SignedNote.fromPem(key.publicKey()));
                    SignedNote.Checkpoint parsed = SignedNote.parseCheckpoint(body);
                    return parsed.treeSize() == cp.treeSize()
                            && java.util.Arrays.equals(parsed.rootHash(), cp.rootHash());
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Which departments accessed data about a person: looked up by the identifier's HMAC (the raw identifier is never
     * stored), and the request itself is ledgered in the same transaction.
     */
    @Transactional
    public SubjectReport subjectReport(Caller caller, SubjectReportCommand command) {
        List<FieldError> errors = new ArrayList<>();
        if (command == null
                || command.identifier() == null
                || command.identifier().isBlank()) {
            errors.add(new FieldError("identifier", "is required"));
        }
        if (command == null
                || command.justification() == null
                || command.justification().isBlank()) {
            errors.add(new FieldError("justification", "is required: say why this person's accesses are looked up"));
        } else if (command.justification().length() > 2000) {
            errors.add(new FieldError("justification", "at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String subject = ledger.hmac(command.identifier());
        String scope = caller.is(Roles.HUB_AUDITOR) ? null : caller.department();
        String sql = "select at, entry->>'exchangeId', requester_department, entry->>'clientId', provider_department,"
                + " resource_id, entry->>'purpose', entry->>'operation', entry->>'outcome', (entry->'fields')::text"
                + " from ledger_entry where kind = 'EXCHANGE' and entry->'subjects' @> ?::jsonb"
                + (scope == null ? "" : " and provider_department = ?")
                + " order by at, seq";
        List<SubjectAccess> accesses = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "[" + io.interchange.ledger.verify.Jcs.canonicalize(subject) + "]");
            if (scope != null) {
                ps.setString(2, scope);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String fields = rs.getString(10);
                    @SuppressWarnings("unchecked")
                    List<String> fieldList = fields == null ? List.of() : (List<String>) Json.parse(fields);
                    accesses.add(new SubjectAccess(
                            rs.getObject(1, OffsetDateTime.class)
                                    .atZoneSameInstant(config.timeZone())
                                    .toOffsetDateTime(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            fieldList));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String reportId = ledger.appendSubjectReport(
                caller.actor(), caller.department(), command.justification().strip(), subject, scope, accesses.size());
        return new SubjectReport(subject, scope == null ? "ALL" : scope, reportId, accesses);
    }

    public Stats stats(Caller caller, String groupBy, OffsetDateTime from, OffsetDateTime to) {
        String key = switch (groupBy == null ? "" : groupBy) {
            case "resource" -> "resource_id";
            case "department" -> "requester_department";
            case "day" -> "to_char(at at time zone '" + config.timeZone().getId() + "', 'YYYY-MM-DD')";
            default -> throw ApiException.invalid("groupBy", "must be resource, department or day");
        };
        String scope = caller.is(Roles.HUB_AUDITOR) ? null : caller.department();
        StringBuilder where = new StringBuilder(" from ledger_entry where kind = 'EXCHANGE'");
        List<Object> params = new ArrayList<>();
        if (scope != null) {
            where.append(" and (requester_department = ? or provider_department = ?)");
            params.add(scope);
            params.add(scope);
        }
        if (from != null) {
            where.append(" and at >= ?");
            params.add(from);
        }
        if (to != null) {
            where.append(" and at < ?");
            params.add(to);
        }
        Map<String, StatsGroup> groups = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select " + key + " as k, count(*),"
                    + " count(*) filter (where entry->>'outcome' = 'ANSWERED'),"
                    + " count(*) filter (where entry->>'outcome' = 'REFUSED'),"
                    + " percentile_cont(0.5) within group (order by (entry->>'latencyMs')::float8),"
                    + " percentile_cont(0.95) within group (order by (entry->>'latencyMs')::float8),"
                    + " percentile_cont(0.99) within group (order by (entry->>'latencyMs')::float8)"
                    + where + " group by 1 order by 1")) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Long> outcomes = new LinkedHashMap<>();
                        outcomes.put("ANSWERED", rs.getLong(3));
                        outcomes.put("REFUSED", rs.getLong(4));
                        Map<String, Double> latency = new LinkedHashMap<>();
                        latency.put("p50", rs.getDouble(5));
                        latency.put("p95", rs.getDouble(6));
                        latency.put("p99", rs.getDouble(7));
                        String k = rs.getString(1);
                        groups.put(k, new StatsGroup(k, rs.getLong(2), outcomes, latency, new LinkedHashMap<>()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select " + key + " as k, coalesce(entry->>'code', 'NONE'),"
                    + " count(*)" + where + " and entry->>'outcome' = 'REFUSED' group by 1, 2 order by 1, 2")) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StatsGroup g = groups.get(rs.getString(1));
                        if (g != null) {
                            g.refusals().put(rs.getString(2), rs.getLong(3));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Stats(groupBy, from, to, scope == null ? "ALL" : scope, new ArrayList<>(groups.values()));
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs on a connection that streams with a cursor: the caller's transaction when there is one, else its own. */
    private <T> T withReadCursor(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean own = c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
            }
            try {
                return work.run(c);
            } finally {
                if (own) {
                    c.rollback();
                    c.setReadOnly(false);
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
