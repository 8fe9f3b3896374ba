package io.interchange.console;

import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes.FormatCategory;
import io.interchange.catalog.CatalogTypes.Level;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.CatalogTypes.UpdateCycle;
import io.interchange.catalog.ItemType;
import io.interchange.catalog.MaskRule;
import io.interchange.catalog.ResourceCommand;
import io.interchange.catalog.ResourceParts.Classification;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceParts.Format;
import io.interchange.catalog.ResourceParts.SharingConditions;
import io.interchange.catalog.ResourceQuery;
import io.interchange.catalog.ResourceView;
import io.interchange.exchange.HostedDataService;
import io.interchange.exchange.HostedDataService.LoadMode;
import io.interchange.exchange.HostedDataService.LoadResult;
import io.interchange.exchange.HostedDataService.LoadStatus;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The steward's pages: the department's resources, the resource editor (items with types, masks and levels), submit
 * for review, data loads with their progress, and retirement. Every change goes through {@link CatalogService} and
 * {@link HostedDataService}, which check department and status exactly as for the API.
 */
@Path("/console/steward")
@RolesAllowed(Roles.STEWARD)
public class StewardPages {

    /** Rows the editor offers beyond the resource's items; blank rows are dropped when saving. */
    static final int SPARE_ROWS = 2;

    static final int MAX_ROWS = 200;

    /** The editor's text fields, named like the API's members so the service's field errors land next to them. */
    static final List<String> TEXT_FIELDS = List.of(
            "name",
            "nameEn",
            "summary",
            "summaryEn",
            "classification.category",
            "classification.item",
            "classification.subItem",
            "format.category",
            "format.type",
            "sharingType",
            "sharingConditions.scope",
            "sharingConditions.purpose",
            "notSharedReason",
            "legalBasis",
            "updateCycle",
            "usageConditions");

    public record Option(String value, String label) {}

    /** One row of the item editor, as typed. */
    public record ItemRow(
            int index,
            String name,
            String label,
            String labelEn,
            String type,
            String length,
            String mask,
            String level,
            boolean primaryKey,
            boolean filterable,
            boolean sensitive,
            boolean subjectIdentifier) {

        boolean blank() {
            return Stream.of(name, label, labelEn, length).allMatch(StewardPages::blank);
        }
    }

    /** What the editor shows: the values as typed, the modes ticked and the item rows. */
    public record ResourceForm(String id, String etag, Map<String, String> f, Set<String> modes, List<ItemRow> items) {}

    public record Choices(
            List<Option> sharingTypes,
            List<Option> modes,
            List<Option> updateCycles,
            List<Option> formats,
            List<Option> itemTypes,
            List<Option> masks,
            List<Option> levels) {}

    public record Mine(ResourceView r, String name) {}

    /** The command, and for each of its items the editor row it came from (blank rows are left out). */
    record Built(ResourceCommand command, List<Integer> rows) {

        /** The service numbers items without the blank rows; its errors go back to the row they are about. */
        Map<String, String> onRows(Map<String, String> errors) {
            Map<String, String> out = new LinkedHashMap<>();
            errors.forEach((field, message) -> {
                java.util.regex.Matcher m = ITEM_FIELD.matcher(field);
                if (m.matches() && Integer.parseInt(m.group(1)) < rows.size()) {
                    field = "items[" + rows.get(Integer.parseInt(m.group(1))) + "]" + m.group(2);
                }
                out.merge(field, message, (a, b) -> a + "; " + b);
            });
            return out;
        }
    }

    private static final java.util.regex.Pattern ITEM_FIELD = java.util.regex.Pattern.compile("items\\[(\\d+)](.*)");

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance steward(Chrome c, List<Mine> resources);

        static native TemplateInstance stewardResource(
                Chrome c, ResourceView r, String name, Map<String, String> errors);

        static native TemplateInstance resourceEditor(
                Chrome c, ResourceForm form, Choices choices, Map<String, String> errors);

