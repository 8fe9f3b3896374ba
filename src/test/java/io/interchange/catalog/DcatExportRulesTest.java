package io.interchange.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.CatalogTypes.FormatCategory;
import io.interchange.catalog.CatalogTypes.Level;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.CatalogTypes.SourceKind;
import io.interchange.catalog.CatalogTypes.UpdateCycle;
import io.interchange.catalog.ResourceParts.Classification;
import io.interchange.catalog.ResourceParts.Contact;
import io.interchange.catalog.ResourceParts.Format;
import io.interchange.catalog.ResourceParts.ProviderRef;
import io.interchange.catalog.ResourceParts.Source;
import io.interchange.directory.DepartmentView;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The mapping rules of the DCAT-AP export, and shapes validation of cases the demo seed does not publish. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DcatExportRulesTest {

    static final OffsetDateTime ON_THE_HOUR = OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    static final List<DepartmentView> DIRECTORY = List.of(
            new DepartmentView(
                    "zj-dsb",
                    "11330000902103578K",
                    "浙江省大数据发展管理局",
                    "Zhejiang Big Data Development Administration",
                    true),
            new DepartmentView("zj-amr", "113300009021074990", "浙江省市场监督管理局", null, false));

    static ResourceView resource(
            String id,
            SharingType sharingType,
            boolean open,
            List<SharingMode> modes,
            UpdateCycle cycle,
            String nameEn,
            Contact contact,
            Format format) {
        return new ResourceView(
                id,
                id.replace('-', '/'),
                ResourceStatus.PUBLISHED,
                2,
                "企业登记信息",
                nameEn,
                "企业登记基础信息",
                nameEn == null ? null : "Basic registration data",
                new Classification("1", "02", "001", null),
                new ProviderRef("zj-amr", "113300009021074990", "浙江省市场监督管理局"),
                format,
                List.of(),
                Level.GENERAL,
                sharingType,
                null,
                null,
                null,
                modes,
                open,
                null,
                cycle,
                "仅限申请事项使用",
                false,
                List.of(),
                List.of("企业", "enterprise", "市场主体"),
                contact,
                new Source(SourceKind.HOSTED),
                null,
                ON_THE_HOUR,
                ON_THE_HOUR.plusDays(1),
                null,
                false,
                false,
                false,
                null,
                null,
                null);
    }

    @Test
    void sharing_type_and_open_flag_map_to_EU_access_rights() {
        Format db = new Format(FormatCategory.DATABASE, "PostgreSQL");
        assertEquals(
                "PUBLIC",
                DcatExport.accessRightsCode(resource(
                        "102001-000001",
                        SharingType.UNCONDITIONAL,
                        true,
                        List.of(),
                        UpdateCycle.DAILY,
                        null,
                        null,
                        db)));
        assertEquals(
                "RESTRICTED",
                DcatExport.accessRightsCode(resource(
                        "102001-000001",
                        SharingType.UNCONDITIONAL,
                        false,
                        List.of(),
                        UpdateCycle.DAILY,
                        null,
                        null,
                        db)));
        assertEquals(
                "RESTRICTED",
                DcatExport.accessRightsCode(resource(
                        "102001-000001",
                        SharingType.CONDITIONAL,
                        false,
                        List.of(),
                        UpdateCycle.DAILY,
                        null,
                        null,
                        db)));
        assertEquals(
                "NON_PUBLIC",
                DcatExport.accessRightsCode(resource(
                        "102001-000001", SharingType.NOT_SHARED, false, List.of(), UpdateCycle.DAILY, null, null, db)));
    }

    @Test
    void every_update_cycle_has_an_EU_frequency() {
        assertEquals("UPDATE_CONT", DcatExport.frequencyCode(UpdateCycle.REALTIME));
        assertEquals("ANNUAL_2", DcatExport.frequencyCode(UpdateCycle.HALF_YEARLY));
        assertEquals("ANNUAL", DcatExport.frequencyCode(UpdateCycle.YEARLY));
        assertEquals("IRREG", DcatExport.frequencyCode(UpdateCycle.IRREGULAR));
        for (UpdateCycle cycle : UpdateCycle.values()) {
            assertTrue(DcatExport.frequencyCode(cycle).matches("[A-Z_0-9]+"));
        }
    }

    @Test
    void phone_numbers_become_global_tel_uris() {
        assertEquals("tel:+86-571-00000000", DcatExport.tel("0571-00000000"));
        assertEquals("tel:+86-13800000000", DcatExport.tel("138 0000 0000"));
        assertEquals("tel:+86-571-87654321", DcatExport.tel("+86-571-87654321"));
        assertNull(DcatExport.tel("ext. 12"));
        assertNull(DcatExport.tel(null));
    }

    @Test
    void date_times_keep_their_seconds() {
        assertEquals("2026-11-20T10:00:00+08:00", DcatExport.dateTime(ON_THE_HOUR));
    }

    @Test
    void tags_are_split_into_chinese_and_english_keywords() {
        ObjectNode keywords = DcatExport.keywords(List.of("身份", "identity", " 人口 ", ""));
        assertEquals("[\"身份\",\"人口\"]", keywords.get("zh").toString());
        assertEquals("[\"identity\"]", keywords.get("en").toString());
    }

    @Test
    void cases_the_seed_does_not_publish_still_conform_to_the_shapes() {
        Contact contact = new Contact("登记注册处", "data@amr.example.gov.cn", "0571-00000000");
        List<ResourceView> resources = List.of(
                resource(
                        "102001-000001",
                        SharingType.UNCONDITIONAL,
                        true,
                        List.of(SharingMode.API, SharingMode.BULK),
                        UpdateCycle.REALTIME,
                        "Enterprise registration",
                        contact,
                        new Format(FormatCategory.DATABASE, "PostgreSQL")),
                resource(
                        "102001-000002",
                        SharingType.CONDITIONAL,
                        false,
                        List.of(SharingMode.FILE),
                        UpdateCycle.HALF_YEARLY,
                        null,
                        null,
                        new Format(FormatCategory.ELECTRONIC_FILE, "pdf")),
                resource(
                        "102001-000003",
                        SharingType.NOT_SHARED,
                        false,
                        List.of(),
                        UpdateCycle.IRREGULAR,
                        "Not shared",
                        new Contact(null, null, "ext. 12"),
                        new Format(FormatCategory.IMAGE, "raw")));
        Graph graph = parse(new DcatExport("https://hub.example.org", "NationalAuthority").build(resources, DIRECTORY));

        for (String file : List.of("shapes.ttl", "range.ttl")) {
            ValidationReport report = validate(file, graph);
            assertEquals(0, violations(report), file + ":\n" + text(report));
        }
        assertTrue(graph.contains(
                NodeFactory.createURI("https://hub.example.org/resources/102001-000001"),
                NodeFactory.createURI("http://purl.org/dc/terms/accessRights"),
                NodeFactory.createURI("http://publications.europa.eu/resource/authority/access-right/PUBLIC")));
    }

    @Test
    void the_shapes_do_catch_an_untyped_contact_point() {
        // Guards the guard: if the shapes stopped loading, every export would pass.
        String untyped =
                "{\"@context\": {\"dcat\": \"http://www.w3.org/ns/dcat#\", \"dct\": \"http://purl.org/dc/terms/\"},"
                        + " \"@id\": \"https://hub.example.org/d\", \"@type\": \"dcat:Dataset\","
                        + " \"dct:title\": \"t\", \"dct:description\": \"d\","
                        + " \"dcat:contactPoint\": {\"@id\": \"https://hub.example.org/d#contact\"}}";
        Graph graph = RDFParser.create()
                .source(new StringReader(untyped))
                .lang(Lang.JSONLD)
                .toGraph();
        assertEquals(0, violations(validate("shapes.ttl", graph)));
        assertEquals(1, violations(validate("range.ttl", graph)));
    }

    static Graph parse(ObjectNode jsonLd) {
        return RDFParser.create()
                .source(new StringReader(jsonLd.toString()))
                .lang(Lang.JSONLD)
                .toGraph();
    }

    static ValidationReport validate(String file, Graph data) {
        Graph shapes = GraphFactory.createDefaultGraph();
        RDFParser.source(ClassLoader.getSystemResource("dcat-ap-3.0.1/" + file).toString())
                .lang(Lang.TURTLE)
                .parse(shapes);
        return ShaclValidator.get().validate(Shapes.parse(shapes), data);
    }

    static long violations(ValidationReport report) {
        return report.getEntries().stream()
                .filter(e -> e.severity().equals(Severity.Violation))
                .count();
    }

    static String text(ValidationReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, report.getModel(), Lang.TURTLE);
        return out.toString(StandardCharsets.UTF_8);
    }
}
