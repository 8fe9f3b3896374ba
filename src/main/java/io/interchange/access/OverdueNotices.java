package io.interchange.access;

import io.interchange.access.AccessTypes.GrantStatus;
import io.interchange.directory.DepartmentService;
import io.interchange.directory.DepartmentView;
import io.interchange.platform.outbox.EventType;
import io.interchange.platform.outbox.NotifyConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Announces, once each, answers past their deadline, deliveries past theirs (the compliance report's definitions) and
 * grants whose validity ends within a few working days. "Once" is a row in {@code notice_marker} keyed by object and
 * condition, inserted in the transaction that publishes the event: a second run, a restart or a second node finds the
 * key taken (or waits for the first node's commit and then finds it) and publishes nothing. The due date is part of
 * the condition, so a request that is extended or resubmitted and then runs late again is announced again.
 */
@ApplicationScoped
public class OverdueNotices {

    private static final Logger LOG = Logger.getLogger(OverdueNotices.class);

    @Inject
    ComplianceService compliance;

    @Inject
    DepartmentService departments;

    @Inject
    CalendarService calendar;

    @Inject
    AccessNotices notices;

    @Inject
    NotifyConfig notify;

    @Inject
    EntityManager em;

    @Scheduled(
            every = "${interchange.notify.overdue-interval:10m}",
            identity = "overdue-notices",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1m")
    void onSchedule() {
        run();
    }

    /** One pass; returns how many events it published. */
    @Transactional
    public int run() {
        int published = 0;
        LocalDate today = calendar.today();
        for (DepartmentView department : departments.list()) {
            ComplianceService.Report report = compliance.report(department.id());
            for (ComplianceService.Finding f : report.overdueAnswers()) {
                published += announce(f.requestId(), "ANSWER_OVERDUE:" + f.due(), EventType.REQUEST_ANSWER_OVERDUE);
            }
            for (ComplianceService.Finding f : report.overdueDeliveries()) {
                published += announce(f.requestId(), "DELIVERY_OVERDUE:" + f.due(), EventType.REQUEST_DELIVERY_OVERDUE);
            }
        }
        LocalDate horizon = calendar.due(today, notify.expiringWorkingDays());
        List<AccessGrant> expiring = AccessGrant.<AccessGrant>find(
                        "status = ?1 and validUntil >= ?2 and validUntil <= ?3", GrantStatus.ACTIVE, today, horizon)
                .list();
        for (AccessGrant grant : expiring) {
            if (mark("grant", grant.id, "EXPIRING:" + grant.validUntil)) {
                notices.grant(EventType.GRANT_EXPIRING, grant);
                published++;
            }
        }
        if (published > 0) {
            LOG.infof("%d overdue or expiry notice(s) published", published);
        }
        return published;
    }

    private int announce(UUID requestId, String condition, EventType type) {
        if (!mark("access-request", requestId, condition)) {
            return 0;
        }
        notices.request(type, AccessRequest.findById(requestId));
        return 1;
    }

    /** Takes the (object, condition) key; false when an earlier run, or another node, already has it. */
    private boolean mark(String objectType, UUID id, String condition) {
        return em.createNativeQuery("insert into notice_marker (object_type, object_id, condition, created_at)"
                                + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                        .setParameter(1, objectType)
                        .setParameter(2, id.toString())
                        .setParameter(3, condition)
                        .setParameter(4, OffsetDateTime.now())
                        .executeUpdate()
                == 1;
    }
}
