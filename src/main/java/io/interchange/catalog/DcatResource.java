package io.interchange.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.directory.DepartmentService;
import io.interchange.platform.HubConfig;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/catalog/dcat")
@Tag(name = "Catalogue", description = "Data resources (数据资源目录): drafting, review, publication")
@SecurityRequirement(name = "bearer")
public class DcatResource {

    static final String JSON_LD = "application/ld+json";

    @Inject
    CatalogService catalog;

    @Inject
    DepartmentService departments;

    @Inject
    HubConfig config;

    @GET
    @Authenticated
    @Produces(JSON_LD)
    @Operation(
            summary = "The published catalogue as DCAT-AP 3.0.1",
            description = "JSON-LD with its context inlined: the catalogue, one dataset per published resource, a "
                    + "distribution per sharing mode, a data service for API access, publishers, contact points, "
                    + "access rights and update frequencies from the EU vocabularies. Titles are in Chinese and "
                    + "English.")
    @APIResponse(
            responseCode = "200",
            description = "A JSON-LD document: `@context` and a flat `@graph` of DCAT-AP nodes",
            content = @Content(mediaType = JSON_LD, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    public ObjectNode export() {
        HubConfig.Catalog settings = config.catalog();
        return new DcatExport(settings.baseUri(), settings.publisherType())
                .build(catalog.published(), departments.list());
    }
}
