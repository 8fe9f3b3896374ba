package io.interchange.catalog;

import io.interchange.access.AccessService;
import io.interchange.access.CalendarService;
import io.interchange.access.ObjectionService;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.CatalogTypes.SourceKind;
import io.interchange.catalog.CatalogTypes.UpdateCycle;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceParts.ProviderRef;
import io.interchange.directory.DepartmentService;
import io.interchange.directory.DepartmentView;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import io.interchange.platform.Roles;
import io.interchange.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class CatalogService {

    @Inject
    EntityManager em;

    @Inject
    DepartmentService departments;

    @Inject
    LedgerService ledger;

    @Inject
    AccessService access;

    @Inject
    CalendarService calendar;

    /** Open objections put a resource "under verification" (R25 Art. 26). */
    @Inject
    ObjectionService objections;

    @Inject
    io.interchange.platform.HubConfig config;

    @Inject
    io.interchange.exchange.upstream.UpstreamHostService upstreamHosts;

    @Inject
    io.interchange.platform.SecretBox secrets;

    /** R25-era practice: the authority reviews a submission within 2 working days. */
    static final int REVIEW_WORKING_DAYS = 2;

    /** A view with the entity tag that {@code If-Match} must repeat. */
    public record Tagged(ResourceView view, String etag) {}

    /** A steward drafts a resource for their own department. */
    public ResourceView create(Caller caller, ResourceCommand command) {
        DepartmentView provider = departments.requireCallerDepartment(caller.department());
        return create(provider, command, caller.actor());
    }

    ResourceView create(DepartmentView provider, ResourceCommand command, String actor) {
        ResourceRules.validate(command);
        upstreamHosts.checkSource(provider.id(), command);
        if (CatalogEntry.count(
                        "providerId = ?1 and name = ?2",
                        provider.id(),
                        command.name().strip())
                > 0) {
            throw ApiException.invalid("name", "is already used by another resource of " + provider.id());
        }
        String prefix = command.classification().prefix();
        int sequence = nextSequence(prefix);
        if (sequence > 999_999) {
            throw ApiException.conflict(
                    ErrorCode.CODE_SPACE_EXHAUSTED, "classification " + prefix + " has no codes left");
        }
        String code = prefix + "/" + String.format("%06d", sequence);
        CatalogEntry entry = new CatalogEntry();
        entry.id = code.replace('/', '-');
        entry.code = code;
        entry.providerId = provider.id();
        entry.status = ResourceStatus.DRAFT;
        entry.version = 1;
        entry.createdBy = actor;
        entry.createdAt = OffsetDateTime.now();
        apply(entry, sealCredential(command, entry.id, null));
        entry.persist();
        ledger.appendAdmin(
                actor,
                provider.id(),
                "RESOURCE_CREATE",
                "resource",
                entry.id,
                Map.of("status", "DRAFT", "name", entry.name));
        return view(entry, provider, false);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ResourceView get(Caller caller, String id) {
        return view(visible(caller, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Tagged getTagged(Caller caller, String id) {
        CatalogEntry entry = visible(caller, id);
        return new Tagged(view(entry), etag(entry));
    }

    /**
     * The owning steward replaces the definition. Drafts change in place; for a published resource, descriptive
     * metadata takes effect at once as a new version, while items and sharing attributes wait for review with the
     * published definition still in force. Changes that would break grants in force are refused with 409.
     */
    public Tagged update(Caller caller, String id, String ifMatch, ResourceCommand command) {
        CatalogEntry entry = ownedBySteward(caller, id);
        requireMatch(entry, ifMatch);
        ResourceRules.validate(command);
        upstreamHosts.checkSource(entry.providerId, command);
        command = sealCredential(
                command, entry.id, entry.pending != null ? entry.pendingUpstreamCredential : entry.upstreamCredential);
        if (!entry.classification.prefix().equals(command.classification().prefix())) {
            throw ApiException.invalid(
                    "classification", "cannot change after creation (the code depends on it); draft a new resource");
        }
        if (!entry.name.equals(command.name().strip())
                && CatalogEntry.count(
                                "providerId = ?1 and name = ?2",
                                entry.providerId,
                                command.name().strip())
                        > 0) {
            throw ApiException.invalid("name", "is already used by another resource of " + entry.providerId);
        }
        ResourceCommand before = snapshot(entry);
        ResourceCommand after = normalised(command);
        List<String> changed = ResourceChanges.changed(before, after);
        switch (entry.status) {
            case DRAFT, REJECTED -> {
                apply(entry, after);
                audit(caller, entry, "RESOURCE_UPDATE", Map.of("changes", changed));
            }
            case PUBLISHED -> {
                if (changed.isEmpty()) {
                    break;
                }
                if (ResourceChanges.needsReview(changed)) {
                    Map<String, List<String>> granted = new HashMap<>();
                    access.liveGrants(id).forEach(g -> granted.put(g.id().toString(), g.items()));
                    List<FieldError> breaks = ResourceChanges.breaks(before, after, granted);
                    if (!breaks.isEmpty()) {
                        throw new ApiException(
                                ErrorCode.BREAKS_GRANTS,
                                breaks.size() + " grant(s) in force would break; end them or keep the items",
                                breaks);
                    }
                    entry.pending = after;
                    entry.pendingUpstreamCredential = credentialOf(after);
                    entry.pendingBy = caller.actor();
                    entry.pendingSince = OffsetDateTime.now();
                    touch(entry);
                    audit(caller, entry, "RESOURCE_CHANGE_SUBMIT", Map.of("changes", changed));
                } else {
                    apply(entry, after);
                    entry.version++;
                    recordVersion(entry, "METADATA", caller.actor(), changed);
                    audit(caller, entry, "RESOURCE_UPDATE", Map.of("changes", changed, "version", entry.version));
                }
            }
            default ->
                throw ApiException.conflict(
                        ErrorCode.INVALID_STATUS, "resource " + id + " cannot be changed in status " + entry.status);
        }
        em.flush();
        return new Tagged(view(entry), etag(entry));
    }

    /** Retiring ends every grant on the resource, with the reason recorded on each. */
    public Tagged retire(Caller caller, String id, String reason) {
        new Validation().requireText(reason, "reason", 2000).throwIfInvalid();
        CatalogEntry entry = caller.is(Roles.HUB_ADMIN)
                ? CatalogEntry.<CatalogEntry>findByIdOptional(id)
                        .orElseThrow(() -> ApiException.notFound("resource", id))
                : ownedBySteward(caller, id);
        requireStatus(entry, "retire", ResourceStatus.PUBLISHED);
        entry.status = ResourceStatus.RETIRED;
        entry.retiredAt = OffsetDateTime.now();
        entry.retireReason = reason.strip();
        entry.pending = null;
        entry.pendingUpstreamCredential = null;
        touch(entry);
        int ended = access.endGrantsForResource(
                id, "resource retired: " + entry.retireReason, caller.actor(), caller.department());
        audit(caller, entry, "RESOURCE_RETIRE", Map.of("reason", entry.retireReason, "grantsEnded", ended));
        em.flush();
        return new Tagged(view(entry), etag(entry));
    }

    /** Published definitions, newest first: who, when, what changed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VersionView> versions(Caller caller, String id) {
        visible(caller, id);
        return ResourceVersion.<ResourceVersion>find("resourceId = ?1 order by version desc", id).list().stream()
                .map(v -> new VersionView(v.version, v.kind, v.changedBy, v.changedAt, v.changes))
                .toList();
    }

    /** One entry of {@code GET …/versions}. */
    public record VersionView(
            int version, String kind, String changedBy, OffsetDateTime changedAt, List<String> changes) {}

    @Inject
    CatalogSearch search;

    /**
     * Published resources for everyone, plus the caller's own drafts and reviews (hub-admin: all); retired ones only
     * when asked for by status. With facet counts over the matching set.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CatalogSearch.Result list(Caller caller, ResourceQuery query) {
        return search.search(caller, query, this::views);
    }

    public ResourceView submit(Caller caller, String id) {
        CatalogEntry entry = ownedBySteward(caller, id);
        requireStatus(entry, "submit", ResourceStatus.DRAFT, ResourceStatus.REJECTED);
        entry.status = ResourceStatus.SUBMITTED;
        entry.submittedAt = OffsetDateTime.now();
        entry.rejectReason = null;
        touch(entry);
        ledger.appendAdmin(
                caller.actor(), caller.department(), "RESOURCE_SUBMIT", "resource", id, Map.of("status", "SUBMITTED"));
        return view(entry);
    }

    /** Publishes a submitted resource, or applies the reviewed change of a published one as its next version. */
    public ResourceView publish(Caller caller, String id) {
        CatalogEntry entry = reviewable(id);
        if (entry.status == ResourceStatus.PUBLISHED) {
            ResourceCommand before = snapshot(entry);
            // the pending JSON never holds the credential (write-only): it waits sealed beside it
            ResourceCommand pending = withCredential(entry.pending, entry.pendingUpstreamCredential);
            List<String> changed = ResourceChanges.changed(before, pending);
            apply(entry, pending);
            entry.pending = null;
            entry.pendingUpstreamCredential = null;
            entry.pendingBy = null;
            entry.pendingSince = null;
            entry.version++;
            recordVersion(entry, "REVIEWED", caller.actor(), changed);
            audit(caller, entry, "RESOURCE_CHANGE_PUBLISH", Map.of("changes", changed, "version", entry.version));
            return view(entry);
        }
        entry.status = ResourceStatus.PUBLISHED;
        entry.publishedAt = OffsetDateTime.now();
        touch(entry);
        recordVersion(entry, "PUBLISHED", caller.actor(), List.of());
        audit(caller, entry, "RESOURCE_PUBLISH", Map.of("status", "PUBLISHED"));
        return view(entry);
    }

    public ResourceView reject(Caller caller, String id, String reason) {
        new Validation().requireText(reason, "reason", 2000).throwIfInvalid();
        CatalogEntry entry = reviewable(id);
        entry.rejectReason = reason.strip();
        if (entry.status == ResourceStatus.PUBLISHED) {
            entry.pending = null; // the published definition stays as it is
            entry.pendingUpstreamCredential = null;
        } else {
            entry.status = ResourceStatus.REJECTED;
        }
        touch(entry);
        audit(caller, entry, "RESOURCE_REJECT", Map.of("status", entry.status.name(), "reason", entry.rejectReason));
        return view(entry);
    }

    /**
     * For other features: the resource as catalogued, without visibility rules (they apply their own). It sits on the
     * exchange path, so it skips the objection lookup: {@code underVerification} is always false here — read it
     * through {@link #get} or {@link #list}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ResourceView> find(String id) {
        return CatalogEntry.<CatalogEntry>findByIdOptional(id).map(e -> view(e, departments.get(e.providerId), false));
    }

    /** Every published resource, in code order: what the public catalogue exports (DCAT-AP) describe. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ResourceView> published() {
        return views(CatalogEntry.<CatalogEntry>find("status = ?1 order by id", ResourceStatus.PUBLISHED)
                .list());
    }

    /** Freshness of one provider's published catalogue (R25 Art. 38): how much of it is updated on its cycle. */
    public record FreshnessStats(
            String department,
            int publishedResources,
            int freshResources,
            int staleResources,
            Double onTimeRate,
            List<String> staleResourceIds,
            OffsetDateTime lastDataUpdateAt) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public FreshnessStats freshness(String departmentId) {
        departments.get(departmentId);
        List<CatalogEntry> published = CatalogEntry.<CatalogEntry>find(
                        "providerId = ?1 and status = ?2 order by id", departmentId, ResourceStatus.PUBLISHED)
                .list();
        List<String> stale =
                published.stream().filter(CatalogService::stale).map(e -> e.id).toList();
        OffsetDateTime last = published.stream()
                .map(e -> e.lastDataUpdateAt)
                .filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder())
                .orElse(null);
        int fresh = published.size() - stale.size();
        Double rate = published.isEmpty() ? null : Math.round(fresh * 1000.0 / published.size()) / 1000.0;
        return new FreshnessStats(departmentId, published.size(), fresh, stale.size(), rate, stale, last);
    }

    /** Hosted data was replaced or extended: the resource's freshness clock restarts. */
    public void markDataUpdated(String id, OffsetDateTime at) {
        CatalogEntry entry = CatalogEntry.findById(id);
        if (entry != null) {
            entry.lastDataUpdateAt = at;
        }
    }

    /** Seed import: finds a resource of this provider by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<ResourceView> findByName(String providerId, String name) {
        return CatalogEntry.<CatalogEntry>find("providerId = ?1 and name = ?2", providerId, name)
                .firstResultOptional()
                .map(e -> view(e, departments.get(e.providerId), false));
    }

    /** Seed import: the demo catalogue is published as the authority would after review. */
    ResourceView seedPublished(DepartmentView provider, ResourceCommand command) {
        ResourceView draft = create(provider, command, "seed");
        CatalogEntry entry = CatalogEntry.findById(draft.id());
        entry.status = ResourceStatus.PUBLISHED;
        entry.submittedAt = entry.createdAt;
        entry.publishedAt = entry.createdAt;
        recordVersion(entry, "PUBLISHED", "seed", List.of());
        ledger.appendAdmin(
                "seed", provider.id(), "RESOURCE_PUBLISH", "resource", entry.id, Map.of("status", "PUBLISHED"));
        return view(entry, provider, false);
    }

    private CatalogEntry visible(Caller caller, String id) {
        CatalogEntry entry = CatalogEntry.findById(id);
        if (entry == null) {
            throw ApiException.notFound("resource", id);
        }
        boolean isPublic = entry.status == ResourceStatus.PUBLISHED || entry.status == ResourceStatus.RETIRED;
        if (!isPublic && !caller.is(Roles.HUB_ADMIN) && !entry.providerId.equals(caller.department())) {
            throw ApiException.notFound("resource", id); // another department's draft does not exist for the caller
        }
        return entry;
    }

    /** A steward acts only on their own department's resources; others see 404 for drafts, 403 for public ones. */
    private CatalogEntry ownedBySteward(Caller caller, String id) {
        CatalogEntry entry = visible(caller, id);
        if (!entry.providerId.equals(caller.department())) {
            throw ApiException.forbidden(ErrorCode.NOT_OWNER, "resource " + id + " belongs to " + entry.providerId);
        }
        return entry;
    }

    private CatalogEntry reviewable(String id) {
        CatalogEntry entry = CatalogEntry.<CatalogEntry>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("resource", id));
        if (entry.status == ResourceStatus.PUBLISHED && entry.pending != null) {
            return entry;
        }
        requireStatus(entry, "review", ResourceStatus.SUBMITTED);
        return entry;
    }

    private void requireMatch(CatalogEntry entry, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(
                    ErrorCode.PRECONDITION_REQUIRED, "send If-Match with the ETag of the resource you read");
        }
        String current = etag(entry);
        boolean matches = java.util.Arrays.stream(ifMatch.split(","))
                .map(String::strip)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals("*") || t.equals(current));
        if (!matches) {
            throw new ApiException(
                    ErrorCode.PRECONDITION_FAILED,
                    "resource " + entry.id + " changed since you read it; its ETag is now " + current);
        }
    }

    static String etag(CatalogEntry entry) {
        return "\"" + entry.id + "." + entry.rowVersion + "\"";
    }

    private void recordVersion(CatalogEntry entry, String kind, String actor, List<String> changed) {
        ResourceVersion version = new ResourceVersion();
        version.resourceId = entry.id;
        version.version = entry.version;
        version.kind = kind;
        version.changedBy = actor;
        version.changedAt = OffsetDateTime.now();
        version.changes = changed;
        version.definition = snapshot(entry);
        version.persist();
    }

    private void audit(Caller caller, CatalogEntry entry, String action, Map<String, ?> summary) {
        ledger.appendAdmin(
                caller.actor(), caller.department(), entry.providerId, action, "resource", entry.id, summary);
    }

    /** The current definition as a command: what versions store and what updates are compared with. */
    static ResourceCommand snapshot(CatalogEntry e) {
        return new ResourceCommand(
                e.name,
                e.nameEn,
                e.summary,
                e.summaryEn,
                e.classification,
                e.format,
                e.items,
                e.sharingType,
                e.sharingConditions,
                e.notSharedReason,
                e.legalBasis,
                e.sharingModes,
                e.openToPublic,
                e.openCondition,
                e.updateCycle,
                e.usageConditions,
                false,
                e.relatedCodes,
                e.tags,
                e.contact,
                source(e));
    }

    /** A validated command in stored form, so that comparing it with a snapshot sees only real changes. */
    static ResourceCommand normalised(ResourceCommand c) {
        CatalogEntry scratch = new CatalogEntry();
        scratch.classification = c.classification();
        apply(scratch, c);
        return snapshot(scratch);
    }

    private static void requireStatus(CatalogEntry entry, String action, ResourceStatus... allowed) {
        for (ResourceStatus status : allowed) {
            if (entry.status == status) {
                return;
            }
        }
        throw ApiException.conflict(
                ErrorCode.INVALID_STATUS,
                "cannot " + action + " resource " + entry.id + " in status " + entry.status + "; allowed from "
                        + java.util.Arrays.toString(allowed));
    }

    private int nextSequence(String prefix) {
        Object value = em.createNativeQuery(
                        "insert into catalog_code_sequence (prefix, last_value) values (:prefix, 1) "
                                + "on conflict (prefix) do update set last_value = catalog_code_sequence.last_value + 1 "
                                + "returning last_value")
                .setParameter("prefix", prefix)
                .getSingleResult();
        return ((Number) value).intValue();
    }

    private static void apply(CatalogEntry entry, ResourceCommand c) {
        entry.name = c.name().strip();
        entry.nameEn = c.nameEn();
        entry.summary = c.summary().strip();
        entry.summaryEn = c.summaryEn();
        entry.classification = c.classification();
        entry.format = c.format();
        entry.items = c.items().stream().map(DataItem::normalised).toList();
        entry.level = ResourceRules.level(entry.items);
        entry.sharingType = c.sharingType();
        entry.sharingConditions = c.sharingType() == SharingType.CONDITIONAL ? c.sharingConditions() : null;
        entry.notSharedReason = c.notSharedReason();
        entry.legalBasis = c.legalBasis();
        entry.sharingModes = c.sharingModes() == null ? List.of() : List.copyOf(c.sharingModes());
        entry.openToPublic = Boolean.TRUE.equals(c.openToPublic());
        entry.openCondition = c.openCondition();
        entry.updateCycle = c.updateCycle();
        entry.usageConditions = c.usageConditions().strip();
        entry.relatedCodes = c.relatedCodes() == null ? List.of() : List.copyOf(c.relatedCodes());
        entry.tags = c.tags() == null ? List.of() : List.copyOf(c.tags());
        entry.contact = c.contact();
        boolean upstream = c.source() != null
                && c.source().kind() == SourceKind.UPSTREAM
                && c.source().endpoint() != null;
        entry.sourceKind = upstream ? SourceKind.UPSTREAM : SourceKind.HOSTED;
        entry.upstream = upstream ? normalisedEndpoint(c.source().endpoint()).withCredential(null) : null;
        entry.upstreamCredential = upstream ? c.source().endpoint().credential() : null;
        entry.updatedAt = OffsetDateTime.now();
        entry.searchText = SearchText.of(entry);
        entry.searchGrams = SearchText.grams(entry.searchText).toArray(String[]::new);
    }

    /** The stored source, with the sealed credential (which a response never shows: it is write-only). */
    private static ResourceParts.Source source(CatalogEntry e) {
        return new ResourceParts.Source(
                e.sourceKind, e.upstream == null ? null : e.upstream.withCredential(e.upstreamCredential));
    }

    /** Defaults filled in, so an endpoint posted back unchanged compares equal. */
    private static ResourceParts.Endpoint normalisedEndpoint(ResourceParts.Endpoint e) {
        return new ResourceParts.Endpoint(
                e.urlTemplate(),
                e.method() == null ? "GET" : e.method(),
                e.headers() == null ? Map.of() : new java.util.TreeMap<>(e.headers()),
                e.credential(),
                e.timeoutMs() == null
                        ? io.interchange.exchange.upstream.UpstreamConfig.DEFAULT_TIMEOUT_MS
                        : e.timeoutMs(),
                e.maxResponseBytes() == null
                        ? io.interchange.exchange.upstream.UpstreamConfig.DEFAULT_MAX_RESPONSE_BYTES
                        : e.maxResponseBytes());
    }

    /**
     * Swaps a plaintext credential for its sealed form (context {@code upstream:<id>}) before anything is stored or
     * compared: a missing credential keeps {@code current}, an empty one removes it.
     */
    private ResourceCommand sealCredential(ResourceCommand c, String id, String current) {
        if (c.source() == null
                || c.source().kind() != SourceKind.UPSTREAM
                || c.source().endpoint() == null) {
            return c;
        }
        ResourceParts.Endpoint endpoint = c.source().endpoint();
        String sealed = endpoint.credential() == null
                ? current
                : endpoint.credential().isEmpty() ? null : secrets.seal(endpoint.credential(), "upstream:" + id);
        return c.withSource(new ResourceParts.Source(SourceKind.UPSTREAM, endpoint.withCredential(sealed)));
    }

    private static String credentialOf(ResourceCommand c) {
        return c.source() == null || c.source().endpoint() == null
                ? null
                : c.source().endpoint().credential();
    }

    private static ResourceCommand withCredential(ResourceCommand c, String sealed) {
        if (c.source() == null || c.source().endpoint() == null) {
            return c;
        }
        return c.withSource(new ResourceParts.Source(
                c.source().kind(), c.source().endpoint().withCredential(sealed)));
    }

    private static void touch(CatalogEntry entry) {
        entry.updatedAt = OffsetDateTime.now();
    }

    private ResourceView view(CatalogEntry entry) {
        return view(entry, departments.get(entry.providerId), objections.underVerification(entry.id));
    }

    /** A page of views: one query tells which of them are under verification. */
    private List<ResourceView> views(List<CatalogEntry> entries) {
        java.util.Set<String> checking =
                objections.underVerification(entries.stream().map(e -> e.id).toList());
        return entries.stream()
                .map(e -> view(e, departments.get(e.providerId), checking.contains(e.id)))
                .toList();
    }

    private ResourceView view(CatalogEntry e, DepartmentView provider, boolean underVerification) {
        return new ResourceView(
                e.id,
                e.code,
                e.status,
                e.version,
                e.name,
                e.nameEn,
                e.summary,
                e.summaryEn,
                e.classification,
                new ProviderRef(provider.id(), provider.code(), provider.name()),
                e.format,
                new ArrayList<>(e.items),
                e.level,
                e.sharingType,
                e.sharingConditions,
                e.notSharedReason,
                e.legalBasis,
                e.sharingModes,
                e.openToPublic,
                e.openCondition,
                e.updateCycle,
                e.usageConditions,
                false,
                e.relatedCodes,
                e.tags,
                e.contact,
                source(e),
                e.rejectReason,
                e.publishedAt,
                e.updatedAt,
                e.lastDataUpdateAt,
                stale(e),
                underVerification,
                e.pending != null,
                reviewDue(e),
                e.retiredAt,
                e.retireReason);
    }

    /** Submissions and pending changes are reviewed within 2 working days of their submission. */
    private java.time.LocalDate reviewDue(CatalogEntry e) {
        OffsetDateTime since =
                e.status == ResourceStatus.SUBMITTED ? e.submittedAt : e.pending != null ? e.pendingSince : null;
        if (since == null) {
            return null;
        }
        return calendar.due(since.atZoneSameInstant(config.timeZone()).toLocalDate(), REVIEW_WORKING_DAYS);
    }

    /** R25 Art. 38 freshness: published data older than its update cycle is stale. */
    static boolean stale(CatalogEntry e) {
        if (e.status != ResourceStatus.PUBLISHED || e.updateCycle == UpdateCycle.IRREGULAR) {
            return false;
        }
        if (e.sourceKind == SourceKind.UPSTREAM) {
            return false; // answered live by the provider's own API: there is no copy to go stale
        }
        if (e.lastDataUpdateAt == null) {
            return true;
        }
        Duration period = switch (e.updateCycle) {
            case REALTIME, DAILY -> Duration.ofDays(1);
            case WEEKLY -> Duration.ofDays(7);
            case MONTHLY -> Duration.ofDays(31);
            case QUARTERLY -> Duration.ofDays(92);
            case HALF_YEARLY -> Duration.ofDays(183);
            case YEARLY -> Duration.ofDays(366);
            case IRREGULAR -> Duration.ofDays(Long.MAX_VALUE / 86_400_000L);
        };
        return e.lastDataUpdateAt.plus(period).isBefore(OffsetDateTime.now());
    }
}
