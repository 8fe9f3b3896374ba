package io.interchange.platform.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Which identity mode the hub chooses from its configuration (the part that runs before Quarkus exists). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdentityConfigSourceFactoryTest {

    private static Map<String, String> resolve(Map<String, String> given) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = given.get(name);
                return value == null
                        ? null
                        : ConfigValue.builder()
                                .withName(name)
                                .withValue(value)
                                .withConfigSourceOrdinal(300)
                                .build();
            }

            @Override
            public List<String> getProfiles() {
                return List.of();
            }

            @Override
            public Iterator<String> iterateNames() {
                return given.keySet().iterator();
            }
        };
        Map<String, String> result = new HashMap<>();
        for (ConfigSource source : new IdentityConfigSourceFactory().getConfigSources(context)) {
            result.putAll(source.getProperties());
        }
        return result;
    }

    @Test
    void oidc_url_selects_the_provider_and_forces_demo_mode_off() {
        Map<String, String> config = resolve(
                Map.of("OIDC_URL", "https://sso.example.gov.cn/realms/hub", "interchange.demo.enabled", "true"));
        assertEquals("https://sso.example.gov.cn/realms/hub", config.get("quarkus.oidc.auth-server-url"));
        assertEquals("interchange", config.get("quarkus.oidc.client-id"));
        assertEquals("false", config.get("interchange.demo.active"));
        assertNull(config.get("quarkus.oidc.public-key"));
        assertNull(config.get("quarkus.http.host"));
    }

    @Test
    void oidc_client_id_is_taken_from_its_variable() {
        Map<String, String> config = resolve(Map.of("OIDC_URL", "https://sso.example", "OIDC_CLIENT_ID", "hub"));
        assertEquals("hub", config.get("quarkus.oidc.client-id"));
    }

    @Test
    void a_configured_auth_server_url_also_turns_demo_mode_off() {
        Map<String, String> config = resolve(Map.of("quarkus.oidc.auth-server-url", "https://sso.example"));
        assertEquals("false", config.get("interchange.demo.active"));
    }

    @Test
    void demo_mode_can_be_refused_without_a_provider() {
        Map<String, String> config = resolve(Map.of("interchange.demo.enabled", "false"));
        assertEquals("false", config.get("interchange.demo.active"));
        assertNull(config.get("quarkus.oidc.public-key"));
    }
}
