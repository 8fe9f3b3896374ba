package io.interchange.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.access.ObjectionService;
import io.interchange.catalog.CatalogSearch;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.DcatExport;
import io.interchange.catalog.ResourceQuery;
import io.interchange.catalog.ResourceSchemas;
import io.interchange.catalog.ResourceView;
import io.interchange.directory.DepartmentService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Params;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The catalogue: search with facet counts, and one resource with its items, conditions, versions and links. */
@Path("/console")
@Authenticated
public class CataloguePages {

    static final int PAGE_SIZE = 20;

    /** The search as typed; every filter is a link that toggles it. */
    public record Filters(
            String q,
            String provider,
            String sharingType,
            String format,
            String mode,
            String updateCycle,
            String level) {

        Map<String, String> asMap() {
            return ConsolePaths.params(
                    "q",
                    q,
                    "provider",
                    provider,
                    "sharingType",
                    sharingType,
                    "format",
                    format,
                    "mode",
                    mode,
                    "updateCycle",
                    updateCycle,
                    "level",
                    level);
        }
    }

    public record FacetValue(String label, long count, String href, boolean selected) {}

    public record Facet(String name, List<FacetValue> values) {}

    public record Row(ResourceView resource, String name, String summary, String provider) {}

    public record Item(
            String name, String label, String type, String length, String mask, String level, boolean sensitive) {}

    public record Version(int version, String kind, String changedBy, String changedAt, String changes) {}

    /** An objection on the resource that is not resolved yet, as far as the viewer may see it. */
    public record OpenObjection(
            String id,
            String type,
            String filer,
            String handler,
            String filedAt,
            String replyDueAt,
            boolean overdue,
            String status) {}

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance catalogue(
                Chrome c, Filters filters, List<Facet> facets, List<Row> rows, String nextHref);

