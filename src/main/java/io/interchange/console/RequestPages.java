package io.interchange.console;

import io.interchange.access.AccessService;
import io.interchange.access.AccessTypes.Direction;
import io.interchange.access.AccessTypes.Outcome;
import io.interchange.access.AccessViews.Decision;
import io.interchange.access.AccessViews.FileRequest;
import io.interchange.access.AccessViews.RequestView;
import io.interchange.access.CalendarService;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Access requests in the console: the request form for one resource, the department's own requests, the officers'
 * inbox (incoming and outgoing, overdue first, then by due date) and the endorse/decide forms. Every action goes
 * through {@link AccessService}, which checks role and department exactly as for the API.
 */
@Path("/console")
@Authenticated
public class RequestPages {

    /** A choosable data item, checked when the form (as typed) had it. */
    public record Choice(String name, String label, String mask, boolean checked) {}

    /** What was typed into the request form; kept when the server refuses it. */
    public record RequestForm(
            List<Choice> items, String legalBasis, String scenario, String purpose, String mode, String validUntil) {}

    public record ModeChoice(String value, String label, boolean selected) {}

    /** One request in a list, with what the lists show about it. */
    public record Row(
            RequestView r, String resource, String requester, String provider, String daysLeft, boolean incoming) {}

    /** What was typed into the decision form. */
    public record DecisionForm(String outcome, List<Choice> items, String reason, String missing, String validUntil) {}

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance requestForm(
                Chrome c,
                ResourceView r,
                String name,
                RequestForm form,
                List<ModeChoice> modes,
                Map<String, String> errors);

        static native TemplateInstance requests(Chrome c, List<Row> rows);

        static native TemplateInstance inbox(Chrome c, List<Row> incoming, List<Row> outgoing);

