package io.interchange.catalog;

import static io.interchange.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The DCAT-AP export read as RDF, the way a harvester reads it, and checked against the official shapes. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DcatExportTest {

    static final String SHAPES = "dcat-ap-3.0.1/";

    /** Published by catalog-seed at start. */
    static final List<String> SEEDED = List.of(Api.RESIDENTS, Api.ALLOWANCES, Api.ENTERPRISES);

    /** Fetched once, on first use (REST Assured knows the test port only once Quarkus has started). */
    private static Graph export;

    static Graph export() {
        if (export != null) {
            return export;
        }
        String body = as("mca-app")
                .get("/api/v1/catalog/dcat")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/ld+json"))
                .extract()
                .asString();
        // The context is inlined: parsing must not (and here cannot) fetch anything.
        export = RDFParser.create()
                .source(new StringReader(body))
                .lang(Lang.JSONLD)
                .toGraph();
        return export;
    }

    @Test
    void the_export_conforms_to_the_mandatory_DCAT_AP_shapes() {
        for (String file : List.of("shapes.ttl", "range.ttl")) {
            ValidationReport report = validate(file);
            long violations = count(report, Severity.Violation);
            if (violations > 0) {
                System.out.println(file + ": " + violations + " violation(s)\n" + text(report));
            }
            assertEquals(0, violations, file + " found violations; the report is printed above");
        }
    }

    @Test
    void recommended_shapes_are_reported_not_enforced() {
        ValidationReport report = validate("shapes_recommended.ttl");
        long warnings = count(report, Severity.Warning);
        System.out.println("DCAT-AP recommended shapes: " + warnings + " warning(s)");
        if (warnings > 0) {
            System.out.println(text(report));
        }
    }

    @Test
    void every_seeded_published_resource_is_a_dataset_with_bilingual_titles() {
        Set<Node> datasets = export().find(null, RDF.type.asNode(), DCAT.Dataset.asNode())
                .mapWith(t -> t.getSubject())
                .toSet();
        assertTrue(datasets.size() >= 4, "the seed publishes 4 resources; found " + datasets.size());
        for (String id : SEEDED) {
            Node dataset = NodeFactory.createURI("https://interchange.example.gov.cn/resources/" + id);
            assertTrue(datasets.contains(dataset), id + " is exported");
            Set<String> languages = export().find(dataset, DCTerms.title.asNode(), null)
                    .mapWith(t -> t.getObject().getLiteralLanguage())
                    .toSet();
            assertEquals(Set.of("zh", "en"), languages, id + " has a Chinese and an English title");
        }
    }

    @Test
    void the_catalogue_is_published_by_the_authority_and_lists_its_datasets() {
        Node catalog = NodeFactory.createURI("https://interchange.example.gov.cn/catalog");
        assertTrue(export().contains(catalog, RDF.type.asNode(), DCAT.Catalog.asNode()));
        assertTrue(export().contains(
                        catalog,
                        DCTerms.publisher.asNode(),
                        NodeFactory.createURI("https://interchange.example.gov.cn/departments/zj-dsb")));
        long listed =
                export().find(catalog, DCAT.dataset.asNode(), null).toList().size();
        assertTrue(listed >= 4, "catalogue lists " + listed + " datasets");
    }

    @Test
    void access_rights_follow_the_sharing_type() {
        Node residents = NodeFactory.createURI("https://interchange.example.gov.cn/resources/" + Api.RESIDENTS);
        assertTrue(export().contains(
                        residents,
                        DCTerms.accessRights.asNode(),
                        NodeFactory.createURI(
                                "http://publications.europa.eu/resource/authority/access-right/RESTRICTED")));
    }

    @Test
    void the_export_needs_a_token() {
        given().get("/api/v1/catalog/dcat").then().statusCode(401);
    }

    static ValidationReport validate(String file) {
        Graph shapes = GraphFactory.createDefaultGraph();
        RDFParser.source(ClassLoader.getSystemResource(SHAPES + file).toString())
                .lang(Lang.TURTLE)
                .parse(shapes);
        return ShaclValidator.get().validate(Shapes.parse(shapes), export());
    }

    static long count(ValidationReport report, Severity severity) {
        return report.getEntries().stream()
                .filter(e -> e.severity().equals(severity))
                .count();
    }

    static String text(ValidationReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, report.getModel(), Lang.TURTLE);
        return out.toString(StandardCharsets.UTF_8)
                + report.getEntries().stream()
                        .map(e -> e.severity().level().getLocalName() + " " + e.focusNode() + " " + e.resultPath()
                                + ": " + e.message())
                        .collect(Collectors.joining("\n", "\n", "\n"));
    }
}
