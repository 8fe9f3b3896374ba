package io.interchange.console;

import io.interchange.access.ComplianceService;
import io.interchange.access.ComplianceService.Finding;
import io.interchange.access.ComplianceService.Report;
import io.interchange.catalog.CatalogService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Compliance for officers and auditors (their department) and the authority (every department): overdue answers,
 * overdue deliveries, grants without usage records and ended grants without a disposal attestation, from
 * {@link ComplianceService}, with a chart of the counts per department.
 */
@Path("/console/compliance")
@RolesAllowed({Roles.DATA_OFFICER, Roles.AUDITOR, Roles.HUB_ADMIN, Roles.HUB_AUDITOR})
public class CompliancePages {

    /** One finding as a row: what it is about, with names rather than ids where the console knows them. */
    public record Row(String kind, Finding finding, String resource, String counterpart) {}

    public record Department(
            String id,
            String name,
            String asOf,
            long answers,
            long deliveries,
            long usage,
            long disposal,
            List<Row> rows) {

        public long total() {
            return answers + deliveries + usage + disposal;
        }
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance compliance(
                Chrome c, List<Department> departments, String chart, String department);
    }

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    ComplianceService compliance;

    @Inject
    CatalogService catalog;

    @GET
    public Response report(@QueryParam("department") String department) {
        String filter = CataloguePages.blank(department);
        Map<String, String> names = pages.departmentNames();
        List<Department> departments = new ArrayList<>();
        for (Report report : compliance.report(caller, filter)) {
            List<Row> rows = new ArrayList<>();
            add(rows, "overdue_answer", report.overdueAnswers(), names);
            add(rows, "overdue_delivery", report.overdueDeliveries(), names);
            add(rows, "missing_usage", report.grantsMissingUsageRecords(), names);
            add(rows, "missing_disposal", report.endedWithoutDisposal(), names);
            departments.add(new Department(
                    report.department(),
                    names.getOrDefault(report.department(), report.department()),
                    report.asOf() == null ? "" : report.asOf().toString(),
                    report.overdueAnswers().size(),
                    report.overdueDeliveries().size(),
                    report.grantsMissingUsageRecords().size(),
                    report.endedWithoutDisposal().size(),
                    rows));
        }
        return pages.render(Templates.compliance(pages.chrome(), departments, chart(departments), filter));
    }

    private void add(List<Row> rows, String kind, List<Finding> findings, Map<String, String> names) {
        for (Finding f : findings) {
            String resource = f.resourceId() == null
                    ? ""
                    : catalog.find(f.resourceId())
                            .map(r -> pages.en() && r.nameEn() != null ? r.nameEn() : r.name())
                            .orElse(f.resourceId());
            String counterpart = f.counterpart() == null ? "" : names.getOrDefault(f.counterpart(), f.counterpart());
            rows.add(new Row(kind, f, resource, counterpart));
        }
    }

    /** The chart's data for {@code /console/charts.js}: department names and the four counts, as JSON text. */
    private static String chart(List<Department> departments) {
        return "{\"departments\":"
                + departments.stream().map(d -> json(d.name())).collect(list())
                + ",\"answers\":"
                + departments.stream().map(d -> "" + d.answers()).collect(list())
                + ",\"deliveries\":"
                + departments.stream().map(d -> "" + d.deliveries()).collect(list())
                + ",\"usage\":" + departments.stream().map(d -> "" + d.usage()).collect(list())
                + ",\"disposal\":"
                + departments.stream().map(d -> "" + d.disposal()).collect(list())
                + "}";
    }

    private static java.util.stream.Collector<CharSequence, ?, String> list() {
        return Collectors.joining(",", "[", "]");
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    @ServerExceptionMapper
    Response refused(ApiException e) {
        return pages.error(e);
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return pages.forbidden();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e) {
        return pages.signIn();
    }
}
