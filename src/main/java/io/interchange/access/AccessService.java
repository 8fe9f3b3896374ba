package io.interchange.access;

import io.interchange.access.AccessTypes.Direction;
import io.interchange.access.AccessTypes.GrantStatus;
import io.interchange.access.AccessTypes.Outcome;
import io.interchange.access.AccessTypes.RequestStatus;
import io.interchange.access.AccessViews.Decision;
import io.interchange.access.AccessViews.Disposal;
import io.interchange.access.AccessViews.Extension;
import io.interchange.access.AccessViews.FileRequest;
import io.interchange.access.AccessViews.GrantView;
import io.interchange.access.AccessViews.RequestView;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes.Level;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.directory.DepartmentService;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Validation;
import io.interchange.platform.outbox.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The two-step workflow of R25 Art. 20–21: the requester's own data officer vouches for a request, the provider's
 * data officer decides it within the working-day deadline, CORE data also needs the authority; approval creates the
 * grant that the broker enforces.
 */
@ApplicationScoped
@Transactional
public class AccessService {

    static final String SYSTEM = "system";

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
    AccessNotices notices;

    public RequestView file(Caller caller, FileRequest command) {
        String requester =
                departments.requireCallerDepartment(caller.department()).id();
        Validation v = new Validation();
        ResourceView resource = null;
        if (command.resourceId() == null || command.resourceId().isBlank()) {
            v.add("resourceId", "is required");
        } else {
            resource = catalog.find(command.resourceId())
                    .filter(r -> r.status() == ResourceStatus.PUBLISHED)
                    .orElse(null);
            if (resource == null) {
                v.add("resourceId", "is not a published resource");
            } else if (resource.provider().id().equals(requester)) {
                v.add("resourceId", "is your own department's resource; it needs no request");
            } else if (resource.sharingType() == SharingType.NOT_SHARED) {
                throw new ApiException(
                        ErrorCode.NOT_SHARED,
                        "resource " + resource.id() + " is not shared: " + resource.legalBasis(),
                        List.of(new io.interchange.platform.FieldError(
                                "resourceId", "is NOT_SHARED under " + resource.legalBasis())));
            }
        }
        v.requireNonEmpty(command.items(), "items");
        if (resource != null && command.items() != null) {
            checkItems(resource, command.items(), "items", v);
        }
        v.requireText(command.legalBasis(), "legalBasis", 2000);
        v.requireText(command.scenario(), "scenario", 2000);
        v.requireText(command.purpose(), "purpose", 2000);
        v.require(command.mode() != null, "mode", "is required (API, BULK or FILE)");
        if (resource != null && command.mode() != null) {
            v.require(
                    resource.sharingModes().contains(command.mode()),
                    "mode",
                    "the resource is shared as " + resource.sharingModes());
        }
        v.require(command.validUntil() != null, "validUntil", "is required (YYYY-MM-DD)");
        if (command.validUntil() != null) {
            v.require(command.validUntil().isAfter(calendar.today()), "validUntil", "must be a future date");
        }
        v.throwIfInvalid();

        AccessRequest request = new AccessRequest();
        request.id = UUID.randomUUID();
        request.resourceId = resource.id();
        request.requesterDepartment = requester;
        request.providerDepartment = resource.provider().id();
        request.clientId = caller.clientId();
        request.filedBy = caller.actor();
        request.items = List.copyOf(new java.util.LinkedHashSet<>(command.items()));
        request.legalBasis = command.legalBasis().strip();
        request.scenario = command.scenario().strip();
        request.purpose = command.purpose().strip();
        request.mode = command.mode();
        request.validUntil = command.validUntil();
        request.status = RequestStatus.AWAITING_ENDORSEMENT;
        request.createdAt = OffsetDateTime.now();
        request.updatedAt = request.createdAt;
        request.persist();
        audit(caller, request, "REQUEST_FILE");
        notices.request(EventType.REQUEST_FILED, request);
        return view(request);
    }

