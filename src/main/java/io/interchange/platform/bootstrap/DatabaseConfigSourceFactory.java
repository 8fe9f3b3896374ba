package io.interchange.platform.bootstrap;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Decides which PostgreSQL the hub uses, before the datasource is created: {@code DB_URL}/{@code DB_USER}/
 * {@code DB_PASSWORD} when set, an explicitly configured {@code quarkus.datasource.jdbc.url} next, otherwise the
 * embedded server (started here, once per JVM, so test restarts of the application reuse it).
 *
 * <p>Config sources are also read while the application is built; the server starts only at runtime init.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** Below environment variables (300) so an operator's explicit settings always win. */
    static final int ORDINAL = 275;

    private static final String RUNNING_URL = "io.interchange.embedded-postgres.url";
    private static final String RUNNING_USER = "io.interchange.embedded-postgres.user";
    private static final String RUNNING_PASSWORD = "io.interchange.embedded-postgres.password";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> values = new HashMap<>();
        String dbUrl = value(context, "DB_URL");
        if (dbUrl != null) {
            values.put("quarkus.datasource.jdbc.url", dbUrl);
            putIfPresent(values, "quarkus.datasource.username", value(context, "DB_USER"));
            putIfPresent(values, "quarkus.datasource.password", value(context, "DB_PASSWORD"));
            values.put("interchange.database.mode", "external");
        } else if (value(context, "quarkus.datasource.jdbc.url") != null) {
            values.put("interchange.database.mode", "external");
        } else if (!"false".equals(value(context, "interchange.embedded-postgres.enabled"))
                && ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
            values.putAll(embedded(context));
            values.put("interchange.database.mode", "embedded");
        }
        return List.of(new PropertiesConfigSource(values, "interchange-database", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /**
     * One server per JVM. Tests start the application several times, each time in a new class loader, so the running
     * server is remembered in system properties (outside the {@code interchange.} namespace) rather than in a static.
     */
    private static synchronized Map<String, String> embedded(ConfigSourceContext context) {
        synchronized (System.class) {
            if (System.getProperty(RUNNING_URL) == null) {
                String dataDir = orDefault(value(context, "interchange.data-dir"), "data");
                int port = Integer.parseInt(orDefault(value(context, "interchange.embedded-postgres.port"), "0"));
                boolean fsync = !"false".equals(value(context, "interchange.embedded-postgres.fsync"));
                EmbeddedPostgres server = new EmbeddedPostgres(Path.of(dataDir), port, fsync);
                if ("true".equals(value(context, "interchange.embedded-postgres.reset"))) {
                    server.reset();
                }
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
                System.setProperty(RUNNING_USER, server.username());
                System.setProperty(RUNNING_PASSWORD, server.password());
                System.setProperty(RUNNING_URL, server.jdbcUrl());
            }
            return Map.of(
                    "quarkus.datasource.jdbc.url", System.getProperty(RUNNING_URL),
                    "quarkus.datasource.username", System.getProperty(RUNNING_USER),
                    "quarkus.datasource.password", System.getProperty(RUNNING_PASSWORD));
        }
    }

    static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return null;
        }
        return value.getValue();
    }

    private static void putIfPresent(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