        static native TemplateInstance load(Chrome c, ResourceView r, String name, Map<String, String> errors);

        static native TemplateInstance loadStatus(Chrome c, ResourceView r, String name, LoadStatus load);

        static native TemplateInstance loadProgress(ResourceView r, LoadStatus load);
    }

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    CatalogService catalog;

    @Inject
    HostedDataService hosted;

    @GET
    public Response mine() {
        List<ResourceView> own = catalog.list(
                        caller,
                        new ResourceQuery(
                                null,
                                caller.department(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                ResourceQuery.Sort.UPDATED,
                                100,
                                null))
                .items();
        return pages.render(Templates.steward(pages.chrome(), Pages.map(own, r -> new Mine(r, name(r)))));
    }

    @GET
    @Path("{id}")
    public Response resource(@PathParam("id") String id) {
        ResourceView r = own(id);
        return pages.render(Templates.stewardResource(pages.chrome(), r, name(r), Map.of()));
    }

    // --- the editor -----------------------------------------------------------------------------------------------

    @GET
    @Path("new")
    public Response newResource() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("classification.category", "3");
        f.put("format.category", FormatCategory.DATABASE.name());
        f.put("sharingType", SharingType.CONDITIONAL.name());
        f.put("updateCycle", UpdateCycle.MONTHLY.name());
        ResourceForm form = new ResourceForm(null, null, f, Set.of(SharingMode.API.name()), rows(List.of(), 3));
        return pages.render(Templates.resourceEditor(pages.chrome(), form, choices(), Map.of()));
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> body) {
        pages.checkCsrf(body.getFirst("csrf"));
        ResourceForm form = read(null, null, body);
        if ("addItem".equals(body.getFirst("action"))) {
            return pages.render(Templates.resourceEditor(pages.chrome(), grow(form), choices(), Map.of()));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Built built = command(form, null, errors);
        if (errors.isEmpty()) {
            try {
                ResourceView created = catalog.create(caller, built.command());
                return pages.redirect(ConsoleHttp.PATH + "/steward/" + created.id());
            } catch (ApiException e) {
                if (e.code() != ErrorCode.VALIDATION_FAILED) {
                    throw e;
                }
                errors.putAll(built.onRows(Pages.fieldErrors(e)));
            }
        }
        return pages.render(422, Templates.resourceEditor(pages.chrome(), form, choices(), pages.localized(errors)));
    }

    @GET
    @Path("{id}/edit")
    public Response edit(@PathParam("id") String id) {
        CatalogService.Tagged tagged = catalog.getTagged(caller, id);
        ResourceView r = tagged.view();
        requireOwn(r);
        return pages.render(Templates.resourceEditor(pages.chrome(), form(r, tagged.etag()), choices(), Map.of()));
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, MultivaluedMap<String, String> body) {
        pages.checkCsrf(body.getFirst("csrf"));
        ResourceView current = own(id);
        ResourceForm form = read(id, body.getFirst("etag"), body);
        if ("addItem".equals(body.getFirst("action"))) {
            return pages.render(Templates.resourceEditor(pages.chrome(), grow(form), choices(), Map.of()));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Built built = command(form, current, errors);
        if (errors.isEmpty()) {
            try {
                catalog.update(caller, id, form.etag(), built.command());
                return pages.redirect(ConsoleHttp.PATH + "/steward/" + id);
            } catch (ApiException e) {
                if (e.code() != ErrorCode.VALIDATION_FAILED) {
                    throw e;
                }
                errors.putAll(built.onRows(Pages.fieldErrors(e)));
            }
        }
        return pages.render(422, Templates.resourceEditor(pages.chrome(), form, choices(), pages.localized(errors)));
    }

    // --- status ---------------------------------------------------------------------------------------------------

    @POST
    @Path("{id}/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("id") String id, @RestForm String csrf) {
        pages.checkCsrf(csrf);
        catalog.submit(caller, id);
        return pages.redirect(ConsoleHttp.PATH + "/steward/" + id);
    }

    @POST
    @Path("{id}/retire")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retire(@PathParam("id") String id, @RestForm String csrf, @RestForm String reason) {
        pages.checkCsrf(csrf);
        ResourceView r = own(id);
        try {
            catalog.retire(caller, id, reason);
        } catch (ApiException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            return pages.render(
                    422, Templates.stewardResource(pages.chrome(), r, name(r), pages.localized(Pages.fieldErrors(e))));
        }
        return pages.redirect(ConsoleHttp.PATH + "/steward/" + id);
    }

    // --- loads ----------------------------------------------------------------------------------------------------

    @GET
    @Path("{id}/load")
    public Response loadForm(@PathParam("id") String id) {
        ResourceView r = own(id);
        return pages.render(Templates.load(pages.chrome(), r, name(r), Map.of()));
    }

    /** Starts an asynchronous load of the uploaded file; its page follows the progress. */
    @POST
    @Path("{id}/load")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response load(
            @PathParam("id") String id,
            @RestForm String csrf,
            @RestForm String mode,
            @RestForm("file") FileUpload file) {
        pages.checkCsrf(csrf);
        ResourceView r = own(id);
        Map<String, String> errors = new LinkedHashMap<>();
        String contentType = file == null ? null : contentType(file);
        if (file == null || file.size() == 0) {
            errors.put("file", "choose a CSV or NDJSON file");
        } else if (contentType == null) {
            errors.put("file", "must be .csv, .ndjson or .json");
        }
        LoadMode loadMode = LoadMode.REPLACE;
        try {
            if (!blank(mode)) {
                loadMode = LoadMode.valueOf(mode.strip());
            }
        } catch (IllegalArgumentException e) {
            errors.put("mode", "is not one of the choices");
        }
        if (!errors.isEmpty()) {
            return pages.render(422, Templates.load(pages.chrome(), r, name(r), pages.localized(errors)));
        }
        LoadResult started;
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            started = hosted.load(caller, id, loadMode, contentType, in, file.size(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages.redirect(ConsoleHttp.PATH + "/steward/" + id + "/loads/" + started.loadId());
    }

    @GET
    @Path("{id}/loads/{loadId}")
    public Response loadStatus(@PathParam("id") String id, @PathParam("loadId") String loadId) {
        ResourceView r = own(id);
        return pages.render(Templates.loadStatus(pages.chrome(), r, name(r), hosted.status(caller, id, uuid(loadId))));
    }

    /** The progress fragment htmx polls every second until the load has finished. */
    @GET
    @Path("{id}/loads/{loadId}/progress")
    public Response loadProgress(@PathParam("id") String id, @PathParam("loadId") String loadId) {
        ResourceView r = own(id);
        return pages.render(Templates.loadProgress(r, hosted.status(caller, id, uuid(loadId))));
    }

    // --- form <-> command -----------------------------------------------------------------------------------------

    private ResourceForm read(String id, String etag, MultivaluedMap<String, String> body) {
        Map<String, String> f = new LinkedHashMap<>();
        TEXT_FIELDS.forEach(name -> f.put(name, text(body.getFirst(name))));
        Set<String> modes = new LinkedHashSet<>(body.getOrDefault("sharingModes", List.of()));
        int count = Math.min(MAX_ROWS, parseCount(body.getFirst("itemCount")));
        List<ItemRow> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String p = "items[" + i + "].";
            items.add(new ItemRow(
                    i,
                    text(body.getFirst(p + "name")),
                    text(body.getFirst(p + "label")),
                    text(body.getFirst(p + "labelEn")),
                    text(body.getFirst(p + "type")),
                    text(body.getFirst(p + "length")),
                    text(body.getFirst(p + "mask")),
                    text(body.getFirst(p + "level")),
                    body.containsKey(p + "primaryKey"),
                    body.containsKey(p + "filterable"),
                    body.containsKey(p + "sensitive"),
                    body.containsKey(p + "subjectIdentifier")));
        }
        return new ResourceForm(id, etag, f, modes, items);
    }

    private static ResourceForm grow(ResourceForm form) {
        List<ItemRow> items = new ArrayList<>(form.items());
        if (items.size() < MAX_ROWS) {
            items.add(emptyRow(items.size()));
        }
        return new ResourceForm(form.id(), form.etag(), form.f(), form.modes(), items);
    }

    /**
     * The command for the service. Only what the console cannot express as the service would (a number that is not a
     * number, an unknown choice) is refused here; every rule of the catalogue is the service's.
     */
    private Built command(ResourceForm form, ResourceView current, Map<String, String> errors) {
        Map<String, String> f = form.f();
        List<DataItem> items = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (ItemRow row : form.items()) {
            if (row.blank()) {
                continue;
            }
            String at = "items[" + row.index() + "].";
            Integer length = null;
            if (!blank(row.length())) {
                try {
                    length = Integer.valueOf(row.length().strip());
                } catch (NumberFormatException e) {
                    errors.put(at + "length", "must be a whole number");
                }
            }
            ItemType type = choice(ItemType.class, row.type(), at + "type", errors);
            MaskRule.Kind maskKind = choice(MaskRule.Kind.class, row.mask(), at + "mask", errors);
            Level level = choice(Level.class, row.level(), at + "level", errors);
            DataItem before =
                    current == null ? null : current.item(row.name().strip()).orElse(null);
            MaskRule mask = maskKind == null
                    ? null
                    : before != null && before.mask() != null && before.mask().kind() == maskKind
                            ? before.mask()
                            : MaskRule.of(maskKind);
            items.add(new DataItem(
                    row.name().strip(),
                    blankToNull(row.label()),
                    blankToNull(row.labelEn()),
                    type,
                    length,
                    row.primaryKey(),
                    row.filterable() || row.primaryKey(),
                    row.subjectIdentifier(),
                    row.sensitive(),
                    mask,
                    level,
                    before == null ? Boolean.TRUE : before.shared()));
            rows.add(row.index());
        }
        List<SharingMode> modes = new ArrayList<>();
        for (String mode : form.modes()) {
            SharingMode m = choice(SharingMode.class, mode, "sharingModes", errors);
            if (m != null) {
                modes.add(m);
            }
        }
        SharingType sharingType = choice(SharingType.class, f.get("sharingType"), "sharingType", errors);
        UpdateCycle cycle = choice(UpdateCycle.class, f.get("updateCycle"), "updateCycle", errors);
        FormatCategory format = choice(FormatCategory.class, f.get("format.category"), "format.category", errors);
        if (!errors.isEmpty()) {
            return null;
        }
        String scope = blankToNull(f.get("sharingConditions.scope"));
        String purpose = blankToNull(f.get("sharingConditions.purpose"));
        return new Built(
                new ResourceCommand(
                        blankToNull(f.get("name")),
                        blankToNull(f.get("nameEn")),
                        blankToNull(f.get("summary")),
                        blankToNull(f.get("summaryEn")),
                        new Classification(
                                blankToNull(f.get("classification.category")),
                                blankToNull(f.get("classification.item")),
                                blankToNull(f.get("classification.subItem")),
                                current == null || current.classification() == null
                                        ? null
                                        : current.classification().detail()),
                        new Format(format, blankToNull(f.get("format.type"))),
                        items,
                        sharingType,
                        scope == null && purpose == null ? null : new SharingConditions(scope, purpose),
                        blankToNull(f.get("notSharedReason")),
                        blankToNull(f.get("legalBasis")),
                        modes,
                        current == null ? null : current.openToPublic(),
                        current == null ? null : current.openCondition(),
                        cycle,
                        blankToNull(f.get("usageConditions")),
                        null,
                        current == null ? null : current.relatedCodes(),
                        current == null ? null : current.tags(),
                        current == null ? null : current.contact(),
                        current == null ? null : current.source()),
                rows);
    }

    private ResourceForm form(ResourceView r, String etag) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", text(r.name()));
        f.put("nameEn", text(r.nameEn()));
        f.put("summary", text(r.summary()));
        f.put("summaryEn", text(r.summaryEn()));
        if (r.classification() != null) {
            f.put("classification.category", text(r.classification().category()));
            f.put("classification.item", text(r.classification().item()));
            f.put("classification.subItem", text(r.classification().subItem()));
        }
        if (r.format() != null) {
            f.put(
                    "format.category",
                    r.format().category() == null ? "" : r.format().category().name());
            f.put("format.type", text(r.format().type()));
        }
        f.put("sharingType", r.sharingType() == null ? "" : r.sharingType().name());
        if (r.sharingConditions() != null) {
            f.put("sharingConditions.scope", text(r.sharingConditions().scope()));
            f.put("sharingConditions.purpose", text(r.sharingConditions().purpose()));
        }
        f.put("notSharedReason", text(r.notSharedReason()));
        f.put("legalBasis", text(r.legalBasis()));
        f.put("updateCycle", r.updateCycle() == null ? "" : r.updateCycle().name());
        f.put("usageConditions", text(r.usageConditions()));
        Set<String> modes = new LinkedHashSet<>();
        r.sharingModes().forEach(m -> modes.add(m.name()));
        return new ResourceForm(r.id(), etag, f, modes, rows(r.items(), SPARE_ROWS));
    }

    private static List<ItemRow> rows(List<DataItem> items, int spare) {
        List<ItemRow> rows = new ArrayList<>();
        for (DataItem i : items) {
            rows.add(new ItemRow(
                    rows.size(),
                    text(i.name()),
                    text(i.label()),
                    text(i.labelEn()),
                    i.type() == null ? "" : i.type().name(),
                    i.length() == null ? "" : i.length().toString(),
                    i.mask() == null || i.mask().kind() == null
                            ? MaskRule.Kind.NONE.name()
                            : i.mask().kind().name(),
                    i.level() == null ? Level.GENERAL.name() : i.level().name(),
                    i.isPrimaryKey(),
                    i.isFilterable(),
                    i.isSensitive(),
                    i.isSubjectIdentifier()));
        }
        for (int k = 0; k < spare; k++) {
            rows.add(emptyRow(rows.size()));
        }
        return rows;
    }

    private static ItemRow emptyRow(int index) {
        return new ItemRow(
                index,
                "",
                "",
                "",
                ItemType.C.name(),
                "",
                MaskRule.Kind.NONE.name(),
                Level.GENERAL.name(),
                false,
                false,
                false,
                false);
    }

    private Choices choices() {
        return new Choices(
                options(SharingType.values()),
                options(SharingMode.values()),
                options(UpdateCycle.values()),
                options(FormatCategory.values()),
                Stream.of(ItemType.values())
                        .map(t -> new Option(t.name(), t.name() + " " + t.labelZh() + " " + t.labelEn()))
                        .toList(),
                options(MaskRule.Kind.values()),
                options(Level.values()));
    }

    private static List<Option> options(Enum<?>[] values) {
        return Stream.of(values).map(v -> new Option(v.name(), Labels.label(v))).toList();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** The resource, if it is this steward's department's; another department's is "not found" to them. */
    private ResourceView own(String id) {
        ResourceView r = catalog.get(caller, id);
        requireOwn(r);
        return r;
    }

    private void requireOwn(ResourceView r) {
        if (!r.provider().id().equals(caller.department())) {
            throw ApiException.notFound("resource", r.id());
        }
    }

    static String contentType(FileUpload file) {
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return null;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.put(field, "is not one of the choices");
            return null;
        }
    }

    private static int parseCount(String value) {
        try {
            return Math.max(0, Integer.parseInt(value == null ? "0" : value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("load", id);
        }
    }

    private String name(ResourceView r) {
        return pages.en() && r.nameEn() != null ? r.nameEn() : r.name();
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return blank(value) ? null : value.strip();
    }

    private static String text(String value) {
        return value == null ? "" : value;
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