    /** Step one: the requester department's data officer vouches that the request is truthful, lawful, necessary. */
    public RequestView endorse(Caller caller, UUID id) {
        AccessRequest request = party(caller, id);
        requireSide(caller, request.requesterDepartment, "only the requesting department's data officer endorses");
        requireStatus(request, "endorse", RequestStatus.AWAITING_ENDORSEMENT);
        request.endorsedBy = caller.actor();
        request.endorsedAt = OffsetDateTime.now();
        startClock(request);
        audit(caller, request, "REQUEST_ENDORSE");
        notices.request(EventType.REQUEST_ENDORSED, request);
        ResourceView resource = resource(request);
        if (resource.sharingType() == SharingType.UNCONDITIONAL
                && config.access().autoApproveUnconditional()) {
            Decision automatic = new Decision(
                    Outcome.APPROVE,
                    "unconditional sharing: approved automatically",
                    request.items,
                    null,
                    List.of(),
                    request.validUntil,
                    config.access().defaultRateLimitPerMinute(),
                    null);
            approve(request, automatic, SYSTEM);
            ledger.appendAdmin(
                    SYSTEM,
                    request.providerDepartment,
                    "REQUEST_APPROVE",
                    "access-request",
                    request.id.toString(),
                    Map.of("status", request.status.name(), "automatic", true));
            notices.request(EventType.REQUEST_APPROVED, request);
        }
        return view(request);
    }

    /** Step two: the provider's data officer approves, rejects (with a reason) or asks for everything missing at once. */
    public RequestView decide(Caller caller, UUID id, Decision decision) {
        AccessRequest request = party(caller, id);
        requireSide(caller, request.providerDepartment, "only the providing department's data officer decides");
        requireStatus(request, "decide", RequestStatus.AWAITING_DECISION);
        if (decision.outcome() == null) {
            throw ApiException.invalid("outcome", "is required (APPROVE, REJECT or NEEDS_INFO)");
        }
        switch (decision.outcome()) {
            case REJECT -> reject(request, decision.reason(), caller.actor());
            case NEEDS_INFO -> needsInfo(request, decision, caller.actor());
            case APPROVE -> {
                Decision terms = approvalTerms(request, decision);
                if (resource(request).level() == Level.CORE) {
                    request.approvedTerms = terms;
                    request.status = RequestStatus.AWAITING_AUTHORITY;
                    request.decidedBy = caller.actor();
                    touch(request);
                } else {
                    approve(request, terms, caller.actor());
                }
            }
        }
        audit(caller, request, "REQUEST_" + decision.outcome().name());
        notices.request(
                switch (request.status) {
                    case AWAITING_AUTHORITY -> EventType.REQUEST_AWAITING_AUTHORITY;
                    case APPROVED -> EventType.REQUEST_APPROVED;
                    case NEEDS_INFO -> EventType.REQUEST_NEEDS_INFO;
                    default -> EventType.REQUEST_REJECTED;
                },
                request);
        return view(request);
    }

