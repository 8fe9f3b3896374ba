package io.interchange.ledger;

import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Page;
import io.interchange.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/ledger")
@Tag(name = "Ledger", description = "The exchange and administration log")
@SecurityRequirement(name = "bearer")
public class LedgerResource {

    @Inject
    LedgerService ledger;

    @Inject
    Caller caller;

    @Inject
    HubConfig config;

    @GET
    @Path("entries")
    @RolesAllowed({Roles.AUDITOR, Roles.HUB_AUDITOR})
    @Operation(
            summary = "List ledger entries",
            description = "Auditors see entries where their department is the requester or the provider; "
                    + "hub-auditors see all. Personal values appear only as `hmac:<keyId>:<hex>`.")
    public Page<Map<String, Object>> entries(
            @QueryParam("resource") String resource,
            @QueryParam("department") String department,
            @QueryParam("kind") String kind,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int pageSize = Cursors.limit(
                limit, config.exchange().defaultLimit(), config.exchange().maxLimit());
        return ledger.list(
                caller,
                new EntryQuery(
                        resource,
                        department,
                        io.interchange.platform.Params.enumValue(LedgerService.Kind.class, kind, "kind"),
                        instant(from, "from"),
                        instant(to, "to"),
                        pageSize,
                        cursor));
    }

    private static OffsetDateTime instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant with offset", name);
        }
    }
}
