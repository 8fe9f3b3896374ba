package io.interchange.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.platform.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The transactional outbox: an event is a row written in the transaction of the change it announces, so it exists
 * exactly when the change committed. {@link WebhookDelivery} sends it later, outside any transaction.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    HubConfig config;

    /** Announces {@code type} to one department. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String department, EventType type, Map<String, ?> data) {
        return publish(Set.of(department), type, data);
    }

    /**
     * Announces {@code type} to each department named (nulls and repeats ignored): one delivery per department, all
     * sharing one event id. A department without a webhook gets its delivery marked UNDELIVERABLE, kept for the
     * record and never retried. Returns the event id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(Collection<String> departments, EventType type, Map<String, ?> data) {
        UUID eventId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(config.timeZone()).truncatedTo(ChronoUnit.MILLIS);
        Set<String> recipients = new LinkedHashSet<>();
        departments.stream().filter(Objects::nonNull).forEach(recipients::add);
        for (String department : recipients) {
            UUID deliveryId = UUID.randomUUID();
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("id", eventId.toString());
            envelope.put("type", type.name());
            envelope.put("occurredAt", now.toString());
            envelope.put("department", department);
            envelope.put("data", data);
            em.createNativeQuery("insert into outbox_delivery (id, event_id, department_id, event_type, payload,"
                            + " created_at, status, next_attempt_at) select ?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6,"
                            + " case when exists (select 1 from department_webhook w where w.department_id = ?3)"
                            + " then 'PENDING' else 'UNDELIVERABLE' end, ?6")
                    .setParameter(1, deliveryId)
                    .setParameter(2, eventId)
                    .setParameter(3, department)
                    .setParameter(4, type.name())
                    .setParameter(5, json(envelope))
                    .setParameter(6, now)
                    .executeUpdate();
        }
        return eventId;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable", e);
        }
    }
}
