package io.interchange.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimiterTest {

    @Test
    void a_grant_gets_a_minute_of_allowance_at_once_and_then_waits() {
        RateLimiter limiter = new RateLimiter();
        UUID grant = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire(grant, 3));
        }
        long wait = limiter.acquire(grant, 3);
        assertTrue(wait >= 1 && wait <= 20, "about 20 s until the next token, got " + wait);
    }

    @Test
    void the_department_ceiling_is_shared_by_its_grants_and_separate_from_other_departments() {
        RateLimiter limiter = new RateLimiter();
        assertEquals(0, limiter.acquireDepartment("zj-mca", 2));
        assertEquals(0, limiter.acquireDepartment("zj-mca", 2));
        assertTrue(limiter.acquireDepartment("zj-mca", 2) > 0);
        assertEquals(0, limiter.acquireDepartment("zj-hrss", 2));
        assertEquals(0, limiter.acquire(UUID.randomUUID(), 2), "grant buckets are separate from department ones");
    }
}
