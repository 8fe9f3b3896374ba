package io.interchange.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Outbox delivery, webhook and overdue-notice settings ({@code interchange.notify.*}). */
@ConfigMapping(prefix = "interchange.notify")
public interface NotifyConfig {

    /**
     * How often each node looks for due deliveries. Read by the scheduler as
     * {@code ${interchange.notify.delivery-interval:2s}}.
     */
    @WithDefault("2s")
    String deliveryInterval();

    /** Deliveries one node claims per round; the others take the rest (SKIP LOCKED). */
    @WithDefault("20")
    int batchSize();

    /**
     * Attempts before a delivery is given up as DEAD. With the default backoff the tenth attempt comes 2 to 4 hours
     * after the first.
     */
    @WithDefault("10")
    int maxAttempts();

    /** Delay before the second attempt; it doubles with each failure (with jitter) up to {@link #backoffMax()}. */
    @WithDefault("30s")
    Duration backoffBase();

    @WithDefault("2h")
    Duration backoffMax();

    /**
     * How long a claimed delivery stays invisible to other nodes; longer than connect plus request timeout, so only a
     * node that died mid-call lets it fall due again.
     */
    @WithDefault("60s")
    Duration lease();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The whole exchange with the receiver, answer included. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * Accept {@code http://} webhook URLs on loopback addresses (a receiver on the same machine in a demo or a test).
     * Every other webhook must be https.
     */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /** How often overdue answers, deliveries and expiring grants are looked for. */
    @WithDefault("10m")
    String overdueInterval();

    /** R25 practice: the requester hears this many working days before a grant's validity ends. */
    @WithDefault("5")
    int expiringWorkingDays();
}
