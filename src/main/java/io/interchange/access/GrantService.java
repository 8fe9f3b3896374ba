package io.interchange.access;

import io.interchange.access.AccessTypes.GrantStatus;
import io.interchange.access.AccessViews.DisposalCommand;
import io.interchange.access.AccessViews.GrantEventView;
import io.interchange.access.AccessViews.GrantView;
import io.interchange.access.AccessViews.StatusChange;
import io.interchange.access.AccessViews.Suspension;
import io.interchange.access.AccessViews.UsageRecordCommand;
import io.interchange.access.AccessViews.UsageRecordView;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Validation;
import io.interchange.platform.outbox.EventType;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What happens to a grant after approval (R25 Art. 27, 29): the provider suspends it with a deadline to fix misuse,
 * resumes or revokes it; validity runs out (EXPIRED); the requester keeps usage records and, once the grant is over,
 * attests disposal. Every change is stored as a {@link GrantEvent} and ledgered in the same transaction. The broker
 * reads the grant's status on every call, so a change takes effect with the next query.
 */
@ApplicationScoped
@Transactional
public class GrantService {

    private static final Logger LOG = Logger.getLogger(GrantService.class);

    static final int MIN_USAGE_RETENTION_YEARS = 3;

    @Inject
    AccessService access;

    @Inject
    LedgerService ledger;

    @Inject
    CalendarService calendar;

    @Inject
    HubConfig config;

    @Inject
    EntityManager em;

    @Inject
    AccessNotices notices;

    /** A shorter retention than the law's minimum is a configuration error, not something to run with. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void checkRetention(@Observes StartupEvent event) {
        int years = config.access().usageRetentionYears();
        if (years < MIN_USAGE_RETENTION_YEARS) {
            throw new IllegalStateException("interchange.access.usage-retention-years is " + years
                    + "; R25 Art. 29 requires usage records to be kept at least " + MIN_USAGE_RETENTION_YEARS
                    + " years");
        }
    }

    public GrantView suspend(Caller caller, UUID id, Suspension command) {
        AccessGrant grant = providerSide(caller, id, "suspend");
        requireStatus(grant, "suspend", GrantStatus.ACTIVE);
        Validation v = new Validation();
        v.requireText(command.reason(), "reason", 2000);
        v.require(command.fixBy() != null, "fixBy", "is required: the date by which the misuse must be fixed");
        if (command.fixBy() != null) {
            v.require(command.fixBy().isAfter(calendar.today()), "fixBy", "must be a future date");
        }
        v.throwIfInvalid();
        change(grant, GrantStatus.SUSPENDED, "GRANT_SUSPEND", command.reason().strip(), command.fixBy(), caller);
        notices.grant(EventType.GRANT_SUSPENDED, grant);
        return access.view(grant);
    }

    public GrantView resume(Caller caller, UUID id, StatusChange command) {
        AccessGrant grant = providerSide(caller, id, "resume");
        requireStatus(grant, "resume", GrantStatus.SUSPENDED);
        new Validation().requireText(command.reason(), "reason", 2000).throwIfInvalid();
        change(grant, GrantStatus.ACTIVE, "GRANT_RESUME", command.reason().strip(), null, caller);
        return access.view(grant);
    }

    public GrantView revoke(Caller caller, UUID id, StatusChange command) {
        AccessGrant grant = providerSide(caller, id, "revoke");
        requireStatus(grant, "revoke", GrantStatus.ACTIVE, GrantStatus.SUSPENDED);
        new Validation().requireText(command.reason(), "reason", 2000).throwIfInvalid();
        change(grant, GrantStatus.REVOKED, "GRANT_REVOKE", command.reason().strip(), null, caller);
        notices.grant(EventType.GRANT_REVOKED, grant);
        return access.view(grant);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GrantEventView> events(Caller caller, UUID id) {
        AccessGrant grant = visible(caller, id);
        return GrantEvent.<GrantEvent>find("grantId = ?1 order by at", grant.id).list().stream()
                .map(e -> new GrantEventView(
                        e.id, e.at, e.actor, e.department, e.action, e.fromStatus, e.toStatus, e.reason, e.fixBy))
                .toList();
    }

    /**
     * Marks grants past their valid-until as EXPIRED. One conditional update: with two nodes the second finds
     * nothing left to change, and running it twice changes nothing. Suspended grants expire too — the suspension
     * cannot outlive the grant. Returns the ids it expired.
     */
    public List<UUID> expireLapsed() {
        LocalDate today = calendar.today();
        OffsetDateTime now = OffsetDateTime.now();
        // Rows another node is expiring right now are locked: skip them rather than wait; that node records them.
        @SuppressWarnings("unchecked")
        List<Object[]> expired = em.createNativeQuery("with lapsed as (select id, status from access_grant"
                        + " where status in ('ACTIVE', 'SUSPENDED') and valid_until < ?3 for update skip locked)"
                        + " update access_grant g set status = 'EXPIRED', fix_by = null, status_reason = ?1,"
                        + " updated_at = ?2, row_version = g.row_version + 1 from lapsed where g.id = lapsed.id"
                        + " returning g.id, lapsed.status, g.resource_id, g.requester_department,"
                        + " g.provider_department, g.valid_until")
                .setParameter(1, "validity ended")
                .setParameter(2, now)
                .setParameter(3, today)
                .getResultList();
        for (Object[] row : expired) {
            UUID id = (UUID) row[0];
            GrantStatus from = GrantStatus.valueOf(row[1].toString());
            GrantEvent event = event(id, AccessService.SYSTEM, null, "GRANT_EXPIRE", from, GrantStatus.EXPIRED);
            event.reason = "valid until " + row[5] + "; expired on " + today;
            event.persist();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("from", from.name());
            summary.put("to", GrantStatus.EXPIRED.name());
            summary.put("resourceId", row[2]);
            summary.put("requesterDepartment", row[3]);
            summary.put("reason", event.reason);
            ledger.appendAdmin(
                    AccessService.SYSTEM,
                    (String) row[4],
                    (String) summary.get("requesterDepartment"),
                    "GRANT_EXPIRE",
                    "grant",
                    id.toString(),
                    summary);
        }
        if (!expired.isEmpty()) {
            LOG.infof("%d grant(s) expired", expired.size());
        }
        return expired.stream().map(r -> (UUID) r[0]).toList();
    }

