package io.interchange.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.interchange.platform.HubConfig;
import io.interchange.platform.SeedState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed is taken in once per content: a restart with the same files skips it, a changed file loads it again. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CatalogSeedTest {

    @Inject
    CatalogSeed seed;

    @Inject
    HubConfig config;

    @Inject
    EntityManager em;

    private String stored(String part) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (String) em.createNativeQuery("select sha256 from seed_state where part = ?1")
                        .setParameter(1, part)
                        .getSingleResult());
    }

    private long taxHosts() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select count(*) from upstream_host where department_id = 'zj-tax'")
                                .getSingleResult())
                        .longValue());
    }

    private void run(String sql) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
    }

    @Test
    void the_start_records_the_digest_of_the_files_it_loaded() {
        assertEquals(CatalogSeed.digest(Path.of(config.seed().dir())), stored(CatalogSeed.PART));
        assertEquals(64, stored("calendar").length());
    }

    @Test
    void a_restart_with_the_same_files_skips_the_seed_and_a_changed_seed_loads_again() {
        long hosts = taxHosts();
        assertNotEquals(0, hosts, "the seed allow-lists a host for zj-tax");
        run("delete from upstream_host where department_id = 'zj-tax'");
        try {
            seed.onStart(null);
            assertEquals(0, taxHosts(), "same files: nothing was read, so the deleted entry stays deleted");

            run("update seed_state set sha256 = repeat('0', 64) where part = 'catalog'");
            seed.onStart(null);
            assertEquals(hosts, taxHosts(), "changed digest: the seed is taken in again, missing entries restored");
            assertEquals(CatalogSeed.digest(Path.of(config.seed().dir())), stored(CatalogSeed.PART));
        } finally {
            if (taxHosts() == 0) {
                run("update seed_state set sha256 = repeat('0', 64) where part = 'catalog'");
                seed.onStart(null);
            }
        }
    }

    @Test
    void the_digest_follows_content_names_and_format(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "[1]");
        Path b = dir.resolve("b.json");
        String first = SeedState.digest("f/1", dir, List.of(a, b));
        assertEquals(first, SeedState.digest("f/1", dir, List.of(b, a)), "order of the list does not matter");

        Files.writeString(b, "[]");
        String added = SeedState.digest("f/1", dir, List.of(a, b));
        assertNotEquals(first, added, "a file that appears");

        Files.writeString(a, "[2]");
        assertNotEquals(added, SeedState.digest("f/1", dir, List.of(a, b)), "a file's bytes");
        assertNotEquals(
                SeedState.digest("f/1", dir, List.of(a, b)), SeedState.digest("f/2", dir, List.of(a, b)), "format");

        Path c = Files.writeString(dir.resolve("c.json"), "[2]");
        assertNotEquals(
                SeedState.digest("f/1", dir, List.of(a)), SeedState.digest("f/1", dir, List.of(c)), "a file's name");
    }
}
