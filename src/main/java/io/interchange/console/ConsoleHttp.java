package io.interchange.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The console's HTTP edge, for {@code /console} only: strict security headers on every response, and the browser
 * session. The session cookie holds the same signed access token an application would send as a bearer token; it is
 * handed to quarkus-oidc as the {@code Authorization} header, so the console and the API share one verifier and one
 * notion of the caller (roles, department) — {@link io.interchange.platform.Caller} is unchanged. The cookie is
 * HttpOnly, SameSite=Strict and scoped to {@code /console}, so it never reaches the JSON API; console forms carry a
 * CSRF token besides ({@link Pages#checkCsrf}).
 */
@ApplicationScoped
public class ConsoleHttp {

    public static final String SESSION_COOKIE = "interchange-console";
    public static final String CSRF_COOKIE = "interchange-console-csrf";
    public static final String LANG_COOKIE = "interchange-console-lang";
    public static final String CART_COOKIE = "interchange-console-cart";
    public static final String PATH = "/console";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

    @jakarta.inject.Inject
    ConsoleOidc oidc;

    void install(@Observes Router router) {
        // With the code flow, signing out is a form whose redirects end at the provider's logout endpoint.
        String csp = oidc.providerOrigin()
                .map(origin -> CSP.replace("form-action 'self'", "form-action 'self' " + origin))
                .orElse(CSP);
        router.route(PATH + "*").order(Integer.MIN_VALUE + 1).handler(rc -> {
            rc.response()
                    .putHeader("Content-Security-Policy", csp)
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "same-origin")
                    .putHeader("Cache-Control", "no-store");
            HttpServerRequest request = rc.request();
            // The sign-in page must open even with an expired session; everything else authenticates from the cookie.
            if (!request.headers().contains(HttpHeaders.AUTHORIZATION)
                    && !rc.normalizedPath().startsWith(PATH + "/sign-in")) {
                Cookie session = request.getCookie(SESSION_COOKIE);
                if (session != null && !session.getValue().isBlank()) {
                    request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + session.getValue());
                }
            }
            rc.next();
        });
    }
}
