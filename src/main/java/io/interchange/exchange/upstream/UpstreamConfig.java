package io.interchange.exchange.upstream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds and resilience settings of upstream sources ({@code interchange.upstream.*}). */
@ConfigMapping(prefix = "interchange.upstream")
public interface UpstreamConfig {

    int DEFAULT_TIMEOUT_MS = 3000;
    long DEFAULT_MAX_RESPONSE_BYTES = 1_048_576;

    /** The longest timeout a steward may set on an endpoint: a hub worker may wait this long on a department. */
    @WithDefault("10000")
    int maxTimeoutMs();

    /**
     * The largest response a steward may allow; answers are read into memory up to this size and cut off beyond it,
     * so it bounds the memory one exchange can take.
     */
    @WithDefault("10485760")
    long maxResponseBytes();

    /** Calls in flight to one upstream at most; more are refused at once instead of queueing behind a slow API. */
    @WithDefault("32")
    int bulkhead();

    /** Circuit breaker: the last this-many calls to one upstream are judged. */
    @WithDefault("20")
    int breakerWindow();

    /** Circuit breaker: opens when at least this share of the window failed (and the window holds 5 calls or more). */
    @WithDefault("0.5")
    double breakerFailureRatio();

    /** Circuit breaker: how long it stays open before one trial call is let through. */
    @WithDefault("5s")
    Duration breakerDelay();

    /** Connections kept open per upstream address (HTTP/1.1 keep-alive). */
    @WithDefault("32")
    int poolSize();
}
