package io.interchange.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi/openapi.yaml} is the committed contract; it must equal what the build generates. Refresh it with
 * {@code mvn test -Dtest=OpenApiContractTest -Dopenapi.refresh=true} and review the diff.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpenApiContractTest {

    static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    @Test
    void the_committed_openapi_document_matches_the_generated_one() throws IOException {
        String generated = given().accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        if (Boolean.getBoolean("openapi.refresh")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        assertEquals(
                committed,
                generated,
                "openapi/openapi.yaml is stale: run mvn test -Dtest=OpenApiContractTest -Dopenapi.refresh=true");
    }
}
