package io.interchange.access;

import io.interchange.access.ObjectionTypes.ObjectionStatus;
import io.interchange.access.ObjectionTypes.PartyRole;
import io.interchange.access.ObjectionViews.EscalationCommand;
import io.interchange.access.ObjectionViews.FileObjection;
import io.interchange.access.ObjectionViews.ObjectionView;
import io.interchange.access.ObjectionViews.RatingCommand;
import io.interchange.access.ObjectionViews.ReplyCommand;
import io.interchange.access.ObjectionViews.TransferCommand;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Page;
import io.interchange.platform.Params;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/objections")
@Tag(name = "Objections", description = "数据异议 and disputes (R25 Art. 26, 28)")
@SecurityRequirement(name = "bearer")
public class ObjectionResource {

    @Inject
    ObjectionService objections;

    @Inject
    Caller caller;

    @Inject
    HubConfig config;

    @POST
    @RolesAllowed({Roles.CONSUMER, Roles.DATA_OFFICER, Roles.STEWARD})
    @Operation(
            summary = "File an objection against another department's published resource",
            description = "`{type, resourceId, description, recordKey?, relatedRequestId? (REQUEST_DECISION), "
                    + "relatedGrantId? (DATA_USE)}`. The provider handles it and replies within 10 working days "
                    + "(`replyDueAt`); meanwhile the resource shows `underVerification`. Filed by an application, "
                    + "data officer or steward; not against the caller's own resource (422).")
    @Idempotent
    @Parameter(ref = Idempotent.HEADER)
    public Response file(FileObjection command) {
        ObjectionView filed = objections.file(caller, ApiException.requireBody(command));
        return Response.created(URI.create("/api/v1/objections/" + filed.id()))
                .entity(filed)
                .build();
    }

    @GET
    @Authenticated
    @Operation(
            summary = "List the department's objections",
            description = "`role=filed` (raised by the department) or `received` (handled by it now or before a "
                    + "transfer); both without `role`. hub-admin and hub-auditor see all. Paged with `limit` and "
                    + "`cursor`.")
    public Page<ObjectionView> list(
            @QueryParam("role") String role,
            @QueryParam("status") String status,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int pageSize = Cursors.limit(
                limit, config.exchange().defaultLimit(), config.exchange().maxLimit());
        return objections.list(
                caller,
                Params.enumValue(PartyRole.class, role, "role"),
                Params.enumValue(ObjectionStatus.class, status, "status"),
                pageSize,
                cursor);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Read an objection (its parties, hub-admin, hub-auditor)")
    public ObjectionView get(@PathParam("id") UUID id) {
        return objections.get(caller, id);
    }

    @POST
    @Path("{id}/reply")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Reply (data officer of the handling department)",
            description = "`{reply, corrected}` while OPEN; a reply after `replyDueAt` is accepted and marked late.")
    public ObjectionView reply(@PathParam("id") UUID id, ReplyCommand command) {
        return objections.reply(caller, id, ApiException.requireBody(command));
    }

    @POST
    @Path("{id}/transfer")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Transfer to another department (data officer of the handling department)",
            description = "`{toDepartment, reason}` while OPEN. The receiving department gets a full new reply "
                    + "period from the transfer; the history keeps every earlier due date.")
    public ObjectionView transfer(@PathParam("id") UUID id, TransferCommand command) {
        return objections.transfer(caller, id, ApiException.requireBody(command));
    }

    @POST
    @Path("{id}/rate")
    @RolesAllowed({Roles.CONSUMER, Roles.DATA_OFFICER, Roles.STEWARD})
    @Operation(
            summary = "Rate the handling (the filing department)",
            description = "`{rating 1–5, resolved, comment?}` once ANSWERED: resolved closes the objection "
                    + "(RESOLVED), otherwise it becomes UNRESOLVED and may be escalated.")
    public ObjectionView rate(@PathParam("id") UUID id, RatingCommand command) {
        return objections.rate(caller, id, ApiException.requireBody(command));
    }

    @POST
    @Path("{id}/escalate")
    @RolesAllowed({Roles.DATA_OFFICER, Roles.HUB_ADMIN})
    @Operation(
            summary = "Take a dispute one step up, or record the outcome of its current step",
            description = "`{step, note}` opens `step` — NEGOTIATION → SAME_LEVEL_AUTHORITY → "
                    + "COMMON_SUPERIOR_AUTHORITY → PEOPLES_GOVERNMENT, none skipped (409 "
                    + "DISPUTE_STEP_OUT_OF_ORDER) — by a data officer of the filing or handling department. "
                    + "`{step, outcome, note}` closes the current step: SETTLED or NOT_SETTLED (DECIDED or SETTLED "
                    + "at PEOPLES_GOVERNMENT), recorded by a party's data officer for NEGOTIATION and by hub-admin "
                    + "for the authority steps. SETTLED and DECIDED close the objection.")
    public ObjectionView escalate(@PathParam("id") UUID id, EscalationCommand command) {
        return objections.escalate(caller, id, ApiException.requireBody(command));
    }
}
