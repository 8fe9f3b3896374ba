package io.interchange.console;

import io.interchange.directory.DepartmentService;
import io.interchange.platform.ApiException;
import io.interchange.platform.DemoIdentity;
import io.interchange.platform.DemoIdentity.DemoClient;
import io.interchange.platform.HubConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Demo sign-in: a page listing the seeded personas (department × role); choosing one stores a token the hub signed for
 * that persona in the console's session cookie. Only in demo identity mode — with an OIDC provider these paths are 404
 * and the console will use the provider's authorization-code flow instead.
 */
@Path("/console")
public class SignInPages {

    public record Persona(String clientId, String role) {}

    public record PersonaGroup(String department, List<Persona> personas) {}

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance signIn(Chrome c, List<PersonaGroup> groups, String error);
    }

    @Inject
    Pages pages;

    @Inject
    HubConfig config;

    @Inject
    DemoIdentity demo;

    @Inject
    DepartmentService departments;

    @GET
    @PermitAll
    public Response home() {
        return pages.redirect(ConsoleHttp.PATH + "/catalogue");
    }

    @GET
    @Path("sign-in")
    @PermitAll
    public Response signInPage() {
        requireDemo();
        return pages.render(Templates.signIn(pages.anonymousChrome(), groups(), null));
    }

    @POST
    @Path("sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("csrf") String csrf, @FormParam("persona") String persona) {
        requireDemo();
        pages.checkCsrf(csrf);
        DemoClient client = demo.client(persona).orElse(null);
        if (client == null) {
            return pages.render(422, Templates.signIn(pages.anonymousChrome(), groups(), "persona"));
        }
        return pages.redirect(
                ConsoleHttp.PATH + "/catalogue",
                pages.cookie(ConsoleHttp.SESSION_COOKIE, demo.issue(client), demo.lifetime()));
    }

    @POST
    @Path("sign-out")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf) {
        pages.checkCsrf(csrf);
        if (pages.codeFlow()) {
            // 307 keeps the POST and its CSRF token: the code flow's sign-out needs the authenticated session
            return Response.temporaryRedirect(java.net.URI.create(ConsoleOidc.SIGN_OUT))
                    .build();
        }
        return pages.redirect(ConsoleHttp.PATH + "/sign-in", pages.cookie(ConsoleHttp.SESSION_COOKIE, "", 0));
    }

    /** Switches the language and returns to the page it was switched on; remembered for a year. */
    @GET
    @Path("lang")
    @PermitAll
    public Response language(@QueryParam("to") String to, @QueryParam("back") String back) {
        String lang = "en".equals(to) ? "en" : "zh";
        return pages.redirect(
                ConsolePaths.safeBack(back), pages.cookie(ConsoleHttp.LANG_COOKIE, lang, 365 * 24 * 3600));
    }

    private void requireDemo() {
        if (!config.demo().active()) {
            throw ApiException.notFound("page", "sign-in");
        }
    }

    private List<PersonaGroup> groups() {
        List<DemoClient> clients = demo.clients();
        return departments.list().stream()
                .map(d -> new PersonaGroup(
                        pages.name(d),
                        clients.stream()
                                .filter(c -> c.department().equals(d.id()))
                                .map(c -> new Persona(
                                        c.clientId(),
                                        String.join(
                                                "、",
                                                c.roles().stream()
                                                        .map(Labels::role)
                                                        .toList())))
                                .toList()))
                .filter(g -> !g.personas().isEmpty())
                .toList();
    }

    @ServerExceptionMapper
    Response refused(ApiException e) {
        return pages.error(e);
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return pages.forbidden();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e) {
        return pages.signIn();
    }
}
