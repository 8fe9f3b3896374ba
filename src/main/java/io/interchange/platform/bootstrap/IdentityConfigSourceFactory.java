package io.interchange.platform.bootstrap;

import static io.interchange.platform.bootstrap.DatabaseConfigSourceFactory.value;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Chooses the identity mode. With {@code OIDC_URL} (or {@code quarkus.oidc.auth-server-url}) the hub trusts that
 * provider and demo mode is forced off, whatever else is set. Without one, and unless demo mode is disabled, the hub
 * verifies tokens it signs itself with a key kept under the data directory, and binds to 127.0.0.1 unless the operator
 * set {@code quarkus.http.host} explicitly (an environment variable or system property outranks this source).
 */
public class IdentityConfigSourceFactory implements ConfigSourceFactory {

    public static final String DEMO_ISSUER = "interchange-demo";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> values = new HashMap<>();
        String oidcUrl = value(context, "OIDC_URL");
        if (oidcUrl != null) {
            values.put("quarkus.oidc.auth-server-url", oidcUrl);
            String clientId = value(context, "OIDC_CLIENT_ID");
            values.put("quarkus.oidc.client-id", clientId != null ? clientId : "interchange");
        }
        boolean providerConfigured = oidcUrl != null || value(context, "quarkus.oidc.auth-server-url") != null;
        boolean demoAllowed = !"false".equals(value(context, "interchange.demo.enabled"));
        if (providerConfigured || !demoAllowed) {
            values.put("interchange.demo.active", "false");
        } else if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
            String dataDir = value(context, "interchange.data-dir");
            DemoKeys keys = DemoKeys.loadOrCreate(Path.of(dataDir == null ? "data" : dataDir));
            values.put("interchange.demo.active", "true");
            values.put("quarkus.oidc.public-key", keys.publicKeyBase64());
            values.put("quarkus.oidc.token.issuer", DEMO_ISSUER);
            if (!explicitlySet(context, "quarkus.http.host")) {
                values.put("quarkus.http.host", "127.0.0.1");
            }
        }
        return List.of(new PropertiesConfigSource(values, "interchange-identity", DatabaseConfigSourceFactory.ORDINAL));
    }

    /** Set by the operator in any source, as opposed to Quarkus' built-in default. */
    private static boolean explicitlySet(ConfigSourceContext context, String name) {
        io.smallrye.config.ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && value.getConfigSourceOrdinal() > 0;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(DatabaseConfigSourceFactory.ORDINAL);
    }
}
