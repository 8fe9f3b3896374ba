package io.interchange.exchange;

import io.interchange.exchange.HostedDataService.LoadMode;
import io.interchange.exchange.HostedDataService.LoadResult;
import io.interchange.exchange.HostedDataService.LoadStatus;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Params;
import io.interchange.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/resources/{id}")
@Tag(name = "Catalogue")
@SecurityRequirement(name = "bearer")
public class HostedDataResource {

    @Inject
    HostedDataService hosted;

    @Inject
    Caller caller;

    @POST
    @Path("records")
    @RolesAllowed(Roles.STEWARD)
    @Consumes({MediaType.APPLICATION_JSON, "application/x-ndjson", "text/csv"})
    @Operation(
            summary = "Load rows into a hosted resource (own steward)",
            description = "A JSON array of row objects, NDJSON (one object per line) or CSV (UTF-8, header row of item "
                    + "names), streamed. Every row is checked against the item types, lengths and ID-number check "
                    + "characters; any problem refuses the whole load with 422 listing the first 100 problems with "
                    + "their lines, and nothing changes. `mode=replace` (default) swaps the data set atomically, "
                    + "`upsert` merges by primary key. `async=true` answers 202 with a Location to follow the load.")
    public Response load(
            @PathParam("id") String id,
            @QueryParam("mode") String mode,
            @QueryParam("async") boolean async,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") Long contentLength,
            InputStream body) {
        LoadMode loadMode = mode == null ? LoadMode.REPLACE : Params.enumValue(LoadMode.class, mode, "mode");
        LoadResult result = hosted.load(caller, id, loadMode, contentType, body, contentLength, async);
        if (async) {
            return Response.accepted(result)
                    .location(URI.create("/api/v1/resources/" + id + "/loads/" + result.loadId()))
                    .build();
        }
        return Response.ok(result).build();
    }

    @GET
    @Path("loads/{loadId}")
    @RolesAllowed(Roles.STEWARD)
    @Operation(summary = "Progress and outcome of a load (own steward)")
    public LoadStatus load(@PathParam("id") String id, @PathParam("loadId") String loadId) {
        try {
            return hosted.status(caller, id, UUID.fromString(loadId));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("load", loadId);
        }
    }
}
