package io.interchange.console;

import io.interchange.access.AccessViews.FileRequest;
import io.interchange.access.AccessViews.RequestView;
import io.interchange.access.CalendarService;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The request cart: collect several resources, choose items of each, fill legal basis, scenario, purpose, mode and
 * valid-until once, and file one request per resource. The cart lives in an HttpOnly cookie of resource ids only.
 */
@Path("/console/cart")
@RolesAllowed(Roles.CONSUMER)
public class CartPages {

    static final int MAX_ENTRIES = 10;
    private static final Pattern RESOURCE_ID = Pattern.compile("^[0-9]{6}-[0-9]{6}$");

    /** One resource in the cart with its choosable items and its own errors. */
    public record Entry(String id, String name, List<RequestPages.Choice> items, Map<String, String> errors) {}

    /** The fields the requests share, as typed. */
    public record Shared(String legalBasis, String scenario, String purpose, String mode, String validUntil) {}

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance cart(
                Chrome c,
                List<Entry> entries,
                Shared shared,
                List<RequestPages.ModeChoice> modes,
                Map<String, String> errors);
    }

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    CatalogService catalog;

    @Inject
    CalendarService calendar;

    @Inject
    CartFiling filing;

    @GET
    public Response cart() {
        Shared shared =
                new Shared("", "", "", "API", calendar.today().plusYears(1).toString());
        List<Entry> entries = new ArrayList<>();
        for (String id : pages.cart()) {
            entries.add(entry(catalog.get(caller, id), List.of(), Map.of()));
        }
        return pages.render(Templates.cart(pages.chrome(), entries, shared, modes(shared.mode()), Map.of()));
    }

    @POST
    @Path("add")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("csrf") String csrf, @FormParam("resourceId") String resourceId) {
        pages.checkCsrf(csrf);
        catalog.get(caller, resourceId); // must be visible to the caller
        List<String> cart = new ArrayList<>(pages.cart());
        if (!cart.contains(resourceId) && cart.size() < MAX_ENTRIES) {
            cart.add(resourceId);
        }
        return pages.redirect(ConsoleHttp.PATH + "/cart", cartCookie(cart));
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@FormParam("csrf") String csrf, @FormParam("remove") String resourceId) {
        pages.checkCsrf(csrf);
        List<String> cart = new ArrayList<>(pages.cart());
        cart.remove(resourceId);
        return pages.redirect(ConsoleHttp.PATH + "/cart", cartCookie(cart));
    }

    /** Files one request per resource, all or none; on refusal every error is shown and everything typed kept. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(MultivaluedMap<String, String> form) {
        pages.checkCsrf(form.getFirst("csrf"));
        Shared shared = new Shared(
                text(form.getFirst("legalBasis")),
                text(form.getFirst("scenario")),
                text(form.getFirst("purpose")),
                text(form.getFirst("mode")),
                text(form.getFirst("validUntil")));
        Map<String, String> errors = new LinkedHashMap<>();
        SharingMode mode = null;
        try {
            mode = SharingMode.valueOf(shared.mode());
        } catch (IllegalArgumentException e) {
            errors.put("mode", "is not one of the choices");
        }
        LocalDate until = null;
        try {
            until = LocalDate.parse(shared.validUntil().strip());
        } catch (DateTimeParseException e) {
            errors.put("validUntil", "is not a date (YYYY-MM-DD)");
        }
        List<String> ids = pages.cart();
        if (ids.isEmpty()) {
            errors.put("cart", "is empty");
        }
        List<ResourceView> resources =
                ids.stream().map(id -> catalog.get(caller, id)).toList();
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        for (ResourceView r : resources) {
            List<String> items = form.get("items-" + r.id());
            chosen.put(r.id(), items == null ? List.of() : items);
        }
        Map<String, Map<String, String>> byResource = new LinkedHashMap<>();
        if (errors.isEmpty()) {
            SharingMode m = mode;
            LocalDate u = until;
            List<FileRequest> requests = resources.stream()
                    .map(r -> new FileRequest(
                            r.id(), chosen.get(r.id()), shared.legalBasis(), shared.scenario(), shared.purpose(), m, u))
                    .toList();
            try {
                List<RequestView> filed = filing.fileAll(caller, requests);
                return pages.redirect(ConsoleHttp.PATH + "/requests?filed=" + filed.size(), cartCookie(List.of()));
            } catch (CartFiling.Refused refused) {
                byResource = refused.errors;
                errors.putAll(byResource.getOrDefault("", Map.of()));
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (ResourceView r : resources) {
            entries.add(entry(r, chosen.get(r.id()), pages.localized(byResource.getOrDefault(r.id(), Map.of()))));
        }
        if (errors.isEmpty()) {
            errors.put("cart", "see the resources below");
        }
        return pages.render(
                422, Templates.cart(pages.chrome(), entries, shared, modes(shared.mode()), pages.localized(errors)));
    }

    private Entry entry(ResourceView r, List<String> checked, Map<String, String> errors) {
        List<RequestPages.Choice> items = r.items().stream()
                .filter(i -> !Boolean.FALSE.equals(i.shared()))
                .map(i -> new RequestPages.Choice(
                        i.name(),
                        pages.en() && i.labelEn() != null ? i.labelEn() : i.label(),
                        i.mask() == null || i.mask().kind() == null
                                ? ""
                                : Labels.label(i.mask().kind()),
                        checked.contains(i.name())))
                .toList();
        String name = pages.en() && r.nameEn() != null ? r.nameEn() : r.name();
        return new Entry(r.id(), name, items, errors);
    }

    private static List<RequestPages.ModeChoice> modes(String selected) {
        return Stream.of(SharingMode.values())
                .map(m -> new RequestPages.ModeChoice(
                        m.name(), Labels.label(m), m.name().equals(selected)))
                .toList();
    }

    private jakarta.ws.rs.core.NewCookie cartCookie(List<String> ids) {
        return ids.isEmpty()
                ? pages.cookie(ConsoleHttp.CART_COOKIE, "", 0)
                : pages.cookie(ConsoleHttp.CART_COOKIE, String.join(".", ids), -1);
    }

    /** The ids in a cart cookie; anything that is not a resource id is dropped. */
    static List<String> parse(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return List.of();
        }
        return Stream.of(cookie.split("\\."))
                .filter(id -> RESOURCE_ID.matcher(id).matches())
                .distinct()
                .limit(MAX_ENTRIES)
                .toList();
    }

    private static String text(String value) {
        return value == null ? "" : value;
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
