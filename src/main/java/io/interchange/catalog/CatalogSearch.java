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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        StringBuilder sql = new StringBuilder("select * from (select r.id, r.updated_at, ")
                .append(rank)
                .append(" as rank from catalog_resource r where ")
                .append(where)
                .append(") s");
        String after = Cursors.decode(query.cursor());
        if (after != null) {
            String[] parts = after.split("\\|", 3);
            if (parts.length != 3) {
                throw ApiException.badRequest("cursor is not a cursor this API returned", "cursor");
            }
            sql.append(" where (s.rank > :afterRank or (s.rank = :afterRank and (s.updated_at, s.id) < "
                    + "(cast(:afterUpdated as timestamptz), :afterId)))");
            try {
                params.put("afterRank", Integer.parseInt(parts[0]));
                params.put("afterUpdated", OffsetDateTime.parse(parts[1]).toString());
            } catch (RuntimeException e) {
                throw ApiException.badRequest("cursor is not a cursor this API returned", "cursor");
            }
            params.put("afterId", parts[2]);
        }
        sql.append(" order by s.rank, s.updated_at desc, s.id desc limit :limit");
        params.put("limit", query.limit() + 1);
        Query select = em.createNativeQuery(sql.toString());
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<String> ids =
                rows.stream().limit(query.limit()).map(r -> (String) r[0]).toList();
        Map<String, CatalogEntry> byId = ids.isEmpty()
                ? Map.of()
                : CatalogEntry.<CatalogEntry>list("id in ?1", ids).stream()
                        .collect(Collectors.toMap(e -> e.id, e -> e));
        List<CatalogEntry> ordered = ids.stream().map(byId::get).toList();
        String next = null;
        if (rows.size() > query.limit()) {
            Object[] last = rows.get(query.limit() - 1);
            CatalogEntry lastEntry = byId.get((String) last[0]);
            next = Cursors.encode(((Number) last[2]).intValue() + "|" + lastEntry.updatedAt + "|" + lastEntry.id);
        }
        return new Result(views.apply(ordered), facets(where, params), next);
    }

    private Map<String, Map<String, Long>> facets(String where, Map<String, Object> params) {
        String[][] facets = {
            {"provider", "r.provider_id"},
            {"sharingType", "r.sharing_type"},
            {"format", "r.format->>'category'"},
            {"updateCycle", "r.update_cycle"},
            {"level", "r.level"}
        };
        StringBuilder sql = new StringBuilder();
        for (String[] facet : facets) {
            sql.append("select '")
                    .append(facet[0])
                    .append("', ")
                    .append(facet[1])
                    .append(", count(*) from catalog_resource r where ")
                    .append(where)
                    .append(" group by 2 union all ");
        }
        sql.append("select 'mode', m.value, count(*) from catalog_resource r "
                        + "cross join lateral jsonb_array_elements_text(r.sharing_modes) m(value) where ")
                .append(where)
                .append(" group by 2");
        Query query = em.createNativeQuery(sql.toString());
        Set<String> used = Set.of(
                "own",
                "public",
                "status",
                "grams",
                "provider",
                "sharingType",
                "format",
                "mode",
                "updateCycle",
                "level");
        params.forEach((name, value) -> {
            if (used.contains(name) || name.startsWith("token")) {
                query.setParameter(name, value);
            }
        });
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        for (String name : List.of("provider", "sharingType", "format", "mode", "updateCycle", "level")) {
            result.put(name, new TreeMap<>());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            if (row[1] != null) {
                result.get((String) row[0]).put((String) row[1], ((Number) row[2]).longValue());
            }
        }
        return result;
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
