package io.interchange.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Refuses to run without any way to verify tokens, and says loudly when the demo identity is on. */
@ApplicationScoped
public class IdentityModeCheck {

    private static final Logger LOG = Logger.getLogger(IdentityModeCheck.class);

    void check(
            @Observes StartupEvent event,
            HubConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidcUrl,
            @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey) {
        if (config.demo().active()) {
            LOG.warn("DEMO identity mode: the hub signs its own tokens for the seeded demo clients. "
                    + "Set OIDC_URL to use a real identity provider.");
        } else if (oidcUrl.isEmpty() && publicKey.isEmpty()) {
            throw new IllegalStateException("No identity provider: set OIDC_URL (and OIDC_CLIENT_ID), "
                    + "or allow the demo identity with INTERCHANGE_DEMO_ENABLED=true");
        }
    }
}
