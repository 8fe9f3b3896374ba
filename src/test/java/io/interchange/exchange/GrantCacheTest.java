package io.interchange.exchange;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.platform.AuthorizationChanges;
import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker's grant cache: a change made through this node's API holds for the very next query; a change made by
 * another node (a plain JDBC connection here) reaches this node through LISTEN/NOTIFY within a second; losing the
 * listener's connection empties the cache; validity running out needs no notice at all.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GrantCacheTest {

    @Inject
    GrantCache cache;

    @Inject
    AuthorizationChanges changes;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private record Granted(String resource, String grant) {}

    private static Granted granted() {
        String resource = ExchangeApiTest.resource();
        String grant = Api.grant(
                "mca-app",
                "mca-officer",
                "psb-officer",
                resource,
                ExchangeApiTest.GRANTED,
                Map.of("outcome", "APPROVE", "reason", "符合共享条件"));
        return new Granted(resource, grant);
    }

    private static void query(String resource, int status, String code) {
        var response =
                as("mca-app").get(ExchangeApiTest.records(resource)).then().statusCode(status);
        if (code != null) {
            response.body("code", equalTo(code));
        }
    }

    /**
     * Queries until the resource and the grant are cached. The first query usually suffices, but the trigger's notice
     * of the grant just created may arrive while it reads, and then it rightly keeps nothing.
     */
    private void warm(String resource) {
        awaitLive();
        for (int i = 0; i < 5 && !cache.holds(resource); i++) {
            query(resource, 200, null);
        }
        assertTrue(cache.holds(resource), "a query caches the resource and its grant");
    }

    private void awaitLive() {
        assertTrue(within(10_000, changes::live), "the change listener connects");
    }

    private static boolean within(long millis, BooleanSupplier condition) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** A connection of its own, as another node of the hub would have. */
    private static Connection otherNode() throws SQLException {
        var config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class)
                .ifPresent(u -> properties.setProperty("user", u));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(p -> properties.setProperty("password", p));
        return new org.postgresql.Driver()
                .connect(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }

    @Test
    void a_suspension_holds_for_the_very_next_query_and_a_resumption_too() {
        Granted g = granted();
        warm(g.resource());
        as("psb-officer")
                .body(Map.of(
                        "reason", "超范围使用", "fixBy", LocalDate.now().plusDays(10).toString()))
                .post("/api/v1/grants/" + g.grant() + "/suspend")
                .then()
                .statusCode(200);
        query(g.resource(), 403, "GRANT_SUSPENDED");

        as("psb-officer")
                .body(Map.of("reason", "已整改"))
                .post("/api/v1/grants/" + g.grant() + "/resume")
                .then()
                .statusCode(200);
        query(g.resource(), 200, null);
        warm(g.resource());
        double hits = hits();
        query(g.resource(), 200, null);
        assertEquals(hits + 1, hits(), "answered from the cache");
    }

    private double hits() {
        return metrics.counter("interchange.grant.cache", "kind", "grant", "result", "hit")
                .count();
    }

    @Test
    void a_revocation_holds_for_the_very_next_query() {
        Granted g = granted();
        warm(g.resource());
        as("psb-officer")
                .body(Map.of("reason", "违规使用"))
                .post("/api/v1/grants/" + g.grant() + "/revoke")
                .then()
                .statusCode(200);
        query(g.resource(), 403, "GRANT_REVOKED");
    }

    @Test
    void retiring_the_resource_holds_for_the_very_next_query() {
        Granted g = granted();
        warm(g.resource());
        as("psb-steward")
                .body(Map.of("reason", "数据已迁移"))
                .post("/api/v1/resources/" + g.resource() + "/retire")
                .then()
                .statusCode(200);
        query(g.resource(), 403, "RESOURCE_NOT_PUBLISHED");
    }

    @Test
    void a_grant_suspended_by_another_node_is_refused_here_within_a_second() throws SQLException {
        Granted g = granted();
        warm(g.resource());
        long started;
        try (Connection other = otherNode();
                PreparedStatement suspend =
                        other.prepareStatement("update access_grant set status = 'SUSPENDED' where id = ?")) {
            suspend.setObject(1, UUID.fromString(g.grant()));
            started = System.nanoTime();
            assertEquals(1, suspend.executeUpdate()); // autocommit: the trigger's notice goes out at this commit
        }
        assertTrue(within(1_000, () -> !cache.holds(g.resource())), "evicted within 1 s");
        long millis = (System.nanoTime() - started) / 1_000_000;
        query(g.resource(), 403, "GRANT_SUSPENDED");
        assertTrue(millis < 1_000, "took " + millis + " ms");
    }

    @Test
    void a_bare_notify_from_another_connection_evicts_within_a_second() throws SQLException {
        Granted g = granted();
        Granted untouched = granted();
        // Notices arrive in commit order: once one sent now is handled, those of the set-up above are too, and cannot
        // drop what is cached next.
        warm(g.resource());
        notifyAsAnotherNode(g.resource());
        assertTrue(within(10_000, () -> !cache.holds(g.resource())));
        warm(g.resource());
        warm(untouched.resource());

        long started = System.nanoTime();
        notifyAsAnotherNode(g.resource());
        assertTrue(within(1_000, () -> !cache.holds(g.resource())), "evicted within 1 s");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(cache.holds(untouched.resource()), "only the named resource is dropped");
        assertTrue(millis < 1_000, "took " + millis + " ms");
    }

    private static void notifyAsAnotherNode(String resource) throws SQLException {
        try (Connection other = otherNode();
                PreparedStatement notify = other.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, AuthorizationChanges.CHANNEL);
            notify.setString(2, resource);
            notify.execute();
        }
    }

    @Test
    void losing_the_listener_connection_empties_the_cache_and_it_reconnects() throws SQLException {
        Granted g = granted();
        warm(g.resource());
        long connections = changes.connections();
        int pid = changes.listenerBackendPid();
        try (Connection other = otherNode();
                Statement statement = other.createStatement()) {
            statement.execute("select pg_terminate_backend(" + pid + ")");
        }
        assertTrue(within(10_000, () -> changes.connections() > connections && changes.live()), "reconnected");
        assertFalse(cache.holds(g.resource()), "what was cached before the outage is gone");
        assertTrue(changes.listenerBackendPid() != pid);
        query(g.resource(), 200, null);
        warm(g.resource()); // caches again once it hears again
    }
}
