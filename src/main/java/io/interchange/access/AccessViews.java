package io.interchange.access;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.interchange.access.AccessTypes.GrantStatus;
import io.interchange.access.AccessTypes.Outcome;
import io.interchange.access.AccessTypes.RequestStatus;
import io.interchange.catalog.CatalogTypes.SharingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Commands and views of the access workflow (API.md "Access request, decision, grant"). */
public final class AccessViews {

    private AccessViews() {}

    /** Filing a request (使用依据, 使用场景, 使用范围, 共享方式, 使用时限 — R25 Art. 20). */
    @JsonIgnoreProperties({
        "id",
        "status",
        "requesterDepartment",
        "providerDepartment",
        "clientId",
        "dueAt",
        "overdue",
        "createdAt",
        "updatedAt",
        "grantId",
        "decisionReason",
        "missing",
        "endorsedAt",
        "decidedAt",
        "originalDueAt",
        "extensionDays",
        "extensionReason",
        "extendedBy",
        "extendedAt",
        "deliveryDueAt"
    })
    public record FileRequest(
            String resourceId,
            List<String> items,
            String legalBasis,
            String scenario,
            String purpose,
            SharingMode mode,
            LocalDate validUntil) {}

    public record Endorsement(String comment) {}

    public record Decision(
            Outcome outcome,
            String reason,
            List<String> items,
            String rowScope,
            List<String> rawItems,
            LocalDate validUntil,
            Integer rateLimitPerMinute,
            List<String> missing) {}

    public record Withdrawal(String reason) {}

    public record RequestView(
            UUID id,
            String resourceId,
            String requesterDepartment,
            String providerDepartment,
            String clientId,
            List<String> items,
            String legalBasis,
            String scenario,
            String purpose,
            SharingMode mode,
            LocalDate validUntil,
            RequestStatus status,
            OffsetDateTime endorsedAt,
            LocalDate dueAt,
            boolean overdue,
            OffsetDateTime decidedAt,
            String decisionReason,
            List<String> missing,
            UUID grantId,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            LocalDate originalDueAt,
            Integer extensionDays,
            String extensionReason,
            String extendedBy,
            OffsetDateTime extendedAt,
            LocalDate deliveryDueAt) {}

    /** R25 Art. 21: one extension of at most 10 working days, with a reason the requester sees. */
    public record Extension(Integer workingDays, String reason) {}

    public record GrantView(
            UUID id,
            UUID requestId,
            String resourceId,
            String requesterDepartment,
            String providerDepartment,
            String clientId,
            List<String> items,
            String rowScope,
            List<String> rawItems,
            String purpose,
            SharingMode mode,
            LocalDate validFrom,
            LocalDate validUntil,
            int rateLimitPerMinute,
            GrantStatus status,
            String statusReason,
            LocalDate fixBy,
            OffsetDateTime updatedAt,
            Disposal disposal,
            OffsetDateTime disposalAttestedAt) {}

    /** {@code POST /grants/{id}/suspend}: why, and the rectification deadline (R25 Art. 27). */
    public record Suspension(String reason, LocalDate fixBy) {}

    /** {@code POST /grants/{id}/resume} and {@code …/revoke}. */
    public record StatusChange(String reason) {}

    /** One status change of a grant, as recorded. */
    public record GrantEventView(
            UUID id,
            OffsetDateTime at,
            String actor,
            String department,
            String action,
            GrantStatus fromStatus,
            GrantStatus toStatus,
            String reason,
            LocalDate fixBy) {}

    /** The requester's usage record (R25 Art. 29): 使用场景, 使用过程, 使用结果, 存储, 销毁. */
    public record UsageRecordCommand(
            String scenario, String process, String results, String storage, String destruction) {}

    public record UsageRecordView(
            UUID id,
            UUID grantId,
            String department,
            String recordedBy,
            OffsetDateTime recordedAt,
            LocalDate retainUntil,
            String scenario,
            String process,
            String results,
            String storage,
            String destruction) {}

    /** The requester's disposal attestation once a grant is over (R25 Art. 27): how, when, and a statement. */
    public record DisposalCommand(String method, LocalDate completedOn, String statement) {}

    public record Disposal(
            String method, LocalDate completedOn, String statement, String attestedBy, OffsetDateTime attestedAt) {}
}
