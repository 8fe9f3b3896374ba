package io.interchange.access;

import io.interchange.access.AccessViews.DisposalCommand;
import io.interchange.access.AccessViews.GrantEventView;
import io.interchange.access.AccessViews.GrantView;
import io.interchange.access.AccessViews.StatusChange;
import io.interchange.access.AccessViews.Suspension;
import io.interchange.access.AccessViews.UsageRecordCommand;
import io.interchange.access.AccessViews.UsageRecordView;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Roles;
import io.interchange.platform.idempotency.Idempotent;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/grants")
@Tag(name = "Grants", description = "What an approval allows: items, raw items, validity, rate limit")
@SecurityRequirement(name = "bearer")
public class GrantResource {

    @Inject
    AccessService access;

    @Inject
    GrantService grants;

    @Inject
    Caller caller;

    @GET
    @Authenticated
    @Operation(summary = "List grants where the caller's department is a party")
    public List<GrantView> list(@QueryParam("resource") String resourceId) {
        return access.grants(caller, resourceId);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Read a grant (its two departments, hub-admin, hub-auditor)")
    public GrantView get(@PathParam("id") UUID id) {
        return access.grant(caller, id);
    }

    @POST
    @Path("{id}/suspend")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Suspend an ACTIVE grant (provider's data officer)",
            description = "`{reason, fixBy}`: misuse must be fixed by the date `fixBy` (R25 Art. 27). The broker "
                    + "refuses queries with GRANT_SUSPENDED from the next call on.")
    public GrantView suspend(@PathParam("id") UUID id, Suspension command) {
        return grants.suspend(caller, id, ApiException.requireBody(command));
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(summary = "Resume a SUSPENDED grant (provider's data officer)", description = "`{reason}`")
    public GrantView resume(@PathParam("id") UUID id, StatusChange command) {
        return grants.resume(caller, id, ApiException.requireBody(command));
    }

    @POST
    @Path("{id}/revoke")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Revoke an ACTIVE or SUSPENDED grant for good (provider's data officer)",
            description = "`{reason}`; a new request is needed to share again.")
    public GrantView revoke(@PathParam("id") UUID id, StatusChange command) {
        return grants.revoke(caller, id, ApiException.requireBody(command));
    }

    @GET
    @Path("{id}/events")
    @Authenticated
    @Operation(summary = "Status changes of a grant with actor and reason (parties, hub-admin, hub-auditor)")
    public List<GrantEventView> events(@PathParam("id") UUID id) {
        return grants.events(caller, id);
    }

    @POST
    @Path("{id}/usage-records")
    @RolesAllowed(Roles.CONSUMER)
    @Operation(
            summary = "Add a usage record (consumer of the requesting department)",
            description = "`{scenario, process, results, storage, destruction}`, all required (R25 Art. 29). Kept for "
                    + "`interchange.access.usage-retention-years` (at least 3); records cannot be deleted.")
    @Idempotent
    @Parameter(ref = Idempotent.HEADER)
    public Response recordUsage(@PathParam("id") UUID id, UsageRecordCommand command) {
        UsageRecordView record = grants.recordUsage(caller, id, ApiException.requireBody(command));
        return Response.created(URI.create("/api/v1/grants/" + id + "/usage-records"))
                .entity(record)
                .build();
    }

    @GET
    @Path("{id}/usage-records")
    @Authenticated
    @Operation(summary = "Usage records of a grant (its two departments, hub-admin, hub-auditor)")
    public List<UsageRecordView> usageRecords(@PathParam("id") UUID id) {
        return grants.usageRecords(caller, id);
    }

    @POST
    @Path("{id}/disposal")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Attest disposal of the data (requester's data officer)",
            description = "`{method, completedOn, statement}`, once, after the grant ENDED, EXPIRED or was REVOKED "
                    + "(R25 Art. 27). The grant shows `disposalAttestedAt`.")
    public GrantView disposal(@PathParam("id") UUID id, DisposalCommand command) {
        return grants.attestDisposal(caller, id, ApiException.requireBody(command));
    }
}
