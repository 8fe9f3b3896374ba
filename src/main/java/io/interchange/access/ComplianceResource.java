package io.interchange.access;

import io.interchange.platform.Caller;
import io.interchange.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/compliance")
@Tag(name = "Compliance", description = "R25 Art. 39–41: what a department owes and has not done")
@SecurityRequirement(name = "bearer")
public class ComplianceResource {

    @Inject
    ComplianceService compliance;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.DATA_OFFICER, Roles.AUDITOR, Roles.HUB_ADMIN, Roles.HUB_AUDITOR})
    @Operation(
            summary = "Compliance report",
            description = "Per department: answers past their deadline, approvals whose data was not delivered (no "
                    + "answered exchange) within 20 working days, active grants without a usage record after 30 days, "
                    + "ended grants without a disposal attestation after 10 working days, objections still without a "
                    + "reply after their reply date. Data officers and auditors "
                    + "see their own department; hub-admin and hub-auditor all (or one with `department`).")
    public List<ComplianceService.Report> report(@QueryParam("department") String department) {
        return compliance.report(caller, department);
    }
}
