package io.interchange.directory;

import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Page;
import io.interchange.platform.Roles;
import io.interchange.platform.outbox.DeliveryLog;
import io.interchange.platform.outbox.DeliveryLog.DeliveryView;
import io.interchange.platform.outbox.Webhooks;
import io.interchange.platform.outbox.Webhooks.WebhookCommand;
import io.interchange.platform.outbox.Webhooks.WebhookView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A department's webhook (API.md): only its own data officers see or set it. */
@Path("/api/v1/departments/{id}/webhook")
@Tag(name = "Directory")
@SecurityRequirement(name = "bearer")
public class WebhookResource {

    @Inject
    Webhooks webhooks;

    @Inject
    DeliveryLog log;

    @Inject
    DepartmentService departments;

    @Inject
    Caller caller;

    @Inject
    HubConfig config;

    @GET
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Read the department's webhook (own data officer)",
            description = "`{department, url, secretSet, updatedBy, updatedAt}`; the secret itself is never returned.")
    public WebhookView get(@PathParam("id") String id) {
        return webhooks.get(own(id));
    }

    @PUT
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Set the department's webhook (own data officer)",
            description = "`{url, secret}`. The URL must be https and may not resolve to a link-local or cloud "
                    + "metadata address. The secret (16–256 characters) signs every delivery with HMAC-SHA256; it is "
                    + "write-only and may be left out to keep the current one. See docs/notifications.md.")
    public WebhookView put(@PathParam("id") String id, WebhookCommand command) {
        String department = own(id);
        return webhooks.put(caller.actor(), department, ApiException.requireBody(command));
    }

    @GET
    @Path("deliveries")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "The department's event deliveries, newest first (own data officer)",
            description = "Each delivery with its status (PENDING, DELIVERED, DEAD, UNDELIVERABLE) and every "
                    + "attempt: time, HTTP status or error, duration. `status=` filters; paged with `limit` and "
                    + "`cursor`.")
    public Page<DeliveryView> deliveries(
            @PathParam("id") String id,
            @QueryParam("status") String status,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        String department = own(id);
        return log.list(
                department,
                status,
                Cursors.limit(
                        limit,
                        config.exchange().defaultLimit(),
                        config.exchange().maxLimit()),
                cursor);
    }

    @POST
    @Path("deliveries/{deliveryId}/redeliver")
    @RolesAllowed(Roles.DATA_OFFICER)
    @Operation(
            summary = "Send a finished delivery again (own data officer)",
            description = "For a DELIVERED, DEAD or UNDELIVERABLE delivery: the same delivery id and payload go out "
                    + "again to the department's current webhook, with a new run of retries (attempt numbers go on). "
                    + "Receivers tell a resend from a new event by `X-Interchange-Delivery`. 409 INVALID_STATUS while "
                    + "the delivery is still PENDING; another department's delivery is 404. Ledgered as an ADMIN act "
                    + "(`WEBHOOK_REDELIVER`).")
    @APIResponse(responseCode = "200", description = "The delivery, PENDING again")
    @APIResponse(responseCode = "404", description = "No such delivery of this department")
    @APIResponse(responseCode = "409", description = "INVALID_STATUS: still PENDING")
    public DeliveryView redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        String department = own(id);
        UUID delivery;
        try {
            delivery = UUID.fromString(deliveryId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("delivery", deliveryId);
        }
        return webhooks.redeliver(caller.actor(), department, delivery);
    }

    /** The path must name the caller's own department; whether another exists is no secret, its webhook is. */
    private String own(String id) {
        String department =
                departments.requireCallerDepartment(caller.department()).id();
        if (!department.equals(id)) {
            throw ApiException.forbidden(
                    ErrorCode.NOT_OWNER, "a department's webhook is read and set by its own data officers only");
        }
        return department;
    }
}
