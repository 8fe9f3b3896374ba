package io.interchange.access;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.exchange.GrantCache;
import io.interchange.platform.AuthorizationChanges;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A cached grant whose validity runs out is refused on the day, with no change notice and no expiry job run. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GrantValidityAtUseTest {

    @Inject
    CalendarService calendar;

    @Inject
    GrantCache cache;

    @Inject
    AuthorizationChanges changes;

    @Test
    void a_cached_grant_past_its_valid_until_is_refused_as_expired() throws InterruptedException {
        String resource = AccessFixtures.resourceWithRows();
        AccessFixtures.grant(resource); // valid for a year (Api.accessRequest)
        for (int i = 0; i < 200 && !changes.live(); i++) {
            Thread.sleep(50);
        }
        // Usually the first query caches; not when the notice of the new grant arrives while it reads.
        for (int i = 0; i < 5 && !cache.holds(resource); i++) {
            as("mca-app")
                    .get("/api/v1/exchange/" + resource + "/records")
                    .then()
                    .statusCode(200);
        }
        assertTrue(cache.holds(resource), "the grant is cached");
        calendar.useClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(400)));
        try {
            as("mca-app")
                    .get("/api/v1/exchange/" + resource + "/records")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("GRANT_EXPIRED"));
            assertTrue(cache.holds(resource), "refused from the cached copy: nothing told the cache");
        } finally {
            calendar.useClock(Clock.systemUTC());
        }
        as("mca-app").get("/api/v1/exchange/" + resource + "/records").then().statusCode(200);
    }
}