    @Scheduled(
            every = "${interchange.access.grant-expiry:10m}",
            identity = "grant-expiry",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "30s")
    void expireOnSchedule() {
        expireLapsed();
    }

    /** R25 Art. 29: the requesting department records how it used the data. */
    public UsageRecordView recordUsage(Caller caller, UUID id, UsageRecordCommand command) {
        AccessGrant grant = requesterSide(caller, id, "keeps usage records for");
        Validation v = new Validation();
        v.requireText(command.scenario(), "scenario", 4000);
        v.requireText(command.process(), "process", 4000);
        v.requireText(command.results(), "results", 4000);
        v.requireText(command.storage(), "storage", 4000);
        v.requireText(command.destruction(), "destruction", 4000);
        v.throwIfInvalid();
        UsageRecord record = new UsageRecord();
        record.id = UUID.randomUUID();
        record.grantId = grant.id;
        record.department = grant.requesterDepartment;
        record.recordedBy = caller.actor();
        record.recordedAt = OffsetDateTime.now();
        record.scenario = command.scenario().strip();
        record.process = command.process().strip();
        record.results = command.results().strip();
        record.storage = command.storage().strip();
        record.destruction = command.destruction().strip();
        record.persist();
        ledger.appendAdmin(
                caller.actor(),
                caller.department(),
                "USAGE_RECORD",
                "grant",
                grant.id.toString(),
                Map.of("usageRecordId", record.id.toString(), "resourceId", grant.resourceId));
        return view(record);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UsageRecordView> usageRecords(Caller caller, UUID id) {
        AccessGrant grant = visible(caller, id);
        return UsageRecord.<UsageRecord>find("grantId = ?1 order by recordedAt", grant.id).list().stream()
                .map(this::view)
                .toList();
    }

    /** R25 Art. 27: once a grant is over, the requester's data officer attests that the data was disposed of. */
    public GrantView attestDisposal(Caller caller, UUID id, DisposalCommand command) {
        AccessGrant grant = requesterSide(caller, id, "attests disposal for");
        requireStatus(grant, "attest disposal for", GrantStatus.ENDED, GrantStatus.EXPIRED, GrantStatus.REVOKED);
        if (grant.disposalAttestedAt != null) {
            throw ApiException.conflict(
                    ErrorCode.ALREADY_ATTESTED,
                    "disposal was already attested on " + grant.disposalAttestedAt.toLocalDate() + " by "
                            + grant.disposalAttestedBy);
        }
        Validation v = new Validation();
        v.requireText(command.method(), "method", 2000);
        v.require(command.completedOn() != null, "completedOn", "is required (YYYY-MM-DD)");
        if (command.completedOn() != null) {
            v.require(!command.completedOn().isAfter(calendar.today()), "completedOn", "must not be in the future");
        }
        v.requireText(command.statement(), "statement", 4000);
        v.throwIfInvalid();
        grant.disposalMethod = command.method().strip();
        grant.disposalCompletedOn = command.completedOn();
        grant.disposalStatement = command.statement().strip();
        grant.disposalAttestedBy = caller.actor();
        grant.disposalAttestedAt = OffsetDateTime.now();
        grant.updatedAt = grant.disposalAttestedAt;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", grant.status.name());
        summary.put("resourceId", grant.resourceId);
        summary.put("method", grant.disposalMethod);
        summary.put("completedOn", grant.disposalCompletedOn.toString());
        ledger.appendAdmin(
                caller.actor(), caller.department(), "GRANT_DISPOSAL", "grant", grant.id.toString(), summary);
        return access.view(grant);
    }

    private void change(
            AccessGrant grant, GrantStatus to, String action, String reason, LocalDate fixBy, Caller caller) {
        GrantStatus from = grant.status;
        grant.status = to;
        grant.statusReason = reason;
        grant.fixBy = fixBy;
        grant.updatedAt = OffsetDateTime.now();
        GrantEvent event = event(grant.id, caller.actor(), caller.department(), action, from, to);
        event.reason = reason;
        event.fixBy = fixBy;
        event.persist();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("from", from.name());
        summary.put("to", to.name());
        summary.put("resourceId", grant.resourceId);
        summary.put("requesterDepartment", grant.requesterDepartment);
        summary.put("reason", reason);
        if (fixBy != null) {
            summary.put("fixBy", fixBy.toString());
        }
        ledger.appendAdmin(
                caller.actor(),
                caller.department(),
                grant.requesterDepartment,
                action,
                "grant",
                grant.id.toString(),
                summary);
    }

    private static GrantEvent event(
            UUID grantId, String actor, String department, String action, GrantStatus from, GrantStatus to) {
        GrantEvent event = new GrantEvent();
        event.id = UUID.randomUUID();
        event.grantId = grantId;
        event.at = OffsetDateTime.now();
        event.actor = actor;
        event.department = department;
        event.action = action;
        event.fromStatus = from;
        event.toStatus = to;
        return event;
    }

    /** Parties and hub-wide readers see a grant; to anyone else it does not exist. */
    private AccessGrant visible(Caller caller, UUID id) {
        AccessGrant grant = AccessGrant.findById(id);
        if (grant == null || !(caller.hubWide() || isParty(caller, grant))) {
            throw ApiException.notFound("grant", id.toString());
        }
        return grant;
    }

    private AccessGrant providerSide(Caller caller, UUID id, String action) {
        AccessGrant grant = party(caller, id);
        if (!grant.providerDepartment.equals(caller.department())) {
            throw ApiException.forbidden(
                    ErrorCode.WRONG_PARTY, "only the providing department's data officer may " + action + " a grant");
        }
        return grant;
    }

    private AccessGrant requesterSide(Caller caller, UUID id, String what) {
        AccessGrant grant = party(caller, id);
        if (!grant.requesterDepartment.equals(caller.department())) {
            throw ApiException.forbidden(ErrorCode.WRONG_PARTY, "only the requesting department " + what + " a grant");
        }
        return grant;
    }

    /**
     * Acting on a grant needs the caller's department to be one of its two; hub-wide readers do not act. The row is
     * locked so two changes at once run one after the other and the second meets the state rules, not a lost update.
     */
    private AccessGrant party(Caller caller, UUID id) {
        AccessGrant grant = AccessGrant.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (grant == null || !isParty(caller, grant)) {
            throw ApiException.notFound("grant", id.toString());
        }
        return grant;
    }

    private static boolean isParty(Caller caller, AccessGrant grant) {
        String own = caller.department();
        return own.equals(grant.requesterDepartment) || own.equals(grant.providerDepartment);
    }

    private static void requireStatus(AccessGrant grant, String action, GrantStatus... allowed) {
        for (GrantStatus status : allowed) {
            if (grant.status == status) {
                return;
            }
        }
        throw ApiException.conflict(
                ErrorCode.INVALID_STATUS,
                "cannot " + action + " a grant in status " + grant.status + " (only " + Arrays.toString(allowed) + ")");
    }

    private UsageRecordView view(UsageRecord r) {
        LocalDate recorded = r.recordedAt.atZoneSameInstant(config.timeZone()).toLocalDate();
        return new UsageRecordView(
                r.id,
                r.grantId,
                r.department,
                r.recordedBy,
                r.recordedAt,
                recorded.plusYears(config.access().usageRetentionYears()),
                r.scenario,
                r.process,
                r.results,
                r.storage,
                r.destruction);
    }
}
