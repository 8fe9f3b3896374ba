package io.interchange.console;

import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The code flow's entry: without a session, this page answers with quarkus-oidc's challenge, the redirect to the
 * provider's login page (the other pages send people here; the API's problem+json 401 would not do for a browser),
 * and after sign-in the browser returns here and goes on to the catalogue. {@code /console/signed-out} is where the
 * provider sends the browser after logout.
 */
@Path("/console")
public class OidcSignInPages {

    @Inject
    Pages pages;

    @Inject
    ConsoleOidc oidc;

    @GET
    @Path("oidc/sign-in")
    @Authenticated
    public Response signIn() {
        return pages.redirect(ConsoleHttp.PATH + "/catalogue");
    }

    @Inject
    io.quarkus.oidc.OidcSession session;

    @Inject
    io.quarkus.oidc.OidcConfigurationMetadata metadata;

    @Inject
    io.vertx.core.http.HttpServerRequest request;

    /** Ends the session here and at the provider; reached from the sign-out form (307, with its CSRF token). */
    @jakarta.ws.rs.POST
    @Path("oidc/sign-out")
    @Authenticated
    @io.smallrye.common.annotation.Blocking
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(@jakarta.ws.rs.FormParam("csrf") String csrf) {
        pages.checkCsrf(csrf);
        return oidc.logout(session, metadata.getEndSessionUri(), request.scheme() + "://" + request.host());
    }

    /** The challenge of the console's tenant (a 302 to the provider, with its state cookie), as the response. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Uni<Response> challenge(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator == null || !oidc.active()) {
            return Uni.createFrom().item(pages.signIn());
        }
        return authenticator.getChallenge(context).map(challenge -> {
            if (challenge == null) {
                return Response.status(Response.Status.UNAUTHORIZED).build();
            }
            Response.ResponseBuilder response = Response.status(challenge.status);
            challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            return response.build();
        });
    }

    @GET
    @Path("signed-out")
    @PermitAll
    public Response signedOut() {
        if (!oidc.active()) {
            return pages.redirect(ConsoleHttp.PATH + "/sign-in");
        }
        return pages.error(200, null);
    }
}
