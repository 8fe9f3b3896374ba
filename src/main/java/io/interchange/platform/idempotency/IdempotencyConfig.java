package io.interchange.platform.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code interchange.idempotency.*}: how long an {@code Idempotency-Key} is remembered. */
@ConfigMapping(prefix = "interchange.idempotency")
public interface IdempotencyConfig {

    /** API.md promises 24 hours per caller. */
    @WithDefault("24h")
    Duration retention();

    /**
     * A key still IN_FLIGHT after this long belongs to a request whose node died mid-way (its transaction rolled back
     * with it); the next request with the key takes it over.
     */
    @WithDefault("2m")
    Duration inFlightTimeout();

    /** How often expired keys are deleted. Read by the scheduler as {@code ${interchange.idempotency.purge-interval:1h}}. */
    @WithDefault("1h")
    String purgeInterval();
}
