package io.interchange.catalog;

import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Page;
import io.interchange.platform.Roles;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/resources")
@Tag(name = "Catalogue", description = "Data resources (数据资源目录): drafting, review, publication")
@SecurityRequirement(name = "bearer")
public class CatalogResource {

    /** {@code POST …/reject}. */
    public record RejectCommand(String reason) {}

    @Inject
    CatalogService catalog;

    @Inject
    Caller caller;

    @Inject
    HubConfig config;

    @GET
    @Authenticated
    @Operation(
            summary = "Search the catalogue",
            description = "Published resources for everyone; drafts and resources under review only for their own "
                    + "department and hub-admin. `q` matches names, summaries (Chinese and English) and codes.")
    public Page<ResourceView> list(
            @QueryParam("q") String q,
            @QueryParam("provider") String provider,
            @QueryParam("sharingType") SharingType sharingType,
            @QueryParam("status") ResourceStatus status,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int pageSize = Cursors.limit(
                limit, config.exchange().defaultLimit(), config.exchange().maxLimit());
        return catalog.list(caller, new ResourceQuery(q, provider, sharingType, status, pageSize, cursor));
    }

    @POST
    @RolesAllowed(Roles.STEWARD)
    @Operation(
            summary = "Draft a resource (steward)",
            description = "Creates a DRAFT for the caller's department. The hub assigns `code` "
                    + "(`<classification prefix>/<6-digit sequence>`) and `id`. Server-set members are ignored, so "
                    + "a resource read with GET can be posted back to create a copy.")
    public Response create(ResourceCommand command) {
        ResourceView created = catalog.create(caller, ApiException.requireBody(command));
        return Response.created(URI.create("/api/v1/resources/" + created.id()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Read a resource")
    public ResourceView get(@PathParam("id") String id) {
        return catalog.get(caller, id);
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Roles.STEWARD)
    @Operation(summary = "Submit a draft for review (own steward)")
    public ResourceView submit(@PathParam("id") String id) {
        return catalog.submit(caller, id);
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed(Roles.HUB_ADMIN)
    @Operation(summary = "Publish a submitted resource (hub-admin)")
    public ResourceView publish(@PathParam("id") String id) {
        return catalog.publish(caller, id);
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Roles.HUB_ADMIN)
    @Operation(summary = "Send a submitted resource back to its steward with a reason (hub-admin)")
    public ResourceView reject(@PathParam("id") String id, RejectCommand command) {
        return catalog.reject(caller, id, ApiException.requireBody(command).reason());
    }
}
