package io.interchange.exchange;

import io.interchange.access.AccessService;
import io.interchange.access.AccessService.GrantLookup;
import io.interchange.access.AccessViews.GrantView;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.AuthorizationChanges;
import io.interchange.platform.AuthorizationChanges.AuthorizationChanged;
import io.interchange.platform.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What authorises an exchange, kept per node so a query does not re-read the resource, its provider and the grants
 * each time: the resource as catalogued, and the grants a (department, application, resource) could use. Entries are
 * dropped when {@link AuthorizationChanges} says the resource or one of its grants changed — on this node right after
 * the commit, on every node by LISTEN/NOTIFY — and are never older than the configured TTL. Whether a grant is in force
 * today (valid from/until) is decided at each use, not cached. While the change listener is disconnected nothing is
 * cached: every call reads the database.
 */
@ApplicationScoped
public class GrantCache {

    @Inject
    CatalogService catalog;

    @Inject
    AccessService access;

    @Inject
    AuthorizationChanges changes;

    @Inject
    io.interchange.access.CalendarService calendar;

    @Inject
    HubConfig config;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private record Entry<T>(T value, long loadedAt) {}

    private record GrantKey(String department, String clientId, String resourceId) {}

    private final ConcurrentHashMap<String, Entry<ResourceView>> resources = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<GrantKey, Entry<List<GrantView>>> grants = new ConcurrentHashMap<>();

    /**
     * Moves on every change notice, per stripe of resource ids; a load that saw its stripe move while it read the
     * database does not keep its result. Striped so that busy changes elsewhere rarely stop a resource being cached.
     */
    private final AtomicLongArray generations = new AtomicLongArray(64);

    /** The resource as catalogued, or empty when there is none. */
    public Optional<ResourceView> resource(String id) {
        ResourceView cached = cachedResource(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        count("resource", false);
        long before = generation(id);
        Optional<ResourceView> found = catalog.find(id);
        found.ifPresent(view -> keep(resources, id, id, view, before));
        return found;
    }

    /** The resource when it is cached (the event loop's way: no read), else null. */
    public ResourceView cachedResource(String id) {
        Entry<ResourceView> cached = usable(resources.get(id));
        if (cached == null) {
            return null;
        }
        count("resource", true);
        return cached.value();
    }

    /** The grant this department's application may use on the resource today, or the refusal code. */
    public GrantLookup lookup(String department, String clientId, String resourceId) {
        GrantLookup cached = cachedLookup(department, clientId, resourceId);
        if (cached != null) {
            return cached;
        }
        count("grant", false);
        long before = generation(resourceId);
        List<GrantView> candidates = access.grantCandidates(department, clientId, resourceId);
        keep(grants, new GrantKey(department, clientId, resourceId), resourceId, candidates, before);
        return AccessService.decide(candidates, calendar.today());
    }

    /** {@link #lookup} when the grants are cached, else null (no read). */
    public GrantLookup cachedLookup(String department, String clientId, String resourceId) {
        Entry<List<GrantView>> cached = usable(grants.get(new GrantKey(department, clientId, resourceId)));
        if (cached == null) {
            return null;
        }
        count("grant", true);
        return AccessService.decide(cached.value(), calendar.today());
    }

    /** Drops what a change may have made wrong: everything of the resource, or everything. */
    void changed(@Observes AuthorizationChanged change) {
        // Bumped before removing, so a load racing this removal discards its own result.
        if (change.everything()) {
            for (int i = 0; i < generations.length(); i++) {
                generations.incrementAndGet(i);
            }
            resources.clear();
            grants.clear();
        } else {
            generations.incrementAndGet(stripe(change.resourceId()));
            resources.remove(change.resourceId());
            grants.keySet().removeIf(key -> key.resourceId().equals(change.resourceId()));
        }
    }

    /** Whether anything is cached for the resource (for tests and diagnostics). */
    public boolean holds(String resourceId) {
        return resources.containsKey(resourceId)
                || grants.keySet().stream().anyMatch(key -> key.resourceId().equals(resourceId));
    }

    /** {@code interchange.grant.cache{kind=resource|grant, result=hit|miss}} at /q/metrics. */
    private void count(String kind, boolean hit) {
        // looked up once per tag set: a registry lookup sorts and compares tags, twice per exchange
        counters.computeIfAbsent(
                        kind + (hit ? ":hit" : ":miss"),
                        k -> metrics.counter("interchange.grant.cache", "kind", kind, "result", hit ? "hit" : "miss"))
                .increment();
    }

    private final ConcurrentHashMap<String, io.micrometer.core.instrument.Counter> counters = new ConcurrentHashMap<>();

    private <T> Entry<T> usable(Entry<T> entry) {
        if (entry == null || !changes.live() || !config.exchange().grantCache().enabled()) {
            return null;
        }
        long age = System.nanoTime() - entry.loadedAt();
        return age < config.exchange().grantCache().ttl().toNanos() ? entry : null;
    }

    private static int stripe(String resourceId) {
        return resourceId.hashCode() & 63;
    }

    private long generation(String resourceId) {
        return generations.get(stripe(resourceId));
    }

    private <K, T> void keep(ConcurrentHashMap<K, Entry<T>> map, K key, String resourceId, T value, long before) {
        if (!changes.live() || !config.exchange().grantCache().enabled()) {
            return;
        }
        Entry<T> entry = new Entry<>(value, System.nanoTime());
        map.put(key, entry);
        // A change noticed while this was read from the database may predate the read or not: do not trust it. The
        // notice handler bumps the generation before it removes, so either it sees this entry or this check sees it.
        if (generation(resourceId) != before || !changes.live()) {
            map.remove(key, entry);
            return;
        }
        bound(map);
    }

    /** Over the bound, drop arbitrary entries: a miss costs one read, and changes are what must never be missed. */
    private <K, T> void bound(ConcurrentHashMap<K, Entry<T>> map) {
        int max = config.exchange().grantCache().maxEntries();
        if (map.size() <= max) {
            return;
        }
        Iterator<K> keys = map.keySet().iterator();
        int excess = map.size() - max + max / 10;
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
