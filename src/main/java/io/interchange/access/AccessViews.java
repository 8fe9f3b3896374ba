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
        "decidedAt"
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
            OffsetDateTime updatedAt) {}

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
            GrantStatus status) {}
}
