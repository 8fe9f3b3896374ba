package io.interchange.catalog;

import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue search: gram-indexed text match in any script, filters, facet counts over the matching set, relevance
 * or recency order, keyset pages. Every input is a bound parameter; the SQL text is fixed per combination of filters.
 */
@ApplicationScoped
public class CatalogSearch {

    static final int MAX_QUERY_LENGTH = 200;

    /** The catalogue list response: {@code {items, facets, nextCursor}}. */
    public record Result(
            List<ResourceView> items,
            Map<String, Map<String, Long>> facets,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String nextCursor) {}

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.SUPPORTS)
    Result search(Caller caller, ResourceQuery query, Function<List<CatalogEntry>, List<ResourceView>> views) {
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, query, params);
        String normalised = query.q() == null ? "" : SearchText.normalise(query.q());
        boolean relevance =
                query.sort() == ResourceQuery.Sort.RELEVANCE || (query.sort() == null && !normalised.isEmpty());
        String rank = relevance && !normalised.isEmpty()
                ? "case when lower(r.name) = :exact or lower(coalesce(r.name_en, '')) = :exact then 0"
                        + " when lower(r.name) like :contains or lower(coalesce(r.name_en, '')) like :contains then 1"
                        + " else 2 end"
                : "0";
        if (!"0".equals(rank)) {
            params.put("exact", normalised);
            params.put("contains", "%" + escapeLike(normalised) + "%");
        }
        // One statement, one evaluation of the filter: the matching set is materialised once and both the page and
        // the facet counts are read from it (facets were six more scans of the same filter, most of a search's time).
        StringBuilder sql = new StringBuilder("with m as materialized (select r.id, r.updated_at, ")
                .append(rank)
                .append(" as rank, r.provider_id, r.sharing_type, r.format->>'category' as format, r.update_cycle,"
                        + " r.level, r.sharing_modes from catalog_resource r where ")
                .append(where)
                .append(") select 'page' as part, p.id as key, p.rank,"
                        + " row_number() over (order by p.rank, p.updated_at desc, p.id desc) as n"
                        + " from (select m.id, m.rank, m.updated_at from m");
        String after = Cursors.decode(query.cursor());
        if (after != null) {
            String[] parts = after.split("\\|", 3);
            if (parts.length != 3) {
                throw ApiException.badRequest("cursor is not a cursor this API returned", "cursor");
            }
            sql.append(" where (m.rank > :afterRank or (m.rank = :afterRank and (m.updated_at, m.id) < "
                    + "(cast(:afterUpdated as timestamptz), :afterId)))");
            try {
                params.put("afterRank", Integer.parseInt(parts[0]));
                params.put("afterUpdated", OffsetDateTime.parse(parts[1]).toString());
            } catch (RuntimeException e) {
                throw ApiException.badRequest("cursor is not a cursor this API returned", "cursor");
            }
            params.put("afterId", parts[2]);
        }
        sql.append(" order by m.rank, m.updated_at desc, m.id desc limit :limit) p")
                // Facets count the whole matching set, not the page: grouping sets give all five in one pass.
                .append(" union all select case when grouping(m.provider_id) = 0 then 'provider'"
                        + " when grouping(m.sharing_type) = 0 then 'sharingType'"
                        + " when grouping(m.format) = 0 then 'format'"
                        + " when grouping(m.update_cycle) = 0 then 'updateCycle' else 'level' end,"
                        + " coalesce(m.provider_id, m.sharing_type, m.format, m.update_cycle, m.level), null, count(*)"
                        + " from m group by grouping sets ((m.provider_id), (m.sharing_type), (m.format),"
                        + " (m.update_cycle), (m.level))")
                .append(" union all select 'mode', x.value, null, count(*)"
                        + " from m cross join lateral jsonb_array_elements_text(m.sharing_modes) x(value) group by 2");
        params.put("limit", query.limit() + 1);
        Query select = em.createNativeQuery(sql.toString());
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<Object[]> page = new ArrayList<>();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String name : List.of("provider", "sharingType", "format", "mode", "updateCycle", "level")) {
            facets.put(name, new TreeMap<>());
        }
        for (Object[] row : rows) {
            if ("page".equals(row[0])) {
                page.add(row);
            } else if (row[1] != null) {
                facets.get((String) row[0]).put((String) row[1], ((Number) row[3]).longValue());
            }
        }
        // A union keeps no order: the page's own row numbers restore it.
        page.sort(Comparator.comparingLong(r -> ((Number) r[3]).longValue()));
        List<String> ids =
                page.stream().limit(query.limit()).map(r -> (String) r[1]).toList();
        Map<String, CatalogEntry> byId = ids.isEmpty()
                ? Map.of()
                : CatalogEntry.<CatalogEntry>list("id in ?1", ids).stream()
                        .collect(Collectors.toMap(e -> e.id, e -> e));
        List<CatalogEntry> ordered = ids.stream().map(byId::get).toList();
        String next = null;
        if (page.size() > query.limit()) {
            Object[] last = page.get(query.limit() - 1);
            CatalogEntry lastEntry = byId.get((String) last[1]);
            next = Cursors.encode(((Number) last[2]).intValue() + "|" + lastEntry.updatedAt + "|" + lastEntry.id);
        }
        return new Result(views.apply(ordered), facets, next);
    }

    private static String where(Caller caller, ResourceQuery query, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (query.status() != null) {
            clauses.add("r.status = :status");
            params.put("status", query.status().name());
            if (query.status() != ResourceStatus.PUBLISHED
                    && query.status() != ResourceStatus.RETIRED
                    && !caller.is(Roles.HUB_ADMIN)) {
                clauses.add("r.provider_id = :own"); // drafts and reviews of other departments do not exist for you
                params.put("own", caller.department());
            }
        } else if (caller.is(Roles.HUB_ADMIN)) {
            clauses.add("r.status <> 'RETIRED'");
        } else {
            clauses.add("(r.status = 'PUBLISHED' or (r.provider_id = :own and r.status <> 'RETIRED'))");
            params.put("own", caller.department());
        }
        if (query.q() != null && !query.q().isBlank()) {
            if (query.q().indexOf('\u0000') >= 0) {
                throw ApiException.badRequest("q contains a NUL character", "q");
            }
            if (query.q().length() > MAX_QUERY_LENGTH) {
                throw ApiException.badRequest("q may be at most " + MAX_QUERY_LENGTH + " characters", "q");
            }
            List<String> tokens = SearchText.tokens(SearchText.normalise(query.q()));
            List<String> grams = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                grams.addAll(SearchText.queryGrams(tokens.get(i)));
                clauses.add("r.search_text like :token" + i);
                params.put("token" + i, "%" + escapeLike(tokens.get(i)) + "%");
            }
            if (!grams.isEmpty()) {
                clauses.add("r.search_grams @> cast(:grams as text[])");
                params.put("grams", toArrayLiteral(grams));
            }
        }
        filter(clauses, params, "provider", "r.provider_id", query.provider());
        filter(clauses, params, "sharingType", "r.sharing_type", query.sharingType());
        filter(clauses, params, "format", "r.format->>'category'", query.format());
        filter(clauses, params, "updateCycle", "r.update_cycle", query.updateCycle());
        filter(clauses, params, "level", "r.level", query.level());
        if (query.mode() != null) {
            clauses.add("r.sharing_modes @> cast(:mode as jsonb)");
            params.put("mode", "[\"" + query.mode().name() + "\"]");
        }
        return String.join(" and ", clauses);
    }

    private static void filter(
            List<String> clauses, Map<String, Object> params, String name, String column, Object value) {
        if (value != null) {
            clauses.add(column + " = :" + name);
            params.put(name, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    /** A PostgreSQL array literal, every element quoted and escaped: bound as one parameter, never spliced. */
    static String toArrayLiteral(List<String> values) {
        return values.stream()
                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
