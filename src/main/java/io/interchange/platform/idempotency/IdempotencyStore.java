package io.interchange.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.platform.ApiException;
import io.interchange.platform.ErrorCode;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The remembered keys: claimed before a request runs, completed in its transaction, released when it fails. */
@ApplicationScoped
public class IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    /** Who sent a key: keys of different callers never meet. */
    public record Scope(String clientId, String department, String key) {}

    /** A stored success: status, the headers worth repeating, the JSON body. */
    public record Stored(int status, Map<String, String> headers, String body) {}

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    IdempotencyConfig config;

    /**
     * Claims the key for a request with this hash, committing at once so a concurrent retry sees the claim. Returns
     * the stored response when the same request already succeeded; empty when the caller should run the request.
     * Throws 422 when the key was used for another request, 409 while the first is still running.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Stored> claim(Scope scope, String hash) {
        OffsetDateTime now = OffsetDateTime.now();
        int inserted = em.createNativeQuery("insert into idempotency_key (client_id, department, key, request_hash,"
                        + " state, created_at, expires_at) values (?1, ?2, ?3, ?4, 'IN_FLIGHT', ?5, ?6)"
                        + " on conflict do nothing")
                .setParameter(1, scope.clientId())
                .setParameter(2, scope.department())
                .setParameter(3, scope.key())
                .setParameter(4, hash)
                .setParameter(5, now)
                .setParameter(6, now.plus(config.retention()))
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select request_hash, state, created_at < ?4, expires_at < ?5,"
                        + " response_status, cast(response_headers as text), response_body from idempotency_key"
                        + " where client_id = ?1 and department = ?2 and key = ?3 for update")
                .setParameter(1, scope.clientId())
                .setParameter(2, scope.department())
                .setParameter(3, scope.key())
                .setParameter(4, now.minus(config.inFlightTimeout()))
                .setParameter(5, now)
                .getResultList();
        if (rows.isEmpty()) {
            // Released between our insert and select: the key is free again.
            return claim(scope, hash);
        }
        Object[] row = rows.get(0);
        boolean inFlight = "IN_FLIGHT".equals(row[1]);
        boolean abandoned = inFlight && Boolean.TRUE.equals(row[2]);
        if (Boolean.TRUE.equals(row[3]) || abandoned) {
            em.createNativeQuery("update idempotency_key set request_hash = ?4, state = 'IN_FLIGHT',"
                            + " response_status = null, response_headers = null, response_body = null,"
                            + " created_at = ?5, expires_at = ?6 where client_id = ?1 and department = ?2 and key = ?3")
                    .setParameter(1, scope.clientId())
                    .setParameter(2, scope.department())
                    .setParameter(3, scope.key())
                    .setParameter(4, hash)
                    .setParameter(5, now)
                    .setParameter(6, now.plus(config.retention()))
                    .executeUpdate();
            return Optional.empty();
        }
        if (!hash.equals(((String) row[0]).strip())) {
            throw new ApiException(
                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
        }
        if (inFlight) {
            throw new ApiException(
                            ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                            "the first request with this Idempotency-Key is still being processed; retry shortly")
                    .withHeader("Retry-After", "1");
        }
        return Optional.of(new Stored(((Number) row[4]).intValue(), headers((String) row[5]), (String) row[6]));
    }

    /** Stores the response of a successful request, inside that request's own transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(Scope scope, Stored response) {
        em.createNativeQuery("update idempotency_key set state = 'DONE', response_status = ?4,"
                        + " response_headers = cast(?5 as jsonb), response_body = ?6"
                        + " where client_id = ?1 and department = ?2 and key = ?3")
                .setParameter(1, scope.clientId())
                .setParameter(2, scope.department())
                .setParameter(3, scope.key())
                .setParameter(4, response.status())
                .setParameter(5, json(response.headers()))
                .setParameter(6, response.body())
                .executeUpdate();
    }

    /** A failed request changed nothing, so its key is forgotten and a corrected retry may use it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(Scope scope) {
        em.createNativeQuery("delete from idempotency_key where client_id = ?1 and department = ?2 and key = ?3"
                        + " and state = 'IN_FLIGHT'")
                .setParameter(1, scope.clientId())
                .setParameter(2, scope.department())
                .setParameter(3, scope.key())
                .executeUpdate();
    }

    /** Deletes keys past their retention; returns how many. */
    @Transactional
    public int purgeExpired() {
        return em.createNativeQuery("delete from idempotency_key where expires_at < ?1")
                .setParameter(1, OffsetDateTime.now())
                .executeUpdate();
    }

    @Scheduled(
            every = "${interchange.idempotency.purge-interval:1h}",
            identity = "idempotency-purge",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1m")
    void purgeOnSchedule() {
        int purged = purgeExpired();
        if (purged > 0) {
            LOG.debugf("%d expired idempotency key(s) purged", purged);
        }
    }

    private String json(Map<String, String> headers) {
        try {
            return mapper.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> headers(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
