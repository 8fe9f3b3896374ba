package io.interchange.console;

import io.interchange.ledger.EntryQuery;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Page;
import io.interchange.platform.Params;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The ledger for auditors: entries of their department (hub auditors: all), with filters. */
@Path("/console/ledger")
@RolesAllowed({Roles.AUDITOR, Roles.HUB_AUDITOR})
public class LedgerPages {

    static final int PAGE_SIZE = 100;

    public record Filters(String resource, String department, String kind, String from, String to) {}

    public record Entry(
            String at,
            String kind,
            String requester,
            String provider,
            String resource,
            String what,
            String outcome,
            String fields) {}

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance ledger(
                Chrome c, Filters filters, List<Entry> entries, List<String> kinds, String nextHref);
    }

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    LedgerService ledger;

    @GET
    public Response entries(
            @QueryParam("resource") String resource,
            @QueryParam("department") String department,
            @QueryParam("kind") String kind,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        Filters filters = new Filters(resource, department, kind, from, to);
        Page<Map<String, Object>> page = ledger.list(
                caller,
                new EntryQuery(
                        CataloguePages.blank(resource),
                        CataloguePages.blank(department),
                        Params.enumValue(LedgerService.Kind.class, CataloguePages.blank(kind), "kind"),
                        day(from, "from", 0),
                        day(to, "to", 1),
                        PAGE_SIZE,
                        CataloguePages.blank(cursor)));
        Map<String, String> departments = pages.departmentNames();
        List<Entry> entries = Pages.map(page.items(), e -> entry(e, departments));
        String next = null;
        if (page.nextCursor() != null) {
            next = ConsolePaths.query(
                    ConsoleHttp.PATH + "/ledger",
                    ConsolePaths.params(
                            "resource",
                            resource,
                            "department",
                            department,
                            "kind",
                            kind,
                            "from",
                            from,
                            "to",
                            to,
                            "cursor",
                            page.nextCursor()));
        }
        List<String> kinds = List.of("EXCHANGE", "ADMIN", "SUBJECT_REPORT");
        return pages.render(Templates.ledger(pages.chrome(), filters, entries, kinds, next));
    }

    private static Entry entry(Map<String, Object> e, Map<String, String> departments) {
        String requester = text(e.get("requesterDepartment"));
        if (requester.isEmpty()) {
            requester = text(e.get("department"));
        }
        String provider = text(e.get("providerDepartment"));
        Object object = e.get("object");
        String resource = text(e.get("resourceId"));
        if (resource.isEmpty() && object instanceof Map<?, ?> o) {
            resource = text(o.get("type")) + " " + text(o.get("id"));
        }
        String what = e.get("operation") != null ? text(e.get("operation")) : text(e.get("action"));
        String kind = text(e.get("kind"));
        try {
            kind = Labels.label(LedgerService.Kind.valueOf(kind));
        } catch (IllegalArgumentException ignored) {
            // an unknown kind is shown as stored
        }
        return new Entry(
                text(e.get("at")),
                kind,
                departments.getOrDefault(requester, requester),
                departments.getOrDefault(provider, provider),
                resource,
                what,
                text(e.get("outcome")),
                e.get("fields") instanceof List<?> l
                        ? String.join(", ", l.stream().map(String::valueOf).toList())
                        : "");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private OffsetDateTime day(String value, String field, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip())
                    .plusDays(plusDays)
                    .atStartOfDay(pages.config.timeZone())
                    .toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " is not a date (YYYY-MM-DD)", field);
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
