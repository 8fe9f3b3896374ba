package io.interchange.platform.outbox;

import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import io.interchange.platform.SecretBox;
import io.interchange.platform.Validation;
import io.interchange.platform.net.HostResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Each department's webhook: where its events go and the secret that signs them. The secret is sealed with
 * {@link SecretBox} under the context {@code webhook:<department>} and never leaves the hub again.
 */
@ApplicationScoped
@Transactional
public class Webhooks {

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    /** As the API shows a webhook: the secret only as whether one is set. */
    public record WebhookView(
            String department, String url, boolean secretSet, String updatedBy, OffsetDateTime updatedAt) {}

    /** What a department sends; the server-set members of {@link WebhookView} are accepted and ignored. */
    public record WebhookCommand(
            String url,
            String secret,
            Boolean secretSet,
            String department,
            String updatedBy,
            OffsetDateTime updatedAt) {}

    /** Where one delivery goes, with the opened secret; only the delivery worker holds it, briefly. */
    record Target(String url, String secret) {}

    @Inject
    EntityManager em;

    @Inject
    HostResolver resolver;

    @Inject
    DeliveryLog log;

    @Inject
    SecretBox secrets;

    @Inject
    LedgerService ledger;

    @Inject
    NotifyConfig notify;

    @Inject
    HubConfig config;

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookView get(String department) {
        List<?> rows = em.createNativeQuery(
                        "select url, updated_by, updated_at from department_webhook where department_id = ?1")
                .setParameter(1, department)
                .getResultList();
        if (rows.isEmpty()) {
            return new WebhookView(department, null, false, null, null);
        }
        Object[] row = (Object[]) rows.get(0);
        return new WebhookView(department, (String) row[0], true, (String) row[1], offset(row[2], config.timeZone()));
    }

    /**
     * Sets the department's webhook. The secret may be left out to keep the current one (a GET posted back with a
     * new URL); the first registration needs it. Ledgered as an ADMIN act, without the secret.
     */
    public WebhookView put(String actor, String department, WebhookCommand command) {
        boolean exists = get(department).secretSet();
        Validation v = new Validation();
        WebhookUrls.problem(command.url(), loopbackHttpAllowed(), resolver).ifPresent(p -> v.add("url", p));
        if (command.secret() == null) {
            v.require(
                    exists,
                    "secret",
                    "is required when the webhook is first set (" + MIN_SECRET + " to " + MAX_SECRET + " characters)");
        } else {
            v.require(
                    command.secret().length() >= MIN_SECRET && command.secret().length() <= MAX_SECRET,
                    "secret",
                    "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
            v.require(
                    command.secret().isBlank() || command.secret().strip().equals(command.secret()),
                    "secret",
                    "must not start or end with white space");
        }
        v.throwIfInvalid();
        OffsetDateTime now = OffsetDateTime.now(config.timeZone());
        String url = command.url().strip();
        if (command.secret() != null) {
            em.createNativeQuery("insert into department_webhook (department_id, url, secret_sealed, updated_by,"
                            + " updated_at) values (?1, ?2, ?3, ?4, ?5) on conflict (department_id) do update set"
                            + " url = excluded.url, secret_sealed = excluded.secret_sealed,"
                            + " updated_by = excluded.updated_by, updated_at = excluded.updated_at")
                    .setParameter(1, department)
                    .setParameter(2, url)
                    .setParameter(3, secrets.seal(command.secret(), context(department)))
                    .setParameter(4, actor)
                    .setParameter(5, now)
                    .executeUpdate();
        } else {
            em.createNativeQuery("update department_webhook set url = ?2, updated_by = ?3, updated_at = ?4"
                            + " where department_id = ?1")
                    .setParameter(1, department)
                    .setParameter(2, url)
                    .setParameter(3, actor)
                    .setParameter(4, now)
                    .executeUpdate();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        // A query string may carry a receiver's token, so the ledger keeps only where the calls go.
        URI uri = URI.create(url);
        summary.put(
                "url",
                uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        summary.put("secretChanged", command.secret() != null);
        ledger.appendAdmin(
                actor, department, exists ? "WEBHOOK_UPDATE" : "WEBHOOK_SET", "department", department, summary);
        return get(department);
    }

    /**
     * Sends a finished delivery (DELIVERED, DEAD or UNDELIVERABLE) again, with the same id and payload: the receiver
     * lost it, was down past the last retry, or had no webhook set when the event happened. It gets a new run of
     * retries; its attempt numbers go on. Ledgered as an ADMIN act.
     */
    public DeliveryLog.DeliveryView redeliver(String actor, String department, UUID delivery) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select status, event_type, event_id from outbox_delivery"
                        + " where id = ?1 and department_id = ?2 for update")
                .setParameter(1, delivery)
                .setParameter(2, department)
                .getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("delivery", delivery.toString());
        }
        String status = (String) rows.get(0)[0];
        if (status.equals("PENDING")) {
            throw ApiException.conflict(
                    ErrorCode.INVALID_STATUS, "the delivery is still PENDING: it is retried without being asked");
        }
        em.createNativeQuery("update outbox_delivery set status = 'PENDING', retry_from = attempts,"
                        + " next_attempt_at = ?2, finished_at = null, last_error = null where id = ?1")
                .setParameter(1, delivery)
                .setParameter(2, OffsetDateTime.now(config.timeZone()))
                .executeUpdate();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("eventType", rows.get(0)[1]);
        summary.put("eventId", String.valueOf(rows.get(0)[2]));
        summary.put("previousStatus", status);
        ledger.appendAdmin(actor, department, "WEBHOOK_REDELIVER", "delivery", delivery.toString(), summary);
        return log.find(department, delivery).orElseThrow();
    }

    /** The department's webhook with its secret opened, for the delivery worker; empty when none is set. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<Target> target(String department) {
        List<?> rows = em.createNativeQuery(
                        "select url, secret_sealed from department_webhook where department_id = ?1")
                .setParameter(1, department)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Target((String) row[0], secrets.open((String) row[1], context(department))));
    }

    private static String context(String department) {
        return "webhook:" + department;
    }

    /** A timestamptz from a native query, shown in the hub's zone. */
    static OffsetDateTime offset(Object value, java.time.ZoneId zone) {
        java.time.Instant instant;
        if (value == null) {
            return null;
        } else if (value instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (value instanceof java.time.Instant i) {
            instant = i;
        } else if (value instanceof java.sql.Timestamp t) {
            instant = t.toInstant();
        } else {
            throw new IllegalStateException("unexpected time type " + value.getClass());
        }
        return instant.atZone(zone).toOffsetDateTime();
    }

    /**
     * Plain http to loopback: when configured, and always on a demo hub, which itself listens on loopback only and
     * whose demo upstream doubles as a webhook receiver for the README tour.
     */
    boolean loopbackHttpAllowed() {
        return notify.allowLoopbackHttp() || config.demo().active();
    }
}
