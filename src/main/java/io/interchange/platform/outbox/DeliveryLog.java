package io.interchange.platform.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.interchange.platform.ApiException;
import io.interchange.platform.Cursors;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A department's deliveries, newest first, each with every attempt made: what its data officer reads. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DeliveryLog {

    private static final String COLUMNS = "select id, event_id, event_type, status, attempts, created_at,"
            + " next_attempt_at, finished_at, last_error, seq";

    static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "DEAD", "UNDELIVERABLE");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int attempt, OffsetDateTime at, Integer statusCode, String error, int durationMs) {}

    public record DeliveryView(
            UUID id,
            UUID eventId,
            String eventType,
            String status,
            int attempts,
            OffsetDateTime createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime nextAttemptAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime finishedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String lastError,
            List<AttemptView> attemptLog) {}

    @Inject
    EntityManager em;

    @Inject
    HubConfig config;

    public Page<DeliveryView> list(String department, String status, int limit, String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + STATUSES, "status");
        }
        String position = Cursors.decode(cursor);
        Long afterSeq = null;
        if (position != null) {
            try {
                afterSeq = Long.parseLong(position);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("cursor is not a cursor this API returned", "cursor");
            }
        }
        StringBuilder sql = new StringBuilder(COLUMNS + " from outbox_delivery where department_id = :dept");
        if (status != null) {
            sql.append(" and status = :status");
        }
        if (afterSeq != null) {
            sql.append(" and seq < :afterSeq");
        }
        sql.append(" order by seq desc limit :limit");
        Query query = em.createNativeQuery(sql.toString())
                .setParameter("dept", department)
                .setParameter("limit", limit + 1);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (afterSeq != null) {
            query.setParameter("afterSeq", afterSeq);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<Object[]> page = more ? rows.subList(0, limit) : rows;
        List<DeliveryView> items = views(page);
        String next = null;
        if (more) {
            Object[] last = page.get(page.size() - 1);
            next = Cursors.encode(String.valueOf(((Number) last[9]).longValue()));
        }
        return new Page<>(items, next);
    }

    /** One of the department's deliveries; another department's is not found. */
    public Optional<DeliveryView> find(String department, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        COLUMNS + " from outbox_delivery where department_id = ?1 and id = ?2")
                .setParameter(1, department)
                .setParameter(2, id)
                .getResultList();
        return views(rows).stream().findFirst();
    }

    private List<DeliveryView> views(List<Object[]> rows) {
        Map<UUID, List<AttemptView>> attempts =
                attempts(rows.stream().map(r -> (UUID) r[0]).toList());
        List<DeliveryView> items = new ArrayList<>();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            String rowStatus = (String) r[3];
            items.add(new DeliveryView(
                    id,
                    (UUID) r[1],
                    (String) r[2],
                    rowStatus,
                    ((Number) r[4]).intValue(),
                    time(r[5]),
                    "PENDING".equals(rowStatus) ? time(r[6]) : null,
                    time(r[7]),
                    (String) r[8],
                    attempts.getOrDefault(id, List.of())));
        }
        return items;
    }

    private Map<UUID, List<AttemptView>> attempts(List<UUID> ids) {
        Map<UUID, List<AttemptView>> byDelivery = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byDelivery;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select delivery_id, attempt, at, status_code, error, duration_ms"
                        + " from outbox_attempt where delivery_id in (:ids) order by delivery_id, attempt")
                .setParameter("ids", ids)
                .getResultList();
        for (Object[] r : rows) {
            byDelivery
                    .computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                    .add(new AttemptView(
                            ((Number) r[1]).intValue(),
                            time(r[2]),
                            r[3] == null ? null : ((Number) r[3]).intValue(),
                            (String) r[4],
                            ((Number) r[5]).intValue()));
        }
        return byDelivery;
    }

    private OffsetDateTime time(Object value) {
        return Webhooks.offset(value, config.timeZone());
    }
}
