package io.interchange.catalog;

import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Params;
import io.interchange.platform.Roles;
import io.interchange.platform.idempotency.Idempotent;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/resources")
@Tag(name = "Catalogue", description = "Data resources (数据资源目录): drafting, review, publication")
@SecurityRequirement(name = "bearer")
public class CatalogResource {

    /** {@code POST …/reject} and {@code …/retire}. */
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
            description = "`q` matches names, summaries, item names and labels, tags and codes, in Chinese or English "
                    + "(`身份` finds 居民身份信息; several words must all match). Filters narrow the set; `facets` count "
                    + "the matching resources by provider, sharingType, format, mode, updateCycle and level. "
                    + "`sort=relevance` (default with `q`) or `updated`. Published resources for everyone; drafts and "
                    + "reviews only for their own department and hub-admin; retired ones with `status=RETIRED`.")
    public CatalogSearch.Result list(
            @QueryParam("q") String q,
            @QueryParam("provider") String provider,
            @QueryParam("sharingType") String sharingType,
            @QueryParam("format") String format,
            @QueryParam("mode") String mode,
            @QueryParam("updateCycle") String updateCycle,
            @QueryParam("level") String level,
            @QueryParam("status") String status,
            @QueryParam("sort") String sort,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int pageSize = Cursors.limit(
                limit, config.exchange().defaultLimit(), config.exchange().maxLimit());
        return catalog.list(
                caller,
                new ResourceQuery(
                        q,
                        provider,
                        Params.enumValue(SharingType.class, sharingType, "sharingType"),
                        Params.enumValue(CatalogTypes.FormatCategory.class, format, "format"),
                        Params.enumValue(CatalogTypes.SharingMode.class, mode, "mode"),
                        Params.enumValue(CatalogTypes.UpdateCycle.class, updateCycle, "updateCycle"),
                        Params.enumValue(CatalogTypes.Level.class, level, "level"),
                        Params.enumValue(ResourceStatus.class, status, "status"),
                        Params.enumValue(ResourceQuery.Sort.class, sort, "sort"),
                        pageSize,
                        cursor));
    }

    @POST
    @RolesAllowed(Roles.STEWARD)
    @Operation(
            summary = "Draft a resource (steward)",
            description = "Creates a DRAFT for the caller's department. The hub assigns `code` "
                    + "(`<classification prefix>/<6-digit sequence>`) and `id`. Server-set members are ignored, so "
                    + "a resource read with GET can be posted back to create a copy.")
    @Idempotent
    @Parameter(ref = Idempotent.HEADER)
    public Response create(ResourceCommand command) {
        ResourceView created = catalog.create(caller, ApiException.requireBody(command));
        return Response.created(URI.create("/api/v1/resources/" + created.id()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Read a resource", description = "The `ETag` header is what `If-Match` must repeat on PUT.")
    public Response get(@PathParam("id") String id) {
        return tagged(catalog.getTagged(caller, id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.STEWARD)
    @Operation(
            summary = "Update a resource (own steward, If-Match required)",
            description = "The body is the whole resource as GET returns it (server-set members are ignored). Drafts "
                    + "change in place. For a published resource, descriptive metadata takes effect at once as a new "
                    + "version; changes to items or sharing attributes wait for the authority's review "
                    + "(`pendingChange`) while the published definition stays in force. Removing or narrowing a "
                    + "granted item, or changing the sharing type while grants are in force, is refused with 409 "
                    + "`BREAKS_GRANTS` listing the grants. 428 without If-Match, 412 when it is stale.")
    public Response update(
            @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, ResourceCommand command) {
        return tagged(catalog.update(caller, id, ifMatch, ApiException.requireBody(command)));
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed({Roles.STEWARD, Roles.HUB_ADMIN})
    @Operation(
            summary = "Retire a published resource (own steward or hub-admin)",
            description = "A reason is " + "required; every grant on the resource ends, with the reason recorded.")
    public Response retire(@PathParam("id") String id, RejectCommand command) {
        return tagged(
                catalog.retire(caller, id, ApiException.requireBody(command).reason()));
    }

    @GET
    @Path("{id}/versions")
    @Authenticated
    @Operation(summary = "Published versions of a resource: who, when, what changed")
    public java.util.List<CatalogService.VersionView> versions(@PathParam("id") String id) {
        return catalog.versions(caller, id);
    }

    @GET
    @Path("{id}/schema")
    @Authenticated
    @Produces("application/schema+json")
    @Operation(summary = "JSON Schema (2020-12) of the resource's records, generated from its items")
    public com.fasterxml.jackson.databind.node.ObjectNode schema(@PathParam("id") String id) {
        return ResourceSchemas.jsonSchema(catalog.get(caller, id), baseUri());
    }

    @GET
    @Path("{id}/openapi")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenAPI 3.1 document of the resource's exchange endpoint, typed by its schema")
    public com.fasterxml.jackson.databind.node.ObjectNode openApi(@PathParam("id") String id) {
        return ResourceSchemas.openApi(catalog.get(caller, id), baseUri());
    }

    private String baseUri() {
        return config.catalog().baseUri().endsWith("/")
                ? config.catalog().baseUri()
                : config.catalog().baseUri() + "/";
    }

    private static Response tagged(CatalogService.Tagged tagged) {
        return Response.ok(tagged.view())
                .tag(new jakarta.ws.rs.core.EntityTag(
                        tagged.etag().substring(1, tagged.etag().length() - 1)))
                .build();
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