        static native TemplateInstance resource(
                Chrome c,
                ResourceView r,
                String name,
                String summary,
                String provider,
                List<Item> items,
                List<Version> versions,
                boolean canRequest,
                List<OpenObjection> objections,
                boolean hubWide);
    }

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    CatalogService catalog;

    @Inject
    DepartmentService departments;

    @Inject
    HubConfig config;

    @Inject
    ObjectionService objections;

    /** More open objections than this on one resource are not listed; the API pages through them. */
    static final int OBJECTIONS_SHOWN = 50;

    @GET
    @Path("catalogue")
    public Response catalogue(
            @QueryParam("q") String q,
            @QueryParam("provider") String provider,
            @QueryParam("sharingType") String sharingType,
            @QueryParam("format") String format,
            @QueryParam("mode") String mode,
            @QueryParam("updateCycle") String updateCycle,
            @QueryParam("level") String level,
            @QueryParam("cursor") String cursor) {
        Filters filters = new Filters(q, provider, sharingType, format, mode, updateCycle, level);
        CatalogSearch.Result result = catalog.list(
                caller,
                new ResourceQuery(
                        q,
                        blank(provider),
                        Params.enumValue(SharingType.class, blank(sharingType), "sharingType"),
                        Params.enumValue(CatalogTypes.FormatCategory.class, blank(format), "format"),
                        Params.enumValue(CatalogTypes.SharingMode.class, blank(mode), "mode"),
                        Params.enumValue(CatalogTypes.UpdateCycle.class, blank(updateCycle), "updateCycle"),
                        Params.enumValue(CatalogTypes.Level.class, blank(level), "level"),
                        null,
                        null,
                        PAGE_SIZE,
                        blank(cursor)));
        Map<String, String> departments = pages.departmentNames();
        List<Row> rows = Pages.map(
                result.items(),
                r -> new Row(
                        r,
                        name(r),
                        summary(r),
                        departments.getOrDefault(r.provider().id(), r.provider().name())));
        String next = null;
        if (result.nextCursor() != null) {
            Map<String, String> params = filters.asMap();
            params.put("cursor", result.nextCursor());
            next = ConsolePaths.query(ConsoleHttp.PATH + "/catalogue", params);
        }
        return pages.render(
                Templates.catalogue(pages.chrome(), filters, facets(filters, result, departments), rows, next));
    }

    @GET
    @Path("resources/{id}")
    public Response resource(@PathParam("id") String id) {
        ResourceView r = catalog.get(caller, id);
        List<Item> items = Pages.map(
                r.items(),
                i -> new Item(
                        i.name(),
                        pages.en() && i.labelEn() != null ? i.labelEn() : i.label(),
                        i.type() == null ? "" : i.type().name(),
                        i.length() == null ? "" : i.length().toString(),
                        i.mask() == null || i.mask().kind() == null
                                ? ""
                                : Labels.label(i.mask().kind()),
                        i.level() == null ? "" : Labels.label(i.level()),
                        Boolean.TRUE.equals(i.sensitive())));
        List<Version> versions = Pages.map(
                catalog.versions(caller, id),
                v -> new Version(
                        v.version(),
                        v.kind(),
                        v.changedBy(),
                        v.changedAt() == null ? "" : v.changedAt().toLocalDate().toString(),
                        v.changes() == null ? "" : String.join(", ", v.changes())));
        boolean canRequest = caller.is(Roles.CONSUMER)
                && r.status() == ResourceStatus.PUBLISHED
                && r.sharingType() != SharingType.NOT_SHARED
                && !r.provider().id().equals(caller.department());
        Map<String, String> names = pages.departmentNames();
        String provider = names.getOrDefault(r.provider().id(), r.provider().name());
        List<OpenObjection> open = Pages.map(
                objections.openOn(caller, id, OBJECTIONS_SHOWN),
                o -> new OpenObjection(
                        o.id().toString(),
                        Labels.label(o.type()),
                        names.getOrDefault(o.filerDepartment(), o.filerDepartment()),
                        names.getOrDefault(o.handlingDepartment(), o.handlingDepartment()),
                        o.filedAt()
                                .atZoneSameInstant(config.timeZone())
                                .toLocalDate()
                                .toString(),
                        o.replyDueAt() == null ? "" : o.replyDueAt().toString(),
                        o.replyOverdue(),
                        Labels.label(o.status())));
        return pages.render(Templates.resource(
                pages.chrome(), r, name(r), summary(r), provider, items, versions, canRequest, open, caller.hubWide()));
    }

    /**
     * The resource's JSON Schema for the signed-in browser: the API's {@code /api/v1/resources/{id}/schema} needs a
     * bearer token, which a browser following a link does not send.
     */
    @GET
    @Path("resources/{id}/schema")
    @Produces("application/schema+json")
    public ObjectNode schema(@PathParam("id") String id) {
        return ResourceSchemas.jsonSchema(catalog.get(caller, id), baseUri());
    }

    /** The DCAT-AP export for the signed-in browser, as {@code /api/v1/catalog/dcat} serves it. */
    @GET
    @Path("catalog/dcat")
    @Produces("application/ld+json")
    public ObjectNode dcat() {
        return new DcatExport(baseUri(), config.catalog().publisherType())
                .build(catalog.published(), departments.list());
    }

    private String baseUri() {
        String base = config.catalog().baseUri();
        return base.endsWith("/") ? base : base + "/";
    }

    private String name(ResourceView r) {
        return pages.en() && r.nameEn() != null ? r.nameEn() : r.name();
    }

    private String summary(ResourceView r) {
        return pages.en() && r.summaryEn() != null ? r.summaryEn() : r.summary();
    }

    private List<Facet> facets(Filters filters, CatalogSearch.Result result, Map<String, String> departments) {
        List<Facet> facets = new ArrayList<>();
        String[][] order = {
            {"provider", null},
            {"sharingType", "SharingType"},
            {"mode", "SharingMode"},
            {"level", "Level"},
            {"format", "FormatCategory"},
            {"updateCycle", "UpdateCycle"}
        };
        for (String[] facet : order) {
            Map<String, Long> counts = result.facets().getOrDefault(facet[0], Map.of());
            List<FacetValue> values = new ArrayList<>();
            counts.forEach((value, count) -> {
                Map<String, String> params = new LinkedHashMap<>(filters.asMap());
                boolean selected = value.equals(params.get(facet[0]));
                params.put(facet[0], selected ? null : value);
                String label = facet[1] == null ? departments.getOrDefault(value, value) : enumLabel(facet[1], value);
                values.add(new FacetValue(
                        label, count, ConsolePaths.query(ConsoleHttp.PATH + "/catalogue", params), selected));
            });
            if (!values.isEmpty()) {
                facets.add(new Facet(facet[0], values));
            }
        }
        return facets;
    }

    private static String enumLabel(String type, String value) {
        try {
            Class<? extends Enum> enumType = switch (type) {
                case "SharingType" -> SharingType.class;
                case "SharingMode" -> CatalogTypes.SharingMode.class;
                case "Level" -> CatalogTypes.Level.class;
                case "FormatCategory" -> CatalogTypes.FormatCategory.class;
                default -> CatalogTypes.UpdateCycle.class;
            };
            @SuppressWarnings("unchecked")
            Enum<?> constant = Enum.valueOf(enumType, value);
            return Labels.label(constant);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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
