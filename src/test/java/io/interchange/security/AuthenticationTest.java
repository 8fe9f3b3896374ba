package io.interchange.security;

import static io.interchange.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import io.interchange.support.Api;
import io.interchange.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may call at all: bearer tokens the hub signed, nothing else; and the demo token endpoint's own refusals. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuthenticationTest {

    static final String DEMO = "X-Interchange-Mode";

    /** Generating an RSA key takes a while; one foreign key serves every case. */
    static final String FOREIGN = Tokens.foreign("zj-psb", "hub-admin", "steward", "consumer", "auditor");

    /** A sample of endpoints of every feature. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of(Method.GET, "/api/v1/departments"),
                Arguments.of(Method.GET, "/api/v1/departments/zj-psb"),
                Arguments.of(Method.GET, "/api/v1/resources"),
                Arguments.of(Method.GET, "/api/v1/resources/" + Api.RESIDENTS),
                Arguments.of(Method.POST, "/api/v1/resources"),
                Arguments.of(Method.POST, "/api/v1/resources/" + Api.RESIDENTS + "/records"),
                Arguments.of(Method.POST, "/api/v1/access-requests"),
                Arguments.of(Method.GET, "/api/v1/access-requests"),
                Arguments.of(Method.GET, "/api/v1/grants"),
                Arguments.of(Method.GET, "/api/v1/exchange/" + Api.RESIDENTS + "/records"),
                Arguments.of(Method.GET, "/api/v1/ledger/entries"));
    }

    static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static Response call(RequestSpecification spec, Method method, String path) {
        if (method == Method.POST) {
            spec = spec.body(path.endsWith("/records") ? List.of() : Map.of());
        }
        return spec.request(method, path);
    }

    static void assertUnauthorized(Response response) {
        problem(response, 401, "UNAUTHORIZED").header(DEMO, "demo");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void a_call_without_a_token_is_refused_with_401(Method method, String path) {
        assertUnauthorized(call(anonymous(), method, path));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void a_token_signed_by_a_foreign_key_is_refused_with_401(Method method, String path) {
        assertUnauthorized(call(bearer(FOREIGN), method, path));
    }

    @Test
    void an_expired_token_signed_by_the_hub_is_refused_with_401() {
        String token = Tokens.expired("zj-psb", "steward", "consumer", "auditor");
        for (Arguments endpoint : endpoints().toList()) {
            Object[] a = endpoint.get();
            assertUnauthorized(call(bearer(token), (Method) a[0], (String) a[1]));
        }
    }

    @Test
    void an_unsigned_token_with_alg_none_is_refused_with_401() {
        String token = Tokens.unsigned("zj-psb", "hub-admin", "hub-auditor", "consumer");
        for (Arguments endpoint : endpoints().toList()) {
            Object[] a = endpoint.get();
            assertUnauthorized(call(bearer(token), (Method) a[0], (String) a[1]));
        }
    }

    @Test
    void a_garbage_bearer_token_is_refused_with_401() {
        for (String garbage : List.of("garbage", "a.b.c", "eyJhbGciOiJSUzI1NiJ9..", "Bearer")) {
            assertUnauthorized(bearer(garbage).get("/api/v1/departments"));
            assertUnauthorized(bearer(garbage).get("/api/v1/ledger/entries"));
        }
    }

    @Test
    void a_token_of_the_hubs_own_issuer_is_accepted() {
        Api.as("psb-app").get("/api/v1/departments").then().statusCode(200).header(DEMO, "demo");
    }

    @Test
    void every_response_says_the_hub_runs_in_demo_mode() {
        given().get("/q/health").then().header(DEMO, "demo");
        anonymous().get("/api/v1/departments").then().statusCode(401).header(DEMO, "demo");
        Api.as("psb-app").get("/api/v1/resources").then().statusCode(200).header(DEMO, "demo");
        Api.as("psb-app")
                .get("/api/v1/resources/999999-999999")
                .then()
                .statusCode(404)
                .header(DEMO, "demo");
        Api.as("psb-officer")
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(403)
                .header(DEMO, "demo");
        given().get("/no/such/path").then().statusCode(404).header(DEMO, "demo");
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "psb-app")
                .formParam("client_secret", "wrong")
                .post("/demo/oauth/token")
                .then()
                .statusCode(401)
                .header(DEMO, "demo");
    }

    @Test
    void the_health_endpoint_is_public() {
        given().get("/q/health").then().statusCode(200).header(DEMO, "demo");
    }

    @Test
    void the_demo_token_endpoint_refuses_a_wrong_secret_as_invalid_client() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "psb-app")
                .formParam("client_secret", "psb-steward-secret")
                .post("/demo/oauth/token")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_client"))
                .body("access_token", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void the_demo_token_endpoint_refuses_an_unknown_client_as_invalid_client() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "nobody")
                .formParam("client_secret", "nobody-secret")
                .post("/demo/oauth/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void the_demo_token_endpoint_refuses_the_password_grant() {
        given().formParam("grant_type", "password")
                .formParam("client_id", "psb-app")
                .formParam("client_secret", "psb-app-secret")
                .formParam("username", "someone")
                .formParam("password", "secret")
                .post("/demo/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void the_demo_token_endpoint_accepts_http_basic_client_authentication() {
        String token = given().auth()
                .preemptive()
                .basic("mca-app", "mca-app-secret")
                .formParam("grant_type", "client_credentials")
                .post("/demo/oauth/token")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", greaterThan(0))
                .body("access_token", notNullValue())
                .extract()
                .path("access_token");
        bearer(token).get("/api/v1/access-requests").then().statusCode(200);
    }

    @Test
    void the_demo_token_endpoint_refuses_a_wrong_basic_password() {
        given().auth()
                .preemptive()
                .basic("mca-app", "mca-steward-secret")
                .formParam("grant_type", "client_credentials")
                .post("/demo/oauth/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void a_token_naming_a_department_outside_the_directory_cannot_file_a_request() {
        Response response = bearer(Tokens.forge("zj-nobody", "consumer"))
                .body(Api.accessRequest(Api.RESIDENTS, List.of("id_number")))
                .post("/api/v1/access-requests");
        problem(response, 403, "UNKNOWN_DEPARTMENT");
    }

    @Test
    void a_token_naming_a_department_outside_the_directory_cannot_draft_a_resource() {
        Response response = bearer(Tokens.forge("zj-nobody", "steward"))
                .body(Api.resource(Api.unique("无主资源")))
                .post("/api/v1/resources");
        problem(response, 403, "UNKNOWN_DEPARTMENT");
        Api.as("dsb-admin")
                .queryParam("q", "无主资源")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void a_token_without_roles_is_forbidden_not_unauthenticated() {
        Response response = bearer(Tokens.forge("zj-psb", "nobody-role")).get("/api/v1/ledger/entries");
        problem(response, 403, "FORBIDDEN");
    }
}
