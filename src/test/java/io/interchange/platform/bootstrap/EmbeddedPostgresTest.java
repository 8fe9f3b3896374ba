package io.interchange.platform.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The embedded server's life across restarts, including the leftovers of a killed run. */
@Tag("embedded")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmbeddedPostgresTest {

    static final Path DIR = Path.of("target/embedded-postgres-test");

    @BeforeAll
    static void clean() {
        EmbeddedPostgres fresh = new EmbeddedPostgres(DIR, 0, false);
        fresh.reset();
    }

    @AfterAll
    static void removeData() {
        new EmbeddedPostgres(DIR, 0, false).reset();
    }

    @Test
    @Order(1)
    void a_second_start_reuses_the_data_of_the_first() throws Exception {
        EmbeddedPostgres first = new EmbeddedPostgres(DIR, 0, false);
        first.start();
        try (Connection c = connect(first)) {
            c.createStatement().execute("create table kept (v text); insert into kept values ('still here')");
        } finally {
            first.stop();
        }
        EmbeddedPostgres second = new EmbeddedPostgres(DIR, 0, false);
        second.start();
        try (Connection c = connect(second);
                ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
        } finally {
            second.stop();
        }
    }

    @Test
    @Order(2)
    void a_stale_postmaster_pid_naming_another_live_process_does_not_block_the_start() throws Exception {
        // The pid of this very JVM: alive, but not a postmaster — what PID reuse after a crash looks like.
        Files.writeString(
                DIR.resolve("postgres/postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + DIR.resolve("postgres").toAbsolutePath() + "\n");
        EmbeddedPostgres server = new EmbeddedPostgres(DIR, 0, false);
        server.start();
        try (Connection c = connect(server)) {
            assertTrue(c.isValid(2));
        } finally {
            server.stop();
        }
    }

    @Test
    @Order(3)
    void a_postmaster_left_running_by_a_killed_hub_is_stopped_and_replaced() throws Exception {
        EmbeddedPostgres crashed = new EmbeddedPostgres(DIR, 0, false);
        crashed.start();
        crashed.abandon();
        EmbeddedPostgres next = new EmbeddedPostgres(DIR, 0, false);
        next.start();
        try (Connection c = connect(next);
                ResultSet rs = c.createStatement().executeQuery("select count(*) from kept")) {
            assertTrue(rs.next());
        } finally {
            next.stop();
        }
    }

    @Test
    @Order(4)
    void two_hubs_cannot_share_one_data_directory() {
        EmbeddedPostgres owner = new EmbeddedPostgres(DIR, 0, false);
        owner.start();
        try {
            UncheckedIOException refused =
                    assertThrows(UncheckedIOException.class, () -> new EmbeddedPostgres(DIR, 0, false).start());
            assertTrue(refused.getMessage().contains("another Interchange process"), refused.getMessage());
        } finally {
            owner.stop();
        }
    }

    private static Connection connect(EmbeddedPostgres server) throws Exception {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }
}
