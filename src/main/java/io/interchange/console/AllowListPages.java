package io.interchange.console;

import io.interchange.directory.DepartmentService;
import io.interchange.directory.DepartmentView;
import io.interchange.exchange.upstream.HostEntry;
import io.interchange.exchange.upstream.HostRules;
import io.interchange.exchange.upstream.UpstreamHostService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The authority's view of every department's upstream-host allow-list, one entry added or removed at a time. Each
 * change is a {@link UpstreamHostService#replace} of the whole list, so the service's rules and its ledger entry apply
 * exactly as through {@code PUT /api/v1/departments/{id}/upstream-hosts}.
 */
@Path("/console/authority/upstream-hosts")
@RolesAllowed(Roles.HUB_ADMIN)
public class AllowListPages {

    /** One entry as listed, with what its spelling implies: plain http, a private address, a name (public only). */
    public record Entry(String scheme, String host, int port, boolean http, boolean privateAddress, boolean name) {}

    /** The add form as typed. */
    public record Form(String scheme, String host, String port) {}

    public record Department(
            String id,
            String name,
            List<Entry> entries,
            String version,
            Form form,
            Map<String, String> errors,
            boolean changed) {}

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance upstreamHosts(Chrome c, List<Department> departments, String saved);
    }

    private static final Form EMPTY = new Form("https", "", "443");
    private static final Pattern ENTRY_FIELD = Pattern.compile("^\\[(\\d+)]\\.(scheme|host|port)$");

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    DepartmentService departments;

    @Inject
    UpstreamHostService hosts;

    @GET
    public Response list(@QueryParam("saved") String saved) {
        String savedName = null;
        if (saved != null) {
            savedName = departments.find(saved).map(pages::name).orElse(null);
        }
        return pages.render(Templates.upstreamHosts(pages.chrome(), page(null, null, Map.of(), false), savedName));
    }

    @POST
    @Path("{department}/add")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(
            @PathParam("department") String department,
            @RestForm String csrf,
            @RestForm String version,
            @RestForm String scheme,
            @RestForm String host,
            @RestForm String port) {
        pages.checkCsrf(csrf);
        Form form = new Form(scheme, host, port);
        List<HostEntry> current = hosts.list(caller, department);
        if (!version(current).equals(version)) {
            return pages.render(
                    409, Templates.upstreamHosts(pages.chrome(), page(department, form, Map.of(), true), null));
        }
        List<HostEntry> after = new ArrayList<>(current);
        int index = after.size();
        after.add(new HostEntry(trim(scheme), trim(host), port(port)));
        try {
            hosts.replace(caller, department, after);
        } catch (ApiException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            Map<String, String> errors = pages.localized(errorsOf(e, index));
            return pages.render(
                    422, Templates.upstreamHosts(pages.chrome(), page(department, form, errors, false), null));
        }
        return saved(department);
    }

    @POST
    @Path("{department}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(
            @PathParam("department") String department,
            @RestForm String csrf,
            @RestForm String version,
            @RestForm String scheme,
            @RestForm String host,
            @RestForm String port) {
        pages.checkCsrf(csrf);
        List<HostEntry> current = hosts.list(caller, department);
        if (!version(current).equals(version)) {
            return pages.render(
                    409, Templates.upstreamHosts(pages.chrome(), page(department, null, Map.of(), true), null));
        }
        HostEntry gone = new HostEntry(scheme, host, port(port));
        List<HostEntry> after = new ArrayList<>(current);
        if (!after.remove(gone)) {
            throw ApiException.notFound("allow-list entry", gone.toString());
        }
        hosts.replace(caller, department, after);
        return saved(department);
    }

    private Response saved(String department) {
        return pages.redirect(ConsoleHttp.PATH + "/authority/upstream-hosts?saved=" + ConsolePaths.encode(department)
                + "#dept-" + ConsolePaths.encode(department));
    }

    /** Every department with its list; the one just submitted keeps what was typed and its errors. */
    private List<Department> page(String submitted, Form form, Map<String, String> errors, boolean changed) {
        List<Department> out = new ArrayList<>();
        for (DepartmentView d : departments.list()) {
            List<HostEntry> entries = hosts.list(caller, d.id());
            boolean here = d.id().equals(submitted);
            out.add(new Department(
                    d.id(),
                    pages.name(d),
                    Pages.map(entries, AllowListPages::entry),
                    version(entries),
                    here && form != null ? form : EMPTY,
                    here ? errors : Map.of(),
                    here && changed));
        }
        return out;
    }

    static Entry entry(HostEntry e) {
        boolean name = HostRules.kind(e.host()) == HostRules.Kind.NAME;
        boolean privateAddress = !name && !HostRules.isPublic(HostRules.literal(e.host()));
        return new Entry(e.scheme(), e.host(), e.port(), "http".equals(e.scheme()), privateAddress, name);
    }

    /**
     * The list as the page showed it. A change is made against that list only: when another change came in between,
     * the form is refused rather than silently undoing the other one.
     */
    static String version(List<HostEntry> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            entries.forEach(e -> sha.update((e + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's errors on the added entry ({@code [n].host}) by form field; the others (list size) apart. */
    static Map<String, String> errorsOf(ApiException e, int index) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError f : e.toProblem().errors()) {
            Matcher m = ENTRY_FIELD.matcher(f.field());
            String field = m.matches() && Integer.parseInt(m.group(1)) == index ? m.group(2) : "list";
            errors.merge(field, f.message(), (a, b) -> a.equals(b) ? a : a + "; " + b);
        }
        return errors;
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    /** Not a number: no port, which the service refuses with its own words. */
    private static Integer port(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
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
