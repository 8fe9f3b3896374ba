package io.interchange.platform.outbox;

import io.interchange.platform.HubConfig;
import io.interchange.platform.net.HostResolver;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Sends due outbox deliveries to the departments' webhooks. A round claims a batch with {@code FOR UPDATE SKIP
 * LOCKED} and pushes each claimed row's next attempt out by the lease, in a transaction that commits before any HTTP
 * call; so several nodes share the work without sending a delivery twice, and a node that dies mid-call only delays
 * its rows by the lease. Each attempt is logged; failures retry with exponential backoff and jitter, and after the
 * last attempt the delivery is DEAD.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

    @Inject
    EntityManager em;

    @Inject
    Webhooks webhooks;

    @Inject
    NotifyConfig notify;

    @Inject
    HubConfig config;

    @Inject
    HostResolver resolver;

    @Inject
    Vertx vertx;

    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private HttpClient http;

    private volatile boolean stopping;

    /** One claimed delivery: what to send and where (an empty target means the department has no webhook). */
    record Claim(
            UUID id,
            String department,
            String eventType,
            String body,
            int attempt,
            int retryFrom,
            Optional<Webhooks.Target> target) {}

    /** What one attempt came to. */
    record Result(Claim claim, Integer statusCode, String error, long durationMs) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    @PostConstruct
    void init() {
        // Vert.x rather than the JDK client: it can connect to a given address while still sending the URL's host
        // name (Host header, SNI, certificate check), which is what pinning the checked address needs.
        http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) notify.connectTimeout().toMillis())
                .setVerifyHost(true)
                .setForceSni(true)
                .setKeepAlive(true)
                .setMaxPoolSize(notify.batchSize()));
    }

    @PreDestroy
    void close() {
        if (http != null) {
            http.close();
        }
    }

    @Scheduled(
            every = "${interchange.notify.delivery-interval:2s}",
            identity = "outbox-delivery",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void onSchedule() {
        // Keep going while rounds come back full, so a burst drains at HTTP speed rather than one batch per tick;
        // bounded so one node's scheduler thread is never held for long.
        long until = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (!stopping && deliverDue() >= notify.batchSize() && System.nanoTime() < until) {
            // next batch
        }
    }

    /** Stop claiming once the node shuts down; claimed rows fall due again on another node after the lease. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** One round: claim, send (no transaction open), record. Returns how many deliveries it handled. */
    public int deliverDue() {
        List<Claim> claims = QuarkusTransaction.requiringNew().call(this::claim);
        if (claims.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Result>> sent = new ArrayList<>();
        for (Claim claim : claims) {
            sent.add(send(claim));
        }
        List<Result> results = sent.stream().map(CompletableFuture::join).toList();
        QuarkusTransaction.requiringNew().run(() -> results.forEach(this::record));
        return results.size();
    }

    private List<Claim> claim() {
        OffsetDateTime now = OffsetDateTime.now(config.timeZone());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("with due as (select id from outbox_delivery"
                        + " where status = 'PENDING' and next_attempt_at <= ?1 order by next_attempt_at"
                        + " limit ?2 for update skip locked)"
                        + " update outbox_delivery d set next_attempt_at = ?3, attempts = d.attempts + 1"
                        + " from due where d.id = due.id"
                        + " returning d.id, d.department_id, d.event_type, cast(d.payload as text), d.attempts,"
                        + " d.retry_from")
                .setParameter(1, now)
                .setParameter(2, notify.batchSize())
                .setParameter(3, now.plus(notify.lease()))
                .getResultList();
        List<Claim> claims = new ArrayList<>();
        for (Object[] row : rows) {
            String department = (String) row[1];
            Optional<Webhooks.Target> target;
            try {
                target = webhooks.target(department);
            } catch (IllegalStateException e) {
                // A secret this node cannot open is a key-configuration fault: log it, retry later like a failure.
                LOG.errorf("webhook secret of %s cannot be opened: %s", department, e.getMessage());
                target = Optional.of(new Webhooks.Target(null, null));
            }
            claims.add(new Claim(
                    (UUID) row[0],
                    department,
                    (String) row[2],
                    (String) row[3],
                    ((Number) row[4]).intValue(),
                    ((Number) row[5]).intValue(),
                    target));
        }
        return claims;
    }

    private CompletableFuture<Result> send(Claim claim) {
        if (claim.target().isEmpty()) {
            return CompletableFuture.completedFuture(new Result(claim, null, null, 0));
        }
        Webhooks.Target target = claim.target().get();
        if (target.url() == null) {
            return CompletableFuture.completedFuture(new Result(claim, null, "the webhook secret cannot be opened", 0));
        }
        // Checked again at each delivery, and the call goes to the address checked now: the name may resolve
        // elsewhere than when it was registered, or than a second lookup would say.
        WebhookUrls.Checked checked = WebhookUrls.check(target.url(), webhooks.loopbackHttpAllowed(), resolver);
        if (!checked.allowed()) {
            return CompletableFuture.completedFuture(new Result(claim, null, "url " + checked.problem(), 0));
        }
        byte[] body = claim.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        String host = checked.uri().getHost();
        String pathAndQuery = (checked.uri().getRawPath() == null
                                || checked.uri().getRawPath().isEmpty()
                        ? "/"
                        : checked.uri().getRawPath())
                + (checked.uri().getRawQuery() == null
                        ? ""
                        : "?" + checked.uri().getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(checked.address(), checked.port())))
                .setHost(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                .setPort(checked.port())
                .setSsl(checked.uri().getScheme().equalsIgnoreCase("https"))
                .setURI(pathAndQuery)
                .setFollowRedirects(false)
                .setTimeout(notify.requestTimeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Interchange-Webhook/1")
                .putHeader("X-Interchange-Event", claim.eventType())
                .putHeader("X-Interchange-Delivery", claim.id().toString())
                .putHeader("X-Interchange-Timestamp", Long.toString(timestamp))
                .putHeader("X-Interchange-Signature", WebhookSignature.sign(target.secret(), timestamp, body));
        long start = System.nanoTime();
        CompletableFuture<Result> result = new CompletableFuture<>();
        // A whole-exchange deadline: the request's own timeout only bounds silence, and a receiver that drips its
        // answer must not hold the round.
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long timer = vertx.setTimer(notify.requestTimeout().toMillis(), id -> {
            if (result.complete(new Result(claim, null, "timed out", elapsedMs(start)))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        http.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(Buffer.buffer(body));
                })
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(done -> {
                    vertx.cancelTimer(timer);
                    if (done.failed()) {
                        result.complete(new Result(claim, null, describe(done.cause()), elapsedMs(start)));
                    } else {
                        int status = done.result();
                        result.complete(new Result(
                                claim, status, status / 100 == 2 ? null : "HTTP " + status, elapsedMs(start)));
                    }
                });
        return result;
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void record(Result result) {
        Claim claim = result.claim();
        OffsetDateTime now = OffsetDateTime.now(config.timeZone());
        if (claim.target().isEmpty()) {
            em.createNativeQuery("update outbox_delivery set status = 'UNDELIVERABLE', finished_at = ?2,"
                            + " last_error = 'no webhook is set' where id = ?1 and status = 'PENDING'")
                    .setParameter(1, claim.id())
                    .setParameter(2, now)
                    .executeUpdate();
            return;
        }
        em.createNativeQuery("insert into outbox_attempt (delivery_id, attempt, at, status_code, error, duration_ms)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                .setParameter(1, claim.id())
                .setParameter(2, claim.attempt())
                .setParameter(3, now)
                .setParameter(4, result.statusCode())
                .setParameter(5, result.error())
                .setParameter(6, (int) Math.min(Integer.MAX_VALUE, result.durationMs()))
                .executeUpdate();
        String status;
        OffsetDateTime next = now;
        if (result.delivered()) {
            status = "DELIVERED";
        } else if (claim.attempt() - claim.retryFrom() >= notify.maxAttempts()) {
            status = "DEAD";
            LOG.warnf(
                    "delivery %s to %s is dead after %d attempts: %s",
                    claim.id(), claim.department(), claim.attempt(), result.error());
        } else {
            status = "PENDING";
            next = now.plus(backoff(claim.attempt(), notify.backoffBase(), notify.backoffMax()));
        }
        // Guarded by the attempt number: if this node overran its lease and another claimed the row, that claim wins.
        em.createNativeQuery("update outbox_delivery set status = ?2, next_attempt_at = ?3, finished_at = ?4,"
                        + " last_error = ?5 where id = ?1 and attempts = ?6 and status = 'PENDING'")
                .setParameter(1, claim.id())
                .setParameter(2, status)
                .setParameter(3, next)
                .setParameter(4, status.equals("PENDING") ? null : now)
                .setParameter(5, result.error())
                .setParameter(6, claim.attempt())
                .executeUpdate();
    }

    /**
     * The wait after the {@code failedAttempts}-th failure: base × 2^(n−1), capped, then scaled by a random factor in
     * [0.5, 1) so receivers that come back up are not hit by every hub node's retries at the same instant.
     */
    static Duration backoff(int failedAttempts, Duration base, Duration max) {
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long millis = base.toMillis() << shift;
        if (millis <= 0 || millis > max.toMillis()) {
            millis = max.toMillis();
        }
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, (long) (millis * jitter)));
    }

    /** A short, stable description for the delivery log; exception names stay in the server log. */
    private static String describe(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LOG.debugf(cause, "webhook call failed");
        if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
            return "timed out";
        }
        if (cause instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (cause instanceof java.io.IOException) {
            return "network error";
        }
        return "could not send";
    }
}
