package io.interchange.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.interchange.exchange.HostedDataService.LoadMode;
import io.interchange.exchange.HostedDataService.LoadResult;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/resources/{id}/records")
@Tag(name = "Catalogue")
@SecurityRequirement(name = "bearer")
public class HostedDataResource {

    @Inject
    HostedDataService hosted;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.STEWARD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Load rows into a hosted resource (own steward)",
            description = "A JSON array of row objects keyed by item name. Every row is checked against the item "
                    + "types first; any problem refuses the whole load with 422 naming row and item "
                    + "(`rows[3].birth_date`). `mode=replace` (default) swaps the data set, `upsert` merges by "
                    + "primary key.")
    public LoadResult load(@PathParam("id") String id, @QueryParam("mode") String mode, JsonNode rows) {
        return hosted.load(caller, id, mode(mode), rows);
    }

    private static LoadMode mode(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("replace")) {
            return LoadMode.REPLACE;
        }
        if (value.equalsIgnoreCase("upsert")) {
            return LoadMode.UPSERT;
        }
        throw ApiException.badRequest("mode must be replace or upsert", "mode");
    }
}
