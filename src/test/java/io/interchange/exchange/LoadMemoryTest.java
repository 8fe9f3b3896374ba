package io.interchange.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.exchange.load.HostedTable;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Memory stays flat however large the load: 200,000 rows go through the load path in a forked {@code -Xmx256m} JVM
 * whose live heap, sampled after full collections, must stay far below what holding the rows would take (about
 * 100 MB as JSON trees; the file itself is 10 MB).
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LoadMemoryTest {

    static final int ROWS = 200_000;
    static final long LIVE_LIMIT = 32L << 20;

    @Inject
    DataSource dataSource;

    @Test
    void a_200k_row_load_runs_in_a_small_heap_with_flat_live_memory() throws Exception {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class)
                .orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class)
                .orElse("");
        String resourceId = "999999-" + (System.nanoTime() % 1_000_000);
        Process probe = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadMemoryProbe.class.getName(),
                        url,
                        user,
                        password,
                        Integer.toString(ROWS),
                        resourceId)
                .redirectErrorStream(true)
                .start();
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS), "the probe did not finish in 120 s");
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.exitValue(), out);
        Matcher m = Pattern.compile("rows=(\\d+) liveMaxBytes=(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(ROWS, Long.parseLong(m.group(1)));
        long live = Long.parseLong(m.group(2));
        System.out.println("load memory probe: " + out.strip());
        assertTrue(live < LIVE_LIMIT, "live heap peaked at " + (live >> 20) + " MB: " + out);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from " + HostedTable.table(resourceId))) {
                rs.next();
                assertEquals(ROWS, rs.getLong(1));
            }
            s.execute("drop table " + HostedTable.table(resourceId));
        }
    }
}
