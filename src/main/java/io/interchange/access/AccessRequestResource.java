package io.interchange.access;

import io.interchange.access.AccessTypes.Direction;
import io.interchange.access.AccessTypes.RequestStatus;
import io.interchange.access.AccessViews.Decision;
import io.interchange.access.AccessViews.FileRequest;
import io.interchange.access.AccessViews.RequestView;
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

@Path("/api/v1/access-requests")
@Tag(name = "Access requests", description = "共享申请: filing, endorsement, decision on the working-day clock")
@SecurityRequirement(name = "bearer")
public class AccessRequestResource {

    @Inject
    AccessService access;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.CONSUMER)
    @Operation(
            summary = "File an access request (consumer)",
            description = "Legal basis, scenario, purpose, items, mode and valid-until are required (R25 Art. 20). "
                    + "The request waits for the endorsement of the requester's own data officer.")
    @Idempotent
    @Parameter(ref = Idempotent.HEADER)
    public Response file(FileRequest command) {
        RequestView filed = access.file(caller, ApiException.requireBody(command));
        return Response.created(URI.create("/api/v1/access-requests/" + filed.id()))
                .entity(filed)
                .build();
    }

    @GET
    @Authenticated
    @Operation(
            summary = "List requests of the caller's department",
            description = "`direction=incoming` lists requests "
                    + "for the department's resources, `outgoing` those it filed. hub-admin and hub-auditor see all.")
    public List<RequestView> list(@QueryParam("direction") String direction, @QueryParam("status") String status) {
        return access.list(
                caller,
                direction(direction),
                io.interchange.platform.Params.enumValue(RequestStatus.class, status, "status"));
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Read a request (its two departments, hub-admin, hub-auditor)")
    public RequestView get(@PathParam("id") UUID id) {
        return access.get(caller, id);
    }

    @POST
    @Path("{id}/endorse")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Endorse an outgoing request (requester's data officer)",
            description = "Starts the answer "
                    + "clock: 1 working day for UNCONDITIONAL resources (approved automatically unless configured otherwise), "
                    + "10 for CONDITIONAL.")
    public RequestView endorse(@PathParam("id") UUID id) {
        return access.endorse(caller, id);
    }

    @POST
    @Path("{id}/decision")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Decide an incoming request (provider's data officer)",
            description = "APPROVE (optionally "
                    + "narrowing items, valid-until, rate limit, naming raw items), REJECT with a reason, or NEEDS_INFO with "
                    + "everything missing listed at once.")
    public RequestView decide(@PathParam("id") UUID id, Decision decision) {
        return access.decide(caller, id, ApiException.requireBody(decision));
    }

    @POST
    @Path("{id}/authority-approval")
    @RolesAllowed(Roles.HUB_ADMIN)
    @Operation(summary = "Confirm or refuse the approval of a CORE request (hub-admin)")
    public RequestView authorityApproval(@PathParam("id") UUID id, Decision decision) {
        return access.authorityApproval(caller, id, ApiException.requireBody(decision));
    }

    @POST
    @Path("{id}/extend")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Extend the answer period once (provider's data officer)",
            description =
                    "`{workingDays, reason}`: at most 10 working days, counted on from the original due date; "
                            + "only while AWAITING_DECISION. The requester sees the reason, `originalDueAt` and the new `dueAt`.")
    public RequestView extend(@PathParam("id") UUID id, AccessViews.Extension extension) {
        return access.extend(caller, id, ApiException.requireBody(extension));
    }

    @POST
    @Path("{id}/resubmit")
    @RolesAllowed(Roles.CONSUMER)
    @Operation(
            summary = "Resubmit after NEEDS_INFO (consumer)",
            description = "Optional body amends items, legal basis, "
                    + "scenario or purpose. A full new answer period starts.")
    public RequestView resubmit(@PathParam("id") UUID id, FileRequest amendment) {
        return access.resubmit(caller, id, amendment);
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed(Roles.CONSUMER)
    @Operation(summary = "Withdraw a pending request (consumer)")
    public RequestView withdraw(@PathParam("id") UUID id) {
        return access.withdraw(caller, id);
    }

    private static Direction direction(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Direction.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("direction must be incoming or outgoing", "direction");
        }
    }
}