    /** Step three, CORE data only: the authority (hub-admin) confirms or refuses the provider's approval. */
    public RequestView authorityApproval(Caller caller, UUID id, Decision decision) {
        AccessRequest request = AccessRequest.<AccessRequest>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("access request", id.toString()));
        requireStatus(request, "confirm", RequestStatus.AWAITING_AUTHORITY);
        if (decision.outcome() == Outcome.APPROVE) {
            approve(request, request.approvedTerms, caller.actor());
        } else if (decision.outcome() == Outcome.REJECT) {
            reject(request, decision.reason(), caller.actor());
        } else {
            throw ApiException.invalid("outcome", "must be APPROVE or REJECT");
        }
        audit(caller, request, "REQUEST_AUTHORITY_" + decision.outcome().name());
        notices.request(
                request.status == RequestStatus.APPROVED
                        ? EventType.REQUEST_AUTHORITY_APPROVED
                        : EventType.REQUEST_REJECTED,
                request);
        return view(request);
    }

    /**
     * R25 Art. 21: the provider's data officer extends the answer period once, by at most 10 working days, with a
     * reason the requester sees. The new due date counts on from the original one.
     */
    public RequestView extend(Caller caller, UUID id, Extension extension) {
        AccessRequest request = party(caller, id);
        requireSide(
                caller, request.providerDepartment, "only the providing department's data officer extends the period");
        requireStatus(request, "extend", RequestStatus.AWAITING_DECISION);
        if (request.extendedAt != null) {
            throw ApiException.conflict(
                    ErrorCode.ALREADY_EXTENDED,
                    "the answer period was already extended once, on " + request.extendedAt.toLocalDate()
                            + "; R25 Art. 21 allows one extension");
        }
        int max = config.access().maxExtensionDays();
        Validation v = new Validation();
        v.require(extension.workingDays() != null, "workingDays", "is required (1 to " + max + ")");
        if (extension.workingDays() != null) {
            v.require(
                    extension.workingDays() >= 1 && extension.workingDays() <= max,
                    "workingDays",
                    "must be between 1 and " + max);
        }
        v.requireText(extension.reason(), "reason", 2000);
        v.throwIfInvalid();
        request.originalDueAt = request.dueAt;
        request.dueAt = calendar.due(request.originalDueAt, extension.workingDays());
        request.extensionDays = extension.workingDays();
        request.extensionReason = extension.reason().strip();
        request.extendedBy = caller.actor();
        request.extendedAt = OffsetDateTime.now();
        touch(request);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", request.status.name());
        summary.put("resourceId", request.resourceId);
        summary.put("workingDays", extension.workingDays());
        summary.put("originalDueAt", request.originalDueAt.toString());
        summary.put("dueAt", request.dueAt.toString());
        summary.put("reason", request.extensionReason);
        ledger.appendAdmin(
                caller.actor(),
                caller.department(),
                "REQUEST_EXTEND",
                "access-request",
                request.id.toString(),
                summary);
        return view(request);
    }

    /** After NEEDS_INFO: the clock restarts from the resubmission with a full new period (R25 Art. 21). */
    public RequestView resubmit(Caller caller, UUID id, FileRequest amendment) {
        AccessRequest request = party(caller, id);
        requireSide(caller, request.requesterDepartment, "only the requesting department resubmits");
        requireStatus(request, "resubmit", RequestStatus.NEEDS_INFO);
        if (amendment != null) {
            Validation v = new Validation();
            if (amendment.items() != null) {
                v.requireNonEmpty(amendment.items(), "items");
                checkItems(resource(request), amendment.items(), "items", v);
            }
            v.throwIfInvalid();
            if (amendment.items() != null) {
                request.items = List.copyOf(new java.util.LinkedHashSet<>(amendment.items()));
            }
            request.legalBasis = textOr(amendment.legalBasis(), request.legalBasis);
            request.scenario = textOr(amendment.scenario(), request.scenario);
            request.purpose = textOr(amendment.purpose(), request.purpose);
        }
        request.missing = null;
        startClock(request);
        audit(caller, request, "REQUEST_RESUBMIT");
        return view(request);
    }

    public RequestView withdraw(Caller caller, UUID id) {
        AccessRequest request = party(caller, id);
        requireSide(caller, request.requesterDepartment, "only the requesting department withdraws its request");
        requireStatus(
                request,
                "withdraw",
                RequestStatus.AWAITING_ENDORSEMENT,
                RequestStatus.AWAITING_DECISION,
                RequestStatus.AWAITING_AUTHORITY,
                RequestStatus.NEEDS_INFO);
        request.status = RequestStatus.WITHDRAWN;
        request.dueAt = null;
        touch(request);
        audit(caller, request, "REQUEST_WITHDRAW");
        return view(request);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RequestView get(Caller caller, UUID id) {
        return view(party(caller, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RequestView> list(Caller caller, Direction direction, RequestStatus status) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!caller.hubWide() || direction != null) {
            String own = caller.department();
            params.put("dept", own);
            where.append(
                    direction == Direction.INCOMING
                            ? " and providerDepartment = :dept"
                            : direction == Direction.OUTGOING
                                    ? " and requesterDepartment = :dept"
                                    : " and (requesterDepartment = :dept or providerDepartment = :dept)");
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        return AccessRequest.<AccessRequest>find(where + " order by createdAt desc", params)
                .range(0, 499)
                .list()
                .stream()
                .map(this::view)
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GrantView grant(Caller caller, UUID id) {
        AccessGrant grant = AccessGrant.<AccessGrant>findByIdOptional(id)
                .filter(g -> caller.hubWide() || isParty(caller, g.requesterDepartment, g.providerDepartment))
                .orElseThrow(() -> ApiException.notFound("grant", id.toString()));
        return view(grant);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GrantView> grants(Caller caller, String resourceId) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!caller.hubWide()) {
            where.append(" and (requesterDepartment = :dept or providerDepartment = :dept)");
            params.put("dept", caller.department());
        }
        if (resourceId != null) {
            where.append(" and resourceId = :resource");
            params.put("resource", resourceId);
        }
        return AccessGrant.<AccessGrant>find(where + " order by createdAt desc", params).range(0, 499).list().stream()
                .map(this::view)
                .toList();
    }

    /**
     * For the broker: the grant that lets this department's application read the resource today, or the reason none
     * does ({@code NO_GRANT}, {@code GRANT_SUSPENDED}, {@code GRANT_REVOKED}, {@code GRANT_EXPIRED}, {@code GRANT_ENDED}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GrantLookup lookup(String department, String clientId, String resourceId) {
        return decide(grantCandidates(department, clientId, resourceId));
    }

    /**
     * Every grant that could let this department's application read the resource, newest first, whatever its status:
     * what {@link #decide} needs. The broker's grant cache keeps this list and decides at each use, so that validity
     * running out takes effect on the day without waiting for the expiry job or a change notice.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GrantView> grantCandidates(String department, String clientId, String resourceId) {
        return AccessGrant.<AccessGrant>find(
                        "requesterDepartment = ?1 and resourceId = ?2 and (clientId is null or clientId = ?3) "
                                + "order by createdAt desc",
                        department,
                        resourceId,
                        clientId)
                .list()
                .stream()
                .map(this::view)
                .toList();
    }

    /** The grant in force today among {@code candidates} (newest first), or why there is none. Reads no table. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GrantLookup decide(List<GrantView> candidates) {
        return decide(candidates, calendar.today());
    }

    /**
     * The same decision as a plain function of the candidates and today's date. The broker calls this one on every
     * exchange: the bean method runs inside the class's transaction interceptor, which began and committed a JTA
     * transaction per exchange around code that touches no database.
     */
    public static GrantLookup decide(List<GrantView> candidates, LocalDate today) {
        for (GrantView grant : candidates) {
            if (grant.status() == GrantStatus.ACTIVE
                    && !today.isBefore(grant.validFrom())
                    && !today.isAfter(grant.validUntil())) {
                return new GrantLookup(Optional.of(grant), null);
            }
        }
        if (candidates.isEmpty()) {
            return new GrantLookup(Optional.empty(), ErrorCode.NO_GRANT);
        }
        ErrorCode code = switch (candidates.get(0).status()) {
            case SUSPENDED -> ErrorCode.GRANT_SUSPENDED;
            case REVOKED -> ErrorCode.GRANT_REVOKED;
            case ENDED -> ErrorCode.GRANT_ENDED;
            case EXPIRED, ACTIVE -> ErrorCode.GRANT_EXPIRED;
        };
        return new GrantLookup(Optional.empty(), code);
    }

    /** Grants of a resource that are still in force (ACTIVE or SUSPENDED): what a catalogue change must respect. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GrantView> liveGrants(String resourceId) {
        return AccessGrant.<AccessGrant>find(
                        "resourceId = ?1 and status in (?2)",
                        resourceId,
                        List.of(GrantStatus.ACTIVE, GrantStatus.SUSPENDED))
                .list()
                .stream()
                .map(this::view)
                .toList();
    }

    /**
     * A retired resource ends every grant on it (DOMAIN.md: "Retiring a resource ends its grants with notice"). Runs
     * in the caller's transaction, so the retirement and the ended grants commit together. Returns how many ended.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endGrantsForResource(String resourceId, String reason, String actor, String actorDepartment) {
        List<AccessGrant> live = AccessGrant.<AccessGrant>find(
                        "resourceId = ?1 and status in (?2)",
                        resourceId,
                        List.of(GrantStatus.ACTIVE, GrantStatus.SUSPENDED))
                .list();
        for (AccessGrant grant : live) {
            GrantEvent event = new GrantEvent();
            event.id = UUID.randomUUID();
            event.grantId = grant.id;
            event.at = OffsetDateTime.now();
            event.actor = actor;
            event.department = actorDepartment;
            event.action = "GRANT_END";
            event.fromStatus = grant.status;
            event.toStatus = GrantStatus.ENDED;
            event.reason = reason;
            event.persist();
            grant.status = GrantStatus.ENDED;
            grant.statusReason = reason;
            grant.fixBy = null;
            grant.updatedAt = OffsetDateTime.now();
            ledger.appendAdmin(
                    actor,
                    actorDepartment,
                    "GRANT_END",
                    "grant",
                    grant.id.toString(),
                    Map.of("status", "ENDED", "resourceId", resourceId, "reason", reason));
        }
        return live.size();
    }

    /** The broker's answer about a grant: the grant, or the refusal code. */
    public record GrantLookup(Optional<GrantView> grant, ErrorCode refusal) {}

    private Decision approvalTerms(AccessRequest request, Decision d) {
        Validation v = new Validation();
        List<String> items = d.items() == null || d.items().isEmpty() ? request.items : d.items();
        for (int i = 0; i < items.size(); i++) {
            v.require(request.items.contains(items.get(i)), "items[" + i + "]", "was not requested");
        }
        List<String> raw = d.rawItems() == null ? List.of() : d.rawItems();
        for (int i = 0; i < raw.size(); i++) {
            v.require(items.contains(raw.get(i)), "rawItems[" + i + "]", "must be one of the granted items");
        }
        String scope = null;
        if (d.rowScope() != null && !d.rowScope().isBlank()) {
            try {
                RowScope parsed = RowScope.parse(d.rowScope());
                parsed.problems(resource(request)).forEach(problem -> v.add("rowScope", problem));
                scope = parsed.normalised();
            } catch (RowScope.SyntaxException e) {
                v.add("rowScope", e.getMessage());
            }
        }
        LocalDate validUntil = d.validUntil() == null ? request.validUntil : d.validUntil();
        v.require(
                !validUntil.isAfter(request.validUntil),
                "validUntil",
                "may not exceed the requested " + request.validUntil);
        v.require(validUntil.isAfter(calendar.today()), "validUntil", "must be a future date");
        int rate =
                d.rateLimitPerMinute() == null ? config.access().defaultRateLimitPerMinute() : d.rateLimitPerMinute();
        v.require(rate > 0 && rate <= 1_000_000, "rateLimitPerMinute", "must be between 1 and 1000000");
        v.throwIfInvalid();
        return new Decision(
                Outcome.APPROVE,
                d.reason(),
                List.copyOf(new java.util.LinkedHashSet<>(items)),
                scope,
                List.copyOf(new java.util.LinkedHashSet<>(raw)),
                validUntil,
                rate,
                null);
    }

    private void approve(AccessRequest request, Decision terms, String actor) {
        AccessGrant grant = new AccessGrant();
        grant.id = UUID.randomUUID();
        grant.requestId = request.id;
        grant.resourceId = request.resourceId;
        grant.requesterDepartment = request.requesterDepartment;
        grant.providerDepartment = request.providerDepartment;
        grant.clientId = request.clientId;
        grant.items = terms.items();
        grant.rowScope = RowScope.parse(terms.rowScope()).normalised();
        grant.rawItems = terms.rawItems();
        grant.purpose = request.purpose;
        grant.mode = request.mode;
        grant.validFrom = calendar.today();
        grant.validUntil = terms.validUntil();
        grant.rateLimitPerMinute = terms.rateLimitPerMinute();
        grant.status = GrantStatus.ACTIVE;
        grant.createdAt = OffsetDateTime.now();
        grant.updatedAt = grant.createdAt;
        grant.persist();
        request.status = RequestStatus.APPROVED;
        request.grantId = grant.id;
        request.decisionReason = terms.reason();
        if (request.decidedBy == null) {
            request.decidedBy = actor; // for CORE data the provider's officer stays the decider of record
        }
        request.decidedAt = OffsetDateTime.now();
        request.approvedTerms = null;
        request.deliveryDueAt = calendar.due(calendar.today(), config.access().deliveryDays());
        touch(request);
    }

    private void reject(AccessRequest request, String reason, String actor) {
        new Validation().requireText(reason, "reason", 2000).throwIfInvalid();
        request.status = RequestStatus.REJECTED;
        request.decisionReason = reason.strip();
        request.decidedBy = actor;
        request.decidedAt = OffsetDateTime.now();
        request.approvedTerms = null;
        touch(request);
    }

    private void needsInfo(AccessRequest request, Decision decision, String actor) {
        List<String> missing = decision.missing() == null
                ? List.of()
                : decision.missing().stream()
                        .filter(m -> m != null && !m.isBlank())
                        .map(String::strip)
                        .toList();
        new Validation()
                .require(!missing.isEmpty(), "missing", "list everything that is missing, at once (一次性告知)")
                .throwIfInvalid();
        request.status = RequestStatus.NEEDS_INFO;
        request.missing = missing;
        request.decisionReason = decision.reason();
        request.decidedBy = actor;
        request.dueAt = null; // the clock stops until the requester resubmits
        touch(request);
    }

    private void startClock(AccessRequest request) {
        LocalDate today = calendar.today();
        int days = resource(request).sharingType() == SharingType.UNCONDITIONAL
                ? config.access().unconditionalAnswerDays()
                : config.access().conditionalAnswerDays();
        request.status = RequestStatus.AWAITING_DECISION;
        request.clockStartedOn = today;
        request.dueAt = calendar.due(today, days);
        touch(request);
    }

    private void checkItems(ResourceView resource, List<String> items, String field, Validation v) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = items.get(i);
            Optional<DataItem> item = name == null ? Optional.empty() : resource.item(name);
            if (item.isEmpty()) {
                v.add(field + "[" + i + "]", "is not an item of resource " + resource.id());
            } else if (!item.get().isShared()) {
                v.add(field + "[" + i + "]", "is catalogued as not shared");
            } else if (!seen.add(name)) {
                v.add(field + "[" + i + "]", "is listed twice");
            }
        }
    }

    /** Parties see the request; anyone else gets 404, hub-admin and hub-auditor read every request. */
    private AccessRequest party(Caller caller, UUID id) {
        AccessRequest request = AccessRequest.findById(id);
        if (request == null
                || !(caller.hubWide() || isParty(caller, request.requesterDepartment, request.providerDepartment))) {
            throw ApiException.notFound("access request", id.toString());
        }
        return request;
    }

    private static boolean isParty(Caller caller, String requester, String provider) {
        String own = caller.department();
        return own.equals(requester) || own.equals(provider);
    }

    private static void requireSide(Caller caller, String department, String message) {
        if (!department.equals(caller.department())) {
            throw ApiException.forbidden(ErrorCode.WRONG_PARTY, message);
        }
    }

    private static void requireStatus(AccessRequest request, String action, RequestStatus... allowed) {
        for (RequestStatus status : allowed) {
            if (request.status == status) {
                return;
            }
        }
        throw ApiException.conflict(
                ErrorCode.INVALID_STATUS, "cannot " + action + " a request in status " + request.status);
    }

    private ResourceView resource(AccessRequest request) {
        return catalog.find(request.resourceId)
                .orElseThrow(() -> new IllegalStateException("request " + request.id + " names a missing resource"));
    }

    private void audit(Caller caller, AccessRequest request, String action) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", request.status.name());
        summary.put("resourceId", request.resourceId);
        if (request.grantId != null) {
            summary.put("grantId", request.grantId.toString());
        }
        String other = caller.department().equals(request.requesterDepartment)
                ? request.providerDepartment
                : request.requesterDepartment;
        ledger.appendAdmin(
                caller.actor(), caller.department(), other, action, "access-request", request.id.toString(), summary);
    }

    private static String textOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static void touch(AccessRequest request) {
        request.updatedAt = OffsetDateTime.now();
    }

    private RequestView view(AccessRequest r) {
        boolean overdue =
                r.status.clockRunning() && r.dueAt != null && calendar.today().isAfter(r.dueAt);
        return new RequestView(
                r.id,
                r.resourceId,
                r.requesterDepartment,
                r.providerDepartment,
                r.clientId,
                r.items,
                r.legalBasis,
                r.scenario,
                r.purpose,
                r.mode,
                r.validUntil,
                r.status,
                r.endorsedAt,
                r.dueAt,
                overdue,
                r.decidedAt,
                r.decisionReason,
                r.missing,
                r.grantId,
                r.createdAt,
                r.updatedAt,
                r.originalDueAt,
                r.extensionDays,
                r.extensionReason,
                r.extendedBy,
                r.extendedAt,
                r.deliveryDueAt);
    }

    GrantView view(AccessGrant g) {
        return new GrantView(
                g.id,
                g.requestId,
                g.resourceId,
                g.requesterDepartment,
                g.providerDepartment,
                g.clientId,
                g.items,
                g.rowScope,
                g.rawItems,
                g.purpose,
                g.mode,
                g.validFrom,
                g.validUntil,
                g.rateLimitPerMinute,
                g.status,
                g.statusReason,
                g.fixBy,
                g.updatedAt,
                g.disposalAttestedAt == null
                        ? null
                        : new Disposal(
                                g.disposalMethod,
                                g.disposalCompletedOn,
                                g.disposalStatement,
                                g.disposalAttestedBy,
                                g.disposalAttestedAt),
                g.disposalAttestedAt);
    }
}