        static native TemplateInstance request(
                Chrome c,
                Row row,
                boolean canEndorse,
                boolean canDecide,
                DecisionForm decision,
                Map<String, String> errors,
                io.interchange.access.AccessViews.GrantView grant);
    }

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    AccessService access;

    @Inject
    CatalogService catalog;

    @Inject
    CalendarService calendar;

    // --- filing ---------------------------------------------------------------------------------------------------

    @GET
    @Path("resources/{id}/request")
    @RolesAllowed(Roles.CONSUMER)
    public Response requestForm(@PathParam("id") String id) {
        ResourceView r = catalog.get(caller, id);
        RequestForm form = new RequestForm(
                choices(r, List.of()),
                "",
                "",
                "",
                r.sharingModes().isEmpty() ? "" : r.sharingModes().get(0).name(),
                calendar.today().plusYears(1).toString());
        return pages.render(Templates.requestForm(pages.chrome(), r, name(r), form, modes(r, form.mode()), Map.of()));
    }

    @POST
    @Path("resources/{id}/request")
    @RolesAllowed(Roles.CONSUMER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response file(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("items") List<String> items,
            @FormParam("legalBasis") String legalBasis,
            @FormParam("scenario") String scenario,
            @FormParam("purpose") String purpose,
            @FormParam("mode") String mode,
            @FormParam("validUntil") String validUntil) {
        pages.checkCsrf(csrf);
        ResourceView r = catalog.get(caller, id);
        List<String> chosen = items == null ? List.of() : items;
        Map<String, String> errors = new LinkedHashMap<>();
        SharingMode sharingMode = parseEnum(SharingMode.class, mode, "mode", errors);
        LocalDate until = parseDate(validUntil, "validUntil", errors);
        RequestForm form = new RequestForm(
                choices(r, chosen), text(legalBasis), text(scenario), text(purpose), text(mode), text(validUntil));
        if (errors.isEmpty()) {
            try {
                RequestView filed = access.file(
                        caller, new FileRequest(id, chosen, legalBasis, scenario, purpose, sharingMode, until));
                return pages.redirect(ConsoleHttp.PATH + "/requests/" + filed.id());
            } catch (ApiException e) {
                if (e.code() != ErrorCode.VALIDATION_FAILED) {
                    throw e;
                }
                errors.putAll(Pages.fieldErrors(e));
            }
        }
        return pages.render(
                422,
                Templates.requestForm(
                        pages.chrome(), r, name(r), form, modes(r, form.mode()), pages.localized(errors)));
    }

    // --- lists ----------------------------------------------------------------------------------------------------

    /** The department's own (outgoing) requests. */
    @GET
    @Path("requests")
    public Response requests() {
        return pages.render(Templates.requests(pages.chrome(), rows(Direction.OUTGOING)));
    }

    @GET
    @Path("inbox")
    @RolesAllowed({Roles.DATA_OFFICER, Roles.HUB_ADMIN})
    public Response inbox() {
        return pages.render(Templates.inbox(pages.chrome(), rows(Direction.INCOMING), rows(Direction.OUTGOING)));
    }

    @GET
    @Path("requests/{id}")
    public Response request(@PathParam("id") String id) {
        RequestView r = access.get(caller, uuid(id));
        return page(200, r, decisionForm(r, "APPROVE", r.items(), "", "", ""), Map.of());
    }

    // --- actions --------------------------------------------------------------------------------------------------

    @POST
    @Path("requests/{id}/endorse")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endorse(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        pages.checkCsrf(csrf);
        RequestView r = access.endorse(caller, uuid(id));
        return pages.redirect(ConsoleHttp.PATH + "/requests/" + r.id());
    }

    @POST
    @Path("requests/{id}/decision")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("outcome") String outcome,
            @FormParam("items") List<String> items,
            @FormParam("reason") String reason,
            @FormParam("missing") String missing,
            @FormParam("validUntil") String validUntil) {
        pages.checkCsrf(csrf);
        UUID requestId = uuid(id);
        RequestView current = access.get(caller, requestId);
        List<String> chosen = items == null ? List.of() : items;
        Map<String, String> errors = new LinkedHashMap<>();
        Outcome result = parseEnum(Outcome.class, outcome, "outcome", errors);
        LocalDate until = blank(validUntil) ? null : parseDate(validUntil, "validUntil", errors);
        List<String> missingList = missing == null
                ? List.of()
                : Arrays.stream(missing.split("\\R"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (result == Outcome.REJECT && blank(reason)) {
            errors.put("reason", "is required to reject");
        }
        if (result == Outcome.NEEDS_INFO && missingList.isEmpty()) {
            errors.put("missing", "list everything that is missing, one per line");
        }
        if (result == Outcome.APPROVE && chosen.isEmpty()) {
            errors.put("items", "choose at least one item to approve");
        }
        if (errors.isEmpty()) {
            try {
                access.decide(
                        caller,
                        requestId,
                        new Decision(
                                result,
                                blank(reason) ? null : reason,
                                result == Outcome.APPROVE ? chosen : null,
                                null,
                                List.of(),
                                until,
                                null,
                                result == Outcome.NEEDS_INFO ? missingList : null));
                return pages.redirect(ConsoleHttp.PATH + "/requests/" + requestId);
            } catch (ApiException e) {
                if (e.code() != ErrorCode.VALIDATION_FAILED) {
                    throw e;
                }
                errors.putAll(Pages.fieldErrors(e));
            }
        }
        return page(
                422,
                current,
                decisionForm(current, text(outcome), chosen, text(reason), text(missing), text(validUntil)),
                errors);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private Response page(int status, RequestView r, DecisionForm decision, Map<String, String> errors) {
        boolean officer = caller.is(Roles.DATA_OFFICER);
        String own = caller.department();
        boolean canEndorse = officer
                && own.equals(r.requesterDepartment())
                && r.status() == io.interchange.access.AccessTypes.RequestStatus.AWAITING_ENDORSEMENT;
        boolean canDecide = officer
                && own.equals(r.providerDepartment())
                && r.status() == io.interchange.access.AccessTypes.RequestStatus.AWAITING_DECISION;
        Row row = row(r, pages.departmentNames());
        io.interchange.access.AccessViews.GrantView grant = null;
        if (r.grantId() != null) {
            try {
                grant = access.grant(caller, r.grantId());
            } catch (ApiException e) {
                // people of the two departments who may not read grants still see the request
            }
        }
        return pages.render(
                status,
                Templates.request(
                        pages.chrome(), row, canEndorse, canDecide, decision, pages.localized(errors), grant));
    }

    private DecisionForm decisionForm(
            RequestView r, String outcome, List<String> checked, String reason, String missing, String validUntil) {
        List<Choice> items = Pages.map(r.items(), name -> {
            Optional<ResourceView> resource = catalog.find(r.resourceId());
            String label = resource.flatMap(res -> res.item(name))
                    .map(i -> pages.en() && i.labelEn() != null ? i.labelEn() : i.label())
                    .orElse(name);
            String mask = resource.flatMap(res -> res.item(name))
                    .filter(i -> i.mask() != null && i.mask().kind() != null)
                    .map(i -> Labels.label(i.mask().kind()))
                    .orElse("");
            return new Choice(name, label, mask, checked.contains(name));
        });
        return new DecisionForm(outcome, items, reason, missing, validUntil);
    }

    /** The department's requests in one direction: overdue first, then the nearest due date, then the newest. */
    private List<Row> rows(Direction direction) {
        Map<String, String> departments = pages.departmentNames();
        return access.list(caller, direction, null).stream()
                .sorted(Comparator.comparing((RequestView r) -> !r.overdue())
                        .thenComparing(RequestView::dueAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(r -> row(r, departments))
                .toList();
    }

    private Row row(RequestView r, Map<String, String> departments) {
        String daysLeft = r.dueAt() == null || r.overdue() || !r.status().clockRunning()
                ? ""
                : Integer.toString(calendar.calendar().workingDaysBetween(calendar.today(), r.dueAt()));
        String resource = catalog.find(r.resourceId()).map(this::name).orElse(r.resourceId());
        boolean incoming = r.providerDepartment().equals(caller.department());
        return new Row(
                r,
                resource,
                departments.getOrDefault(r.requesterDepartment(), r.requesterDepartment()),
                departments.getOrDefault(r.providerDepartment(), r.providerDepartment()),
                daysLeft,
                incoming);
    }

    private List<Choice> choices(ResourceView r, List<String> checked) {
        return r.items().stream()
                .filter(i -> !Boolean.FALSE.equals(i.shared()))
                .map(i -> new Choice(
                        i.name(),
                        pages.en() && i.labelEn() != null ? i.labelEn() : i.label(),
                        i.mask() == null || i.mask().kind() == null
                                ? ""
                                : Labels.label(i.mask().kind()),
                        checked.contains(i.name())))
                .toList();
    }

    private List<ModeChoice> modes(ResourceView r, String selected) {
        return Stream.of(SharingMode.values())
                .filter(m -> r.sharingModes().contains(m))
                .map(m -> new ModeChoice(m.name(), Labels.label(m), m.name().equals(selected)))
                .toList();
    }

    private String name(ResourceView r) {
        return pages.en() && r.nameEn() != null ? r.nameEn() : r.name();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("access request", id);
        }
    }

    private static <E extends Enum<E>> E parseEnum(
            Class<E> type, String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            errors.put(field, "is required");
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.put(field, "is not one of the choices");
            return null;
        }
    }

    private static LocalDate parseDate(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            errors.put(field, "is required (YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
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
