package io.interchange.access;

import io.interchange.access.AccessViews.GrantView;
import io.interchange.platform.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/grants")
@Tag(name = "Grants", description = "What an approval allows: items, raw items, validity, rate limit")
@SecurityRequirement(name = "bearer")
public class GrantResource {

    @Inject
    AccessService access;

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
}
