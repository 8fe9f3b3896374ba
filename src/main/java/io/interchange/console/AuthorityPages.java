package io.interchange.console;

import io.interchange.access.CalendarService;
import io.interchange.access.CalendarService.CalendarCommand;
import io.interchange.access.YearCalendar;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.ResourceQuery;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The authority's (hub-admin) pages: the review queue with publish and reject, and the working-day calendar per year.
 * Publishing, rejecting and calendar changes go through {@link CatalogService} and {@link CalendarService}, which
 * ledger them.
 */
@Path("/console/authority")
@RolesAllowed(Roles.HUB_ADMIN)
public class AuthorityPages {

    public record Pending(ResourceView r, String name, String provider, String error) {}

    /** The calendar as typed: one date per line. */
    public record CalendarForm(int year, String holidays, String workdays, boolean exists) {}

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance review(Chrome c, List<Pending> queue, Map<String, String> errors);

        static native TemplateInstance calendar(
                Chrome c, CalendarForm form, List<Integer> years, Map<String, String> errors, boolean saved);
    }

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    CatalogService catalog;

    @Inject
    CalendarService calendar;

    @GET
    @Path("review")
    public Response review() {
        return pages.render(Templates.review(pages.chrome(), queue(null, null), Map.of()));
    }

    @POST
    @Path("review/{id}/publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@PathParam("id") String id, @RestForm String csrf) {
        pages.checkCsrf(csrf);
        catalog.publish(caller, id);
        return pages.redirect(ConsoleHttp.PATH + "/authority/review?published=" + ConsolePaths.encode(id));
    }

    @POST
    @Path("review/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(@PathParam("id") String id, @RestForm String csrf, @RestForm String reason) {
        pages.checkCsrf(csrf);
        try {
            catalog.reject(caller, id, reason);
        } catch (ApiException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            Map<String, String> errors = pages.localized(Pages.fieldErrors(e));
            return pages.render(
                    422, Templates.review(pages.chrome(), queue(id, errors.get("reason")), Map.of("reason", id)));
        }
        return pages.redirect(ConsoleHttp.PATH + "/authority/review");
    }

    /** New submissions and changes of published resources waiting for review, oldest first. */
    private List<Pending> queue(String errorFor, String error) {
        Map<String, String> departments = pages.departmentNames();
        List<ResourceView> waiting = new ArrayList<>(search(ResourceStatus.SUBMITTED));
        search(ResourceStatus.PUBLISHED).stream()
                .filter(ResourceView::pendingChange)
                .forEach(waiting::add);
        return waiting.stream()
                .map(r -> new Pending(
                        r,
                        pages.en() && r.nameEn() != null ? r.nameEn() : r.name(),
                        departments.getOrDefault(r.provider().id(), r.provider().name()),
                        r.id().equals(errorFor) ? error : null))
                .toList();
    }

    private List<ResourceView> search(ResourceStatus status) {
        List<ResourceView> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = catalog.list(
                    caller,
                    new ResourceQuery(
                            null, null, null, null, null, null, null, status, ResourceQuery.Sort.UPDATED, 100, cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < 1000);
        return all;
    }

    // --- calendar -------------------------------------------------------------------------------------------------

    @GET
    @Path("calendar")
    public Response calendar(@QueryParam("year") Integer year, @QueryParam("saved") boolean saved) {
        int y = year == null ? calendar.today().getYear() : year;
        if (y < 2000 || y > 2100) {
            throw ApiException.notFound("calendar", Integer.toString(y));
        }
        Optional<YearCalendar> current = calendar.calendar().year(y);
        CalendarForm form = new CalendarForm(
                y,
                current.map(c -> lines(c.holidays())).orElse(""),
                current.map(c -> lines(c.workdays())).orElse(""),
                current.isPresent());
        return pages.render(Templates.calendar(pages.chrome(), form, years(), Map.of(), saved));
    }

    @POST
    @Path("calendar/{year}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveCalendar(
            @PathParam("year") int year, @RestForm String csrf, @RestForm String holidays, @RestForm String workdays) {
        pages.checkCsrf(csrf);
        CalendarForm form = new CalendarForm(
                year,
                holidays == null ? "" : holidays,
                workdays == null ? "" : workdays,
                calendar.calendar().year(year).isPresent());
        try {
            calendar.put(caller, year, new CalendarCommand(year, split(holidays), split(workdays)));
        } catch (ApiException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            return pages.render(
                    422,
                    Templates.calendar(pages.chrome(), form, years(), pages.localized(Pages.fieldErrors(e)), false));
        }
        return pages.redirect(ConsoleHttp.PATH + "/authority/calendar?year=" + year + "&saved=true");
    }

    private List<Integer> years() {
        int thisYear = calendar.today().getYear();
        List<Integer> years = new ArrayList<>();
        calendar.calendar().years().forEach(c -> years.add(c.year()));
        for (int y = thisYear - 1; y <= thisYear + 1; y++) {
            if (!years.contains(y)) {
                years.add(y);
            }
        }
        years.sort(null);
        return years;
    }

    private static String lines(List<LocalDate> days) {
        return days.stream().map(LocalDate::toString).collect(Collectors.joining("\n"));
    }

    /** One date per line (commas and spaces also separate); the service checks each date. */
    private static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,，]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
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
