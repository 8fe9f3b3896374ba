package io.interchange.exchange.upstream;

import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/departments/{id}/upstream-hosts")
@Tag(name = "Directory", description = "Departments (政务部门) and their 统一社会信用代码")
@SecurityRequirement(name = "bearer")
public class UpstreamHostResource {

    @Inject
    UpstreamHostService hosts;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.HUB_ADMIN, Roles.STEWARD, Roles.DATA_OFFICER})
    @Operation(
            summary = "The department's upstream-host allow-list",
            description = "Origins `{scheme, host, port}` its stewards may register as upstream APIs; matched exactly."
                    + " The department's own stewards and data officers, and the authority, may read it.")
    public List<HostEntry> get(@PathParam("id") String id) {
        return hosts.list(caller, id);
    }

    @PUT
    @RolesAllowed(Roles.HUB_ADMIN)
    @Operation(
            summary = "Replace the allow-list (hub-admin)",
            description = "Hosts are written canonically: lower-case names, dotted-quad IPv4, bracketed RFC 5952 IPv6."
                    + " A name allows only public addresses when called; private and loopback servers are listed by"
                    + " their IP address. Link-local and cloud-metadata hosts are refused. Ledgered as ADMIN.")
    public List<HostEntry> put(@PathParam("id") String id, List<HostEntry> entries) {
        return hosts.replace(caller, id, ApiException.requireBody(entries));
    }
}
