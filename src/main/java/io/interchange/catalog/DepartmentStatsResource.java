package io.interchange.catalog;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Served by the catalogue, which owns the figures, under the department they describe. */
@Path("/api/v1/departments/{id}/stats")
@Tag(name = "Directory")
@SecurityRequirement(name = "bearer")
public class DepartmentStatsResource {

    @Inject
    CatalogService catalog;

    @GET
    @Authenticated
    @Operation(
            summary = "Freshness of a department's published catalogue",
            description = "How many published resources were updated within their update cycle (R25 Art. 38): the "
                    + "on-time rate, the stale resources and the last data update. A resource never loaded counts as "
                    + "stale; IRREGULAR ones are never stale.")
    public CatalogService.FreshnessStats stats(@PathParam("id") String id) {
        return catalog.freshness(id);
    }
}
