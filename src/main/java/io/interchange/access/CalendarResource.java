package io.interchange.access;

import io.interchange.access.CalendarService.CalendarCommand;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/calendar")
@Tag(name = "Calendar", description = "Working days with public holidays and make-up days (调休)")
@SecurityRequirement(name = "bearer")
public class CalendarResource {

    public record Due(LocalDate from, int workingDays, LocalDate due) {}

    @Inject
    CalendarService calendar;

    @Inject
    Caller caller;

    @GET
    @Path("due")
    @Authenticated
    @Operation(
            summary = "Working-day arithmetic",
            description =
                    "The day `from` does not count; day 1 is the next "
                            + "working day; the answer is the last day of the period. The same function sets request deadlines.")
    public Due due(@QueryParam("from") String from, @QueryParam("workingDays") Integer workingDays) {
        LocalDate start;
        try {
            start = LocalDate.parse(from == null ? "" : from);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("from must be a date YYYY-MM-DD", "from");
        }
        if (workingDays == null || workingDays < 0 || workingDays > 3660) {
            throw ApiException.badRequest("workingDays must be between 0 and 3660", "workingDays");
        }
        return new Due(start, workingDays, calendar.due(start, workingDays));
    }

    @GET
    @Path("{year}")
    @Authenticated
    @Operation(
            summary = "The calendar of one year",
            description =
                    "404 when no calendar is loaded for the year " + "(deadlines then fall back to Monday–Friday).")
    public YearCalendar year(@PathParam("year") int year) {
        return calendar.calendar()
                .year(year)
                .orElseThrow(() -> ApiException.notFound("calendar", Integer.toString(year)));
    }

    @PUT
    @Path("{year}")
    @RolesAllowed(Roles.HUB_ADMIN)
    @Operation(
            summary = "Load or replace the calendar of one year (hub-admin)",
            description = "`{year, holidays: [dates], workdays: [dates]}`: every day off (weekends included) and the "
                    + "make-up working days on a Saturday or Sunday. Ledgered with the previous calendar; deadlines "
                    + "counted from now on use it (requests already due keep their date).")
    public YearCalendar put(@PathParam("year") int year, CalendarCommand command) {
        return calendar.put(caller, year, ApiException.requireBody(command));
    }
}
