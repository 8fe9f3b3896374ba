package io.interchange.platform;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProblemCatalogueTest {

    @Test
    void every_code_has_its_own_stable_type() {
        Set<String> types =
                Arrays.stream(ErrorCode.values()).map(ErrorCode::type).collect(Collectors.toSet());
        assertEquals(ErrorCode.values().length, types.size());
        assertEquals("/problems/no-grant", ErrorCode.NO_GRANT.type());
        assertTrue(types.stream().allMatch(t -> t.matches("/problems/[a-z]+(-[a-z]+)*")));
    }

    @Test
    void a_body_of_the_wrong_media_type_is_a_415_problem() {
        as("psb-steward")
                .contentType("text/plain")
                .body("name=x")
                .post("/api/v1/resources")
                .then()
                .statusCode(415)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"))
                .body("type", equalTo("/problems/unsupported-media-type"));
    }

    @Test
    void an_unknown_path_is_a_404_problem_without_internals() {
        as("psb-steward")
                .get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("NOT_FOUND"))
                .body(not(containsString("Exception")));
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        as("psb-steward")
                .delete("/api/v1/departments")
                .then()
                .statusCode(405)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }
}
