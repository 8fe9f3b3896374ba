package io.interchange.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the ledger endpoints return. Hashes are lower-case hex. */
public final class LedgerViews {

    private LedgerViews() {}

    public record CheckpointView(
            String origin, long treeSize, String rootHash, String note, String keyId, OffsetDateTime createdAt) {}

    public record CheckpointList(List<CheckpointView> items, Long nextFrom) {}

    public record InclusionProof(long leafIndex, long treeSize, String leafHash, List<String> path) {}

    public record ConsistencyProof(long first, long second, List<String> path) {}

    public record Receipt(
            String exchangeId,
            long leafIndex,
            String leafHash,
            long treeSize,
            List<String> path,
            CheckpointView checkpoint) {}

    public record PublicKeyView(
            String keyName,
            String keyId,
            String pem,
            String verifierKey,
            OffsetDateTime createdAt,
            OffsetDateTime retiredAt) {}

    public record KeyList(List<PublicKeyView> items, List<String> hmacKeyIds) {}

    public record VerifyProblem(long leafIndex, String problem) {}

    public record VerifyReport(
            boolean ok,
            long treeSize,
            String keyId,
            boolean signatureValid,
            String rootHash,
            String computedRootHash,
            long leavesChecked,
            Long firstBadIndex,
            List<VerifyProblem> problems,
            long millis) {}

    public record SubjectReportCommand(String identifier, String justification) {}

    public record SubjectAccess(
            OffsetDateTime at,
            String exchangeId,
            String requesterDepartment,
            String clientId,
            String providerDepartment,
            String resourceId,
            String purpose,
            String operation,
            String outcome,
            List<String> fields) {}

    public record SubjectReport(String subject, String scope, String reportId, List<SubjectAccess> accesses) {}

    public record StatsGroup(
            String key,
            long total,
            Map<String, Long> outcomes,
            Map<String, Double> latencyMs,
            Map<String, Long> refusals) {}

    public record Stats(
            String groupBy, OffsetDateTime from, OffsetDateTime to, String scope, List<StatsGroup> groups) {}
}
