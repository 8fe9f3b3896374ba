package io.interchange.console;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Authentication.CookieSameSite;
import io.quarkus.oidc.runtime.OidcTenantConfig.Roles.Source;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With an OIDC provider, the console signs people in with the authorization-code flow: a {@code web-app} tenant for
 * {@code /console} beside the API's bearer-token (default) tenant, built here from the provider of the default tenant
 * and the console's own confidential client ({@code interchange-console.oidc.client-id} and {@code .secret}). The
 * session cookie is HttpOnly and scoped to {@code /console}; it is SameSite=Lax, not Strict, because the browser
 * arrives from the provider's login page (a cross-site navigation) and must bring the session to the page it was
 * going to; forms keep their CSRF token. Roles come from the access token (as
 * for the API), the department from the ID token's claim, so {@link io.interchange.platform.Caller} is unchanged.
 * Without a provider or without the console client, the default tenant (and the demo sign-in) applies.
 */
@ApplicationScoped
public class ConsoleOidc implements TenantConfigResolver {

    static final String TENANT = "console";
    static final String SIGN_IN = ConsoleHttp.PATH + "/oidc/sign-in";
    static final String SIGN_OUT = ConsoleHttp.PATH + "/oidc/sign-out";
    static final String SIGNED_OUT = ConsoleHttp.PATH + "/signed-out";

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> provider;

    @ConfigProperty(name = "interchange-console.oidc.client-id")
    Optional<String> clientId;

    @ConfigProperty(name = "interchange-console.oidc.secret")
    Optional<String> secret;

    @ConfigProperty(name = "quarkus.oidc.roles.role-claim-path", defaultValue = "groups,realm_access/roles")
    java.util.List<String> roleClaimPath;

    private volatile OidcTenantConfig tenant;

    /** The provider's origin, which the CSP's form-action must allow: signing out ends with a redirect there. */
    Optional<String> providerOrigin() {
        if (!active()) {
            return Optional.empty();
        }
        java.net.URI uri = java.net.URI.create(provider.orElseThrow());
        return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    String clientId() {
        return clientId.orElse("");
    }

    /**
     * Ends the session here (the session cookie) and at the provider: RP-initiated logout with the ID token as hint,
     * back to {@code /console/signed-out}. Done by the console's CSRF-checked sign-out form rather than a logout path
     * a cross-site GET could reach.
     */
    Uni<jakarta.ws.rs.core.Response> logout(io.quarkus.oidc.OidcSession session, String end, String origin) {
        String idToken =
                session.getIdToken() == null ? null : session.getIdToken().getRawToken();
        return session.logout().map(ignored -> {
            String to = SIGNED_OUT;
            if (end != null && idToken != null) {
                to = end + (end.contains("?") ? "&" : "?") + "client_id=" + ConsolePaths.encode(clientId())
                        + "&id_token_hint=" + ConsolePaths.encode(idToken)
                        + "&post_logout_redirect_uri=" + ConsolePaths.encode(origin + SIGNED_OUT);
            }
            return jakarta.ws.rs.core.Response.seeOther(java.net.URI.create(to)).build();
        });
    }

    /** The code flow is on: a provider and the console's client are configured. */
    public boolean active() {
        return provider.isPresent() && clientId.isPresent();
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> request) {
        String path = context.normalizedPath();
        if (!active() || !(path.equals(ConsoleHttp.PATH) || path.startsWith(ConsoleHttp.PATH + "/"))) {
            return Uni.createFrom().nullItem(); // the default tenant: bearer tokens, or the demo identity
        }
        return Uni.createFrom().item(tenant());
    }

    private OidcTenantConfig tenant() {
        if (tenant == null) {
            tenant = OidcTenantConfig.authServerUrl(provider.orElseThrow())
                    .tenantId(TENANT)
                    .applicationType(ApplicationType.WEB_APP)
                    .clientId(clientId.orElseThrow())
                    .credentials(secret.orElse(""))
                    .roles()
                    .source(Source.accesstoken)
                    .roleClaimPath(roleClaimPath)
                    .end()
                    .authentication()
                    .cookiePath(ConsoleHttp.PATH)
                    .cookieSameSite(CookieSameSite.LAX)
                    .restorePathAfterRedirect(true)
                    .javaScriptAutoRedirect(false)
                    .pkceRequired(true) // the realm client requires S256
                    .end()
                    .build();
        }
        return tenant;
    }
}
