package io.interchange.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per grant: up to a minute's allowance in a burst, refilled continuously. Per node, as DESIGN.md
 * allows; a grant served by N nodes may see up to N times its rate.
 */
@ApplicationScoped
class RateLimiter {

    private static final class Bucket {
        double tokens;
        long refilledAt;
        int perMinute;
    }

    private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one token; returns 0 when allowed, otherwise the whole seconds until one is available. */
    long acquire(UUID grantId, int perMinute) {
        return take(grantId, perMinute);
    }

    /** The department-wide ceiling, shared by all of a department's grants on this node. */
    long acquireDepartment(String department, int perMinute) {
        return take("department:" + department, perMinute);
    }

    private long take(Object key, int perMinute) {
        Bucket bucket = buckets.computeIfAbsent(key, id -> {
            Bucket b = new Bucket();
            b.tokens = perMinute;
            b.refilledAt = System.nanoTime();
            b.perMinute = perMinute;
            return b;
        });
        synchronized (bucket) {
            long now = System.nanoTime();
            if (bucket.perMinute != perMinute) {
                bucket.perMinute = perMinute;
                bucket.tokens = Math.min(bucket.tokens, perMinute);
            }
            double perNano = perMinute / 60e9;
            bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.refilledAt) * perNano);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9);
        }
    }
}
