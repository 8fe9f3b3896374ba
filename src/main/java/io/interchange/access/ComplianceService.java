package io.interchange.access;

import io.interchange.access.AccessTypes.GrantStatus;
import io.interchange.access.AccessTypes.RequestStatus;
import io.interchange.directory.DepartmentService;
import io.interchange.directory.DepartmentView;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The compliance report of R25 Art. 39–41 for one department: answers past their deadline, deliveries past theirs,
 * grants in use without a usage record, ended grants without a disposal attestation, and objections (R25 Art. 26)
 * past their reply date without a reply.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ComplianceService {

    public record Finding(
            String kind,
            UUID requestId,
            UUID grantId,
            String resourceId,
            String counterpart,
            LocalDate due,
            UUID objectionId) {

        Finding(String kind, UUID requestId, UUID grantId, String resourceId, String counterpart, LocalDate due) {
            this(kind, requestId, grantId, resourceId, counterpart, due, null);
        }
    }

    public record Report(
            String department,
            LocalDate asOf,
            List<Finding> overdueAnswers,
            List<Finding> overdueDeliveries,
            List<Finding> grantsMissingUsageRecords,
            List<Finding> endedWithoutDisposal,
            List<Finding> overdueObjectionReplies) {}

    @Inject
    CalendarService calendar;

    @Inject
    DepartmentService departments;

    @Inject
    LedgerService ledger;

    @Inject
    HubConfig config;

    @Inject
    ObjectionService objections;

    public List<Report> report(Caller caller, String department) {
        if (!caller.hubWide()) {
            if (department != null && !department.equals(caller.department())) {
                throw ApiException.forbidden(ErrorCode.OTHER_DEPARTMENT, "you see your own department's report");
            }
            return List.of(report(caller.department()));
        }
        if (department != null) {
            departments.get(department);
            return List.of(report(department));
        }
        return departments.list().stream()
                .map(DepartmentView::id)
                .map(this::report)
                .toList();
    }

    Report report(String department) {
        LocalDate today = calendar.today();
        List<Finding> overdueAnswers = AccessRequest.<AccessRequest>find(
                        "providerDepartment = ?1 and status in (?2) and dueAt < ?3 order by dueAt",
                        department,
                        List.of(RequestStatus.AWAITING_DECISION, RequestStatus.AWAITING_AUTHORITY),
                        today)
                .list()
                .stream()
                .map(r -> new Finding("OVERDUE_ANSWER", r.id, null, r.resourceId, r.requesterDepartment, r.dueAt))
                .toList();
        List<AccessRequest> approvedPastDelivery = AccessRequest.<AccessRequest>find(
                        "providerDepartment = ?1 and status = ?2 and deliveryDueAt < ?3 order by deliveryDueAt",
                        department,
                        RequestStatus.APPROVED,
                        today)
                .list();
        Set<UUID> delivered = ledger.grantsWithAnsweredExchanges(approvedPastDelivery.stream()
                .map(r -> r.grantId)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet()));
        List<Finding> overdueDeliveries = approvedPastDelivery.stream()
                .filter(r -> r.grantId != null && !delivered.contains(r.grantId))
                .map(r -> new Finding(
                        "OVERDUE_DELIVERY", r.id, r.grantId, r.resourceId, r.requesterDepartment, r.deliveryDueAt))
                .toList();
        LocalDate usageDue = today.minusDays(config.access().usageRecordDays());
        List<AccessGrant> active = AccessGrant.<AccessGrant>find(
                        "requesterDepartment = ?1 and status = ?2", department, GrantStatus.ACTIVE)
                .list();
        Set<UUID> recorded = active.isEmpty()
                ? Set.of()
                : AccessGrant.getEntityManager()
                        .createQuery("select distinct u.grantId from UsageRecord u where u.grantId in :ids", UUID.class)
                        .setParameter("ids", active.stream().map(g -> g.id).toList())
                        .getResultStream()
                        .collect(Collectors.toSet());
        List<Finding> missingUsage = active.stream()
                .filter(g -> g.validFrom.isBefore(usageDue) && !recorded.contains(g.id))
                .map(g -> new Finding(
                        "MISSING_USAGE_RECORD",
                        g.requestId,
                        g.id,
                        g.resourceId,
                        g.providerDepartment,
                        g.validFrom.plusDays(config.access().usageRecordDays())))
                .toList();
        List<Finding> withoutDisposal = AccessGrant.<AccessGrant>find(
                        "requesterDepartment = ?1 and status in (?2) and disposalAttestedAt is null",
                        department,
                        List.of(GrantStatus.ENDED, GrantStatus.EXPIRED, GrantStatus.REVOKED))
                .list()
                .stream()
                .filter(g -> endedOn(g) != null
                        && calendar.due(endedOn(g), config.access().disposalWorkingDays())
                                .isBefore(today))
                .map(g -> new Finding(
                        "NO_DISPOSAL_ATTESTATION",
                        g.requestId,
                        g.id,
                        g.resourceId,
                        g.providerDepartment,
                        calendar.due(endedOn(g), config.access().disposalWorkingDays())))
                .toList();
        List<Finding> overdueObjectionReplies = objections.overdueReplies(department, today).stream()
                .map(o -> new Finding(
                        "OVERDUE_OBJECTION_REPLY",
                        o.relatedRequestId,
                        o.relatedGrantId,
                        o.resourceId,
                        o.filerDepartment,
                        o.replyDueAt,
                        o.id))
                .toList();
        return new Report(
                department,
                today,
                overdueAnswers,
                overdueDeliveries,
                missingUsage,
                withoutDisposal,
                overdueObjectionReplies);
    }

    private LocalDate endedOn(AccessGrant grant) {
        return grant.updatedAt == null
                ? null
                : grant.updatedAt.atZoneSameInstant(config.timeZone()).toLocalDate();
    }
}
