package io.interchange.access;

import io.interchange.access.ObjectionTypes.DisputeStep;
import io.interchange.access.ObjectionTypes.ObjectionStatus;
import io.interchange.access.ObjectionTypes.ObjectionType;
import io.interchange.access.ObjectionTypes.PartyRole;
import io.interchange.access.ObjectionTypes.StepOutcome;
import io.interchange.access.ObjectionViews.DisputeStepView;
import io.interchange.access.ObjectionViews.EscalationCommand;
import io.interchange.access.ObjectionViews.FileObjection;
import io.interchange.access.ObjectionViews.ObjectionView;
import io.interchange.access.ObjectionViews.RatingCommand;
import io.interchange.access.ObjectionViews.RatingView;
import io.interchange.access.ObjectionViews.ReplyCommand;
import io.interchange.access.ObjectionViews.ReplyView;
import io.interchange.access.ObjectionViews.TransferCommand;
import io.interchange.access.ObjectionViews.TransferView;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.ResourceView;
import io.interchange.directory.DepartmentService;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Page;
import io.interchange.platform.Roles;
import io.interchange.platform.Validation;
import io.interchange.platform.outbox.EventType;
import io.interchange.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * 数据异议 (R25 Art. 26): a department that finds a provider's data or catalogue wrong files an objection; the
 * provider verifies, corrects and replies within 10 working days, or hands it to the department that really holds the
 * data; the filer rates the handling and says whether it is resolved. An unresolved objection becomes a dispute that
 * climbs the ladder of R25 Art. 28 one step at a time. Every change is ledgered in its own transaction.
 *
 * <p>Notification hooks: {@link #file} (objection filed, to the handling department) and {@link #reply} (objection
 * answered, to the filer) are where the outbox events belong; {@link #transfer} (to the new handler) as well.
 */
@ApplicationScoped
@Transactional
public class ObjectionService {

    static final int MAX_TEXT = 4000;
    static final int MAX_RECORD_KEY = 200;
    static final int UNDER_VERIFICATION_CHUNK = 1000;

    @Inject
    CatalogService catalog;

    @Inject
    DepartmentService departments;

    @Inject
    LedgerService ledger;

    @Inject
    CalendarService calendar;

    @Inject
    HubConfig config;

    @Inject
    Outbox outbox;

    /**
     * Any member of a department that acts on shared data (application, data officer, steward) may object to another
     * department's published resource. The provider itself corrects its own catalogue directly, so objecting to it is
     * refused.
     */
    public ObjectionView file(Caller caller, FileObjection command) {
        String filer = departments.requireCallerDepartment(caller.department()).id();
        Validation v = new Validation();
        v.require(command.type() != null, "type", "is required (CATALOGUE_ERROR, REQUEST_DECISION, DATA_USE or OTHER)");
        ResourceView resource = null;
        if (command.resourceId() == null || command.resourceId().isBlank()) {
            v.add("resourceId", "is required");
        } else {
            resource = catalog.find(command.resourceId().strip())
                    .filter(r -> r.status() == ResourceStatus.PUBLISHED)
                    .orElse(null);
            if (resource == null) {
                v.add("resourceId", "is not a published resource");
            } else if (resource.provider().id().equals(filer)) {
                v.add("resourceId", "is your own department's resource; correct it directly instead of objecting");
            }
        }
        v.requireText(command.description(), "description", MAX_TEXT);
        if (command.recordKey() != null) {
            v.require(
                    !command.recordKey().isBlank() && command.recordKey().length() <= MAX_RECORD_KEY,
                    "recordKey",
                    "must be 1 to " + MAX_RECORD_KEY + " characters when given");
        }
        checkRelated(command, filer, resource, v);
        v.throwIfInvalid();

        Objection o = new Objection();
        o.id = UUID.randomUUID();
        o.type = command.type();
        o.resourceId = resource.id();
        o.recordKey = command.recordKey() == null ? null : command.recordKey().strip();
        o.relatedRequestId = command.relatedRequestId();
        o.relatedGrantId = command.relatedGrantId();
        o.description = command.description().strip();
        o.filerDepartment = filer;
        o.filedBy = caller.actor();
        o.handlingDepartment = resource.provider().id();
        o.status = ObjectionStatus.OPEN;
        o.filedAt = now();
        o.updatedAt = o.filedAt;
        startReplyClock(o);
        o.persist();
        Map<String, Object> summary = summary(o);
        summary.put("type", o.type.name());
        summary.put("replyDueAt", o.replyDueAt.toString());
        summary.put("recordKeyGiven", o.recordKey != null); // the key may identify a person: never ledgered raw
        audit(caller, o, "OBJECTION_FILE", o.handlingDepartment, summary);
        ObjectionView filed = view(o);
        notice(filed, EventType.OBJECTION_FILED, o.handlingDepartment);
        return filed;
    }

    /** The handling department's data officer answers; a late answer is accepted and marked late. */
    public ObjectionView reply(Caller caller, UUID id, ReplyCommand command) {
        Objection o = lockedParty(caller, id);
        requireSide(caller, o.handlingDepartment, "only the department handling the objection replies");
        requireStatus(o, "reply to", ObjectionStatus.OPEN);
        Validation v = new Validation();
        v.requireText(command.reply(), "reply", MAX_TEXT);
        v.require(command.corrected() != null, "corrected", "is required (true when the data or entry was corrected)");
        v.throwIfInvalid();
        LocalDate today = calendar.today();
        o.reply = command.reply().strip();
        o.corrected = command.corrected();
        o.repliedBy = caller.actor();
        o.repliedDepartment = caller.department();
        o.repliedAt = now();
        o.replyLate = today.isAfter(o.replyDueAt);
        o.status = ObjectionStatus.ANSWERED;
        touch(o);
        Map<String, Object> summary = summary(o);
        summary.put("corrected", o.corrected);
        summary.put("late", o.replyLate);
        summary.put("replyDueAt", o.replyDueAt.toString());
        audit(caller, o, "OBJECTION_REPLY", o.filerDepartment, summary);
        ObjectionView answered = view(o);
        notice(answered, EventType.OBJECTION_ANSWERED, o.filerDepartment);
        return answered;
    }

    /**
     * Hands the objection to the department that holds the data in question. That department owes a reply it could
     * not have started before, so it gets a full new period from the day of the transfer; the transfer history keeps
     * every earlier due date, so a department that held it past its own due date is still visible.
     */
    public ObjectionView transfer(Caller caller, UUID id, TransferCommand command) {
        Objection o = lockedParty(caller, id);
        requireSide(caller, o.handlingDepartment, "only the department handling the objection transfers it");
        requireStatus(o, "transfer", ObjectionStatus.OPEN);
        Validation v = new Validation();
        String to =
                command.toDepartment() == null ? null : command.toDepartment().strip();
        if (to == null || to.isEmpty()) {
            v.add("toDepartment", "is required");
        } else if (departments.find(to).isEmpty()) {
            v.add("toDepartment", "is not a department of the hub");
        } else if (to.equals(o.handlingDepartment)) {
            v.add("toDepartment", "is the department handling the objection already");
        } else if (to.equals(o.filerDepartment)) {
            v.add("toDepartment", "filed the objection; it cannot answer its own objection");
        }
        v.requireText(command.reason(), "reason", MAX_TEXT);
        v.throwIfInvalid();
        ObjectionTransfer t = new ObjectionTransfer();
        t.id = UUID.randomUUID();
        t.objectionId = o.id;
        t.fromDepartment = o.handlingDepartment;
        t.toDepartment = to;
        t.reason = command.reason().strip();
        t.transferredBy = caller.actor();
        t.transferredAt = now();
        t.previousDueAt = o.replyDueAt;
        o.handlingDepartment = to;
        startReplyClock(o);
        t.newDueAt = o.replyDueAt;
        t.persist();
        touch(o);
        Map<String, Object> summary = summary(o);
        summary.put("from", t.fromDepartment);
        summary.put("to", t.toDepartment);
        summary.put("previousDueAt", t.previousDueAt.toString());
        summary.put("replyDueAt", t.newDueAt.toString());
        summary.put("reason", t.reason);
        audit(caller, o, "OBJECTION_TRANSFER", to, summary);
        // For the receiving department a transferred objection is a new one to answer, with its own period.
        ObjectionView transferred = view(o);
        notice(transferred, EventType.OBJECTION_FILED, to);
        return transferred;
    }

    /** The filer rates the handling 1–5; resolved closes the objection, otherwise it may be escalated. */
    public ObjectionView rate(Caller caller, UUID id, RatingCommand command) {
        Objection o = lockedParty(caller, id);
        requireSide(caller, o.filerDepartment, "only the department that filed the objection rates its handling");
        requireStatus(o, "rate", ObjectionStatus.ANSWERED);
        Validation v = new Validation();
        v.require(command.rating() != null, "rating", "is required (1 to 5)");
        if (command.rating() != null) {
            v.require(command.rating() >= 1 && command.rating() <= 5, "rating", "must be between 1 and 5");
        }
        v.require(command.resolved() != null, "resolved", "is required (true or false)");
        v.require(
                command.comment() == null || command.comment().length() <= MAX_TEXT,
                "comment",
                "must be at most " + MAX_TEXT + " characters");
        v.throwIfInvalid();
        o.rating = command.rating().shortValue();
        o.resolved = command.resolved();
        o.ratingComment = command.comment() == null || command.comment().isBlank()
                ? null
                : command.comment().strip();
        o.ratedBy = caller.actor();
        o.ratedAt = now();
        if (o.resolved) {
            o.status = ObjectionStatus.RESOLVED;
            o.closedAt = o.ratedAt;
        } else {
            o.status = ObjectionStatus.UNRESOLVED;
        }
        touch(o);
        Map<String, Object> summary = summary(o);
        summary.put("rating", (int) o.rating);
        summary.put("resolved", o.resolved);
        audit(caller, o, "OBJECTION_RATE", o.handlingDepartment, summary);
        return view(o);
    }

    /**
     * R25 Art. 28, one step at a time. Without an outcome the call takes the dispute to the named step, which must be
     * the next one; a party's data officer does that once the objection is UNRESOLVED, once the previous step ended
     * NOT_SETTLED, or when no reply came in time. With an outcome it closes the current step: the parties record
     * their negotiation, the authority (hub-admin) the steps it coordinates or reports up. SETTLED and the people's
     * government's DECIDED close the objection.
     */
    public ObjectionView escalate(Caller caller, UUID id, EscalationCommand command) {
        Objection o = lockedParty(caller, id);
        if (command.step() == null) {
            throw ApiException.invalid(
                    "step",
                    "is required (" + (o.disputeStep == null ? DisputeStep.NEGOTIATION : o.disputeStep) + " or "
                            + "the next step)");
        }
        return command.outcome() == null ? openStep(caller, o, command) : closeStep(caller, o, command);
    }

    private ObjectionView openStep(Caller caller, Objection o, EscalationCommand command) {
        if (!caller.is(Roles.DATA_OFFICER) || !isDisputeParty(caller, o)) {
            throw ApiException.forbidden(
                    ErrorCode.WRONG_PARTY,
                    "a dispute is taken up by the data officer of the filing or the handling department");
        }
        DisputeStepRecord current = currentStep(o);
        boolean noTimelyReply =
                o.status == ObjectionStatus.OPEN && calendar.today().isAfter(o.replyDueAt);
        if (o.status == ObjectionStatus.DISPUTED) {
            if (current.outcome == null) {
                throw ApiException.conflict(
                        ErrorCode.INVALID_STATUS,
                        "the dispute is at " + current.step + ", which has no outcome yet; record it first");
            }
        } else if (o.status != ObjectionStatus.UNRESOLVED && !noTimelyReply) {
            throw ApiException.conflict(
                    ErrorCode.INVALID_STATUS,
                    "cannot escalate an objection in status " + o.status
                            + " (only UNRESOLVED ones, disputes whose step ended NOT_SETTLED, or OPEN ones past their"
                            + " reply date)");
        }
        DisputeStep expected = o.disputeStep == null ? DisputeStep.NEGOTIATION : o.disputeStep.next();
        if (command.step() != expected) {
            throw ApiException.conflict(
                    ErrorCode.DISPUTE_STEP_OUT_OF_ORDER,
                    (o.disputeStep == null
                                    ? "a dispute starts with "
                                    : "the dispute is at " + o.disputeStep + "; next is ")
                            + expected + ", not " + command.step() + " (R25 Art. 28: no step is skipped)");
        }
        new Validation().requireText(command.note(), "note", MAX_TEXT).throwIfInvalid();
        DisputeStepRecord s = new DisputeStepRecord();
        s.id = UUID.randomUUID();
        s.objectionId = o.id;
        s.step = command.step();
        s.note = command.note().strip();
        s.openedBy = caller.actor();
        s.openedDepartment = caller.department();
        s.openedAt = now();
        s.persist();
        o.disputeStep = s.step;
        o.status = ObjectionStatus.DISPUTED;
        touch(o);
        Map<String, Object> summary = summary(o);
        summary.put("step", s.step.name());
        summary.put("note", s.note);
        audit(caller, o, "OBJECTION_ESCALATE", otherParty(caller, o), summary);
        return view(o);
    }

    private ObjectionView closeStep(Caller caller, Objection o, EscalationCommand command) {
        requireStatus(o, "record a dispute outcome for", ObjectionStatus.DISPUTED);
        DisputeStepRecord current = currentStep(o);
        if (command.step() != current.step) {
            throw ApiException.conflict(
                    ErrorCode.DISPUTE_STEP_OUT_OF_ORDER,
                    "the dispute is at " + current.step + "; an outcome is recorded for that step only");
        }
        if (current.outcome != null) {
            throw ApiException.conflict(
                    ErrorCode.INVALID_STATUS,
                    "step " + current.step + " already ended " + current.outcome + "; escalate to the next step");
        }
        if (current.step.byAuthority()) {
            if (!caller.is(Roles.HUB_ADMIN)) {
                throw ApiException.forbidden(
                        ErrorCode.WRONG_PARTY, "the authority (hub-admin) records the outcome of " + current.step);
            }
        } else if (!caller.is(Roles.DATA_OFFICER) || !isDisputeParty(caller, o)) {
            throw ApiException.forbidden(
                    ErrorCode.WRONG_PARTY,
                    "the outcome of a negotiation is recorded by a data officer of one of the two departments");
        }
        Validation v = new Validation();
        boolean last = current.step.next() == null;
        if (last) {
            v.require(
                    command.outcome() != StepOutcome.NOT_SETTLED,
                    "outcome",
                    "the people's government's decision is final: DECIDED or SETTLED");
        } else {
            v.require(
                    command.outcome() != StepOutcome.DECIDED,
                    "outcome",
                    "only the people's government decides; here SETTLED or NOT_SETTLED");
        }
        v.requireText(command.note(), "note", MAX_TEXT);
        v.throwIfInvalid();
        current.outcome = command.outcome();
        current.outcomeNote = command.note().strip();
        current.outcomeBy = caller.actor();
        current.outcomeDepartment = caller.department();
        current.outcomeAt = now();
        if (current.outcome != StepOutcome.NOT_SETTLED) {
            o.status = ObjectionStatus.RESOLVED;
            o.closedAt = current.outcomeAt;
        }
        touch(o);
        Map<String, Object> summary = summary(o);
        summary.put("step", current.step.name());
        summary.put("outcome", current.outcome.name());
        summary.put("note", current.outcomeNote);
        audit(caller, o, "OBJECTION_STEP_OUTCOME", otherParty(caller, o), summary);
        return view(o);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ObjectionView get(Caller caller, UUID id) {
        return view(party(caller, id));
    }

    /**
     * The caller's department's objections: {@code FILED} by it, {@code RECEIVED} (handled now or before a transfer),
     * or both; hub-admin and hub-auditor see every objection unless they name a role. Newest first, keyset-paged.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ObjectionView> list(Caller caller, PartyRole role, ObjectionStatus status, int limit, String cursor) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!caller.hubWide() || role != null) {
            params.put("dept", caller.department());
            where.append(
                    role == PartyRole.FILED
                            ? " and o.filerDepartment = :dept"
                            : role == PartyRole.RECEIVED ? " and (" + HANDLED + ")" : " and (" + PARTY + ")");
        }
        if (status != null) {
            where.append(" and o.status = :status");
            params.put("status", status);
        }
        String after = Cursors.decode(cursor);
        if (after != null) {
            String[] parts = after.split("\\|", 2);
            try {
                params.put("afterAt", OffsetDateTime.parse(parts[0]));
                params.put("afterId", UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("cursor is not a cursor this API returned", "cursor");
            }
            where.append(" and (o.filedAt < :afterAt or (o.filedAt = :afterAt and o.id < :afterId))");
        }
        var query = Objection.getEntityManager()
                .createQuery(
                        "select o from Objection o where " + where + " order by o.filedAt desc, o.id desc",
                        Objection.class)
                .setMaxResults(limit + 1);
        params.forEach(query::setParameter);
        List<Objection> rows = query.getResultList();
        List<Objection> page = rows.stream().limit(limit).toList();
        List<ObjectionView> items = views(page);
        String next = null;
        if (rows.size() > limit) {
            Objection last = page.get(page.size() - 1);
            next = Cursors.encode(last.filedAt + "|" + last.id);
        }
        return new Page<>(items, next);
    }

    /** Objections the department (:dept) handles now or handled before a transfer. */
    private static final String HANDLED = "o.handlingDepartment = :dept or exists (select 1 from ObjectionTransfer t"
            + " where t.objectionId = o.id and t.fromDepartment = :dept)";

    /** Objections the department (:dept) is or was a party to: the rule of {@link #visible}, as a query. */
    private static final String PARTY = "o.filerDepartment = :dept or " + HANDLED;

    /**
     * A resource's objections that are not RESOLVED, oldest first, as far as the caller may see them: the same rule
     * as {@link #get} and {@link #list} (the parties, hub-admin and hub-auditor), so a page showing them tells nobody
     * more than the API would. At most {@code limit}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ObjectionView> openOn(Caller caller, String resourceId, int limit) {
        // RESOLVED unqualified is rendered as a literal, so the partial index objection_open_resource applies.
        StringBuilder where = new StringBuilder("o.resourceId = :resource and o.status <> RESOLVED");
        Map<String, Object> params = new HashMap<>();
        params.put("resource", resourceId);
        if (!caller.hubWide()) {
            params.put("dept", caller.department());
            where.append(" and (" + PARTY + ")");
        }
        var query = Objection.getEntityManager()
                .createQuery("select o from Objection o where " + where + " order by o.filedAt, o.id", Objection.class)
                .setMaxResults(limit);
        params.forEach(query::setParameter);
        return views(query.getResultList());
    }

    /** Whether a resource has an objection that is not closed: it is then shown "under verification". */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean underVerification(String resourceId) {
        return !underVerification(List.of(resourceId)).isEmpty();
    }

    /** Of these resources, those under verification; one query for a whole catalogue page. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> underVerification(Collection<String> resourceIds) {
        if (resourceIds.isEmpty()) {
            return Set.of();
        }
        Set<String> open = new HashSet<>();
        List<String> ids = List.copyOf(resourceIds);
        // chunks keep a whole-catalogue call (DCAT export) under the driver's bind-parameter limit
        for (int from = 0; from < ids.size(); from += UNDER_VERIFICATION_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + UNDER_VERIFICATION_CHUNK));
            // The status is a literal, not a parameter: only then can a generic (cached) plan use the partial index
            // objection_open_resource; with a bound status PostgreSQL falls back to scanning the table.
            @SuppressWarnings("unchecked")
            List<String> found = Objection.getEntityManager()
                    .createNativeQuery("select distinct resource_id from objection where resource_id in (:ids)"
                            + " and status <> 'RESOLVED'")
                    .setParameter("ids", chunk)
                    .getResultList();
            open.addAll(found);
        }
        return open;
    }

    /** For the compliance report: objections this department handles whose reply date has passed without a reply. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<Objection> overdueReplies(String department, LocalDate today) {
        // A literal status, so the partial index objection_reply_due serves cached plans too (see underVerification).
        @SuppressWarnings("unchecked")
        List<Objection> overdue = Objection.getEntityManager()
                .createNativeQuery(
                        "select * from objection where handling_department = :dept and status = 'OPEN'"
                                + " and reply_due_at < :today order by reply_due_at",
                        Objection.class)
                .setParameter("dept", department)
                .setParameter("today", today)
                .getResultList();
        return overdue;
    }

    private void checkRelated(FileObjection command, String filer, ResourceView resource, Validation v) {
        if (command.relatedRequestId() != null) {
            if (command.type() != ObjectionType.REQUEST_DECISION) {
                v.add("relatedRequestId", "is given only with type REQUEST_DECISION");
            } else {
                AccessRequest request = AccessRequest.findById(command.relatedRequestId());
                if (request == null || !request.requesterDepartment.equals(filer)) {
                    v.add("relatedRequestId", "is not an access request your department filed");
                } else if (resource != null && !request.resourceId.equals(resource.id())) {
                    v.add("relatedRequestId", "is a request for another resource (" + request.resourceId + ")");
                }
            }
        }
        if (command.relatedGrantId() != null) {
            if (command.type() != ObjectionType.DATA_USE) {
                v.add("relatedGrantId", "is given only with type DATA_USE");
            } else {
                AccessGrant grant = AccessGrant.findById(command.relatedGrantId());
                if (grant == null || !grant.requesterDepartment.equals(filer)) {
                    v.add("relatedGrantId", "is not a grant your department holds");
                } else if (resource != null && !grant.resourceId.equals(resource.id())) {
                    v.add("relatedGrantId", "is a grant for another resource (" + grant.resourceId + ")");
                }
            }
        }
    }

    private void startReplyClock(Objection o) {
        LocalDate today = calendar.today();
        o.replyClockStartedOn = today;
        o.replyDueAt = calendar.due(today, config.access().objectionReplyDays());
    }

    private DisputeStepRecord currentStep(Objection o) {
        if (o.disputeStep == null) {
            return null;
        }
        return DisputeStepRecord.<DisputeStepRecord>find("objectionId = ?1 and step = ?2", o.id, o.disputeStep)
                .firstResult();
    }

    /** The filer and the current handler argue a dispute; departments it was transferred from only read it. */
    private static boolean isDisputeParty(Caller caller, Objection o) {
        String own = caller.department();
        return own.equals(o.filerDepartment) || own.equals(o.handlingDepartment);
    }

    private static String otherParty(Caller caller, Objection o) {
        return caller.department().equals(o.filerDepartment) ? o.handlingDepartment : o.filerDepartment;
    }

    private Objection party(Caller caller, UUID id) {
        return visible(caller, Objection.findById(id), id);
    }

    private Objection lockedParty(Caller caller, UUID id) {
        return visible(caller, Objection.findById(id, LockModeType.PESSIMISTIC_WRITE), id);
    }

    /** Parties (filer, handler, earlier handlers), hub-admin and hub-auditor see it; for anyone else it does not exist. */
    private static Objection visible(Caller caller, Objection o, UUID id) {
        if (o == null) {
            throw ApiException.notFound("objection", id.toString());
        }
        if (caller.hubWide()) {
            return o;
        }
        String own = caller.department();
        if (own.equals(o.filerDepartment)
                || own.equals(o.handlingDepartment)
                || ObjectionTransfer.count("objectionId = ?1 and fromDepartment = ?2", o.id, own) > 0) {
            return o;
        }
        throw ApiException.notFound("objection", id.toString());
    }

    private static void requireSide(Caller caller, String department, String message) {
        if (!department.equals(caller.department())) {
            throw ApiException.forbidden(ErrorCode.WRONG_PARTY, message);
        }
    }

    private static void requireStatus(Objection o, String action, ObjectionStatus... allowed) {
        for (ObjectionStatus status : allowed) {
            if (o.status == status) {
                return;
            }
        }
        throw ApiException.conflict(
                ErrorCode.INVALID_STATUS, "cannot " + action + " an objection in status " + o.status);
    }

    private static Map<String, Object> summary(Objection o) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", o.status.name());
        summary.put("resourceId", o.resourceId);
        summary.put("handlingDepartment", o.handlingDepartment);
        return summary;
    }

    /** The outbox row commits with the change; payloads carry ids and dates only, never the description or key. */
    private void notice(ObjectionView o, EventType type, String department) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("objectionId", o.id().toString());
        data.put("resourceId", o.resourceId());
        data.put("objectionType", o.type().name());
        data.put("filerDepartment", o.filerDepartment());
        data.put("providerDepartment", o.providerDepartment());
        data.put("dueAt", o.replyDueAt() == null ? null : o.replyDueAt().toString());
        outbox.publish(department, type, data);
    }

    private void audit(
            Caller caller, Objection o, String action, String objectDepartment, Map<String, Object> summary) {
        ledger.appendAdmin(
                caller.actor(), caller.department(), objectDepartment, action, "objection", o.id.toString(), summary);
    }

    /** Microseconds, as PostgreSQL keeps them, so a cursor built from a row finds that row again. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static void touch(Objection o) {
        o.updatedAt = now();
    }

    private ObjectionView view(Objection o) {
        return views(List.of(o)).get(0);
    }

    /** Transfers and dispute steps of a whole page in two queries. */
    private List<ObjectionView> views(List<Objection> objections) {
        if (objections.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = objections.stream().map(o -> o.id).toList();
        Map<UUID, List<TransferView>> transfers =
                ObjectionTransfer.<ObjectionTransfer>find("objectionId in ?1 order by transferredAt, id", ids)
                        .list()
                        .stream()
                        .collect(Collectors.groupingBy(
                                t -> t.objectionId,
                                Collectors.mapping(
                                        t -> new TransferView(
                                                t.fromDepartment,
                                                t.toDepartment,
                                                t.reason,
                                                t.transferredBy,
                                                t.transferredAt,
                                                t.previousDueAt,
                                                t.newDueAt),
                                        Collectors.toList())));
        Map<UUID, List<DisputeStepView>> steps =
                DisputeStepRecord.<DisputeStepRecord>find("objectionId in ?1 order by openedAt, id", ids)
                        .list()
                        .stream()
                        .collect(Collectors.groupingBy(
                                s -> s.objectionId,
                                Collectors.mapping(
                                        s -> new DisputeStepView(
                                                s.step,
                                                s.note,
                                                s.openedBy,
                                                s.openedDepartment,
                                                s.openedAt,
                                                s.outcome,
                                                s.outcomeNote,
                                                s.outcomeBy,
                                                s.outcomeAt),
                                        Collectors.toList())));
        LocalDate today = calendar.today();
        return objections.stream()
                .map(o -> {
                    List<TransferView> moved = transfers.getOrDefault(o.id, List.of());
                    return new ObjectionView(
                            o.id,
                            o.type,
                            o.resourceId,
                            o.recordKey,
                            o.relatedRequestId,
                            o.relatedGrantId,
                            o.description,
                            o.status,
                            o.filerDepartment,
                            o.filedBy,
                            o.filedAt,
                            moved.isEmpty()
                                    ? o.handlingDepartment
                                    : moved.get(0).fromDepartment(),
                            o.handlingDepartment,
                            o.replyDueAt,
                            o.status == ObjectionStatus.OPEN && today.isAfter(o.replyDueAt),
                            o.repliedAt == null
                                    ? null
                                    : new ReplyView(
                                            o.reply,
                                            Boolean.TRUE.equals(o.corrected),
                                            o.repliedBy,
                                            o.repliedDepartment,
                                            o.repliedAt,
                                            Boolean.TRUE.equals(o.replyLate)),
                            o.ratedAt == null
                                    ? null
                                    : new RatingView(
                                            o.rating,
                                            Boolean.TRUE.equals(o.resolved),
                                            o.ratingComment,
                                            o.ratedBy,
                                            o.ratedAt),
                            o.disputeStep,
                            moved,
                            steps.getOrDefault(o.id, List.of()),
                            o.closedAt,
                            o.updatedAt);
                })
                .toList();
    }
}
