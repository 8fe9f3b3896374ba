package io.interchange.directory;

import io.interchange.platform.Roles;
import io.interchange.platform.idempotency.Idempotent;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/departments")
@Tag(name = "Directory", description = "Departments (政务部门) and their 统一社会信用代码")
@SecurityRequirement(name = "bearer")
public class DepartmentResource {

    @Inject
    DepartmentService departments;

    @GET
    @Authenticated
    @Operation(summary = "List departments")
    public List<DepartmentView> list() {
        return departments.list();
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Read one department")
    public DepartmentView get(@PathParam("id") String id) {
        return departments.get(id);
    }

    @POST
    @RolesAllowed(Roles.HUB_ADMIN)
    @Operation(summary = "Register a department (hub-admin)")
    @Idempotent
    @Parameter(ref = Idempotent.HEADER)
    public Response create(DepartmentCommand command) {
        DepartmentView created = departments.create(io.interchange.platform.ApiException.requireBody(command));
        return Response.created(URI.create("/api/v1/departments/" + created.id()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.HUB_ADMIN)
    @Operation(summary = "Update a department (hub-admin)")
    public DepartmentView update(@PathParam("id") String id, DepartmentCommand command) {
        return departments.update(id, io.interchange.platform.ApiException.requireBody(command));
    }
}
