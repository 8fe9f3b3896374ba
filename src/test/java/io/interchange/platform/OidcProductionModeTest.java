package io.interchange.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The production identity path: tokens signed by a stand-in OIDC provider (WireMock serving discovery and JWKS), with
 * roles in Keycloak's {@code realm_access.roles} and the department in its claim. Demo mode must be off.
 */
@QuarkusTest
@TestProfile(OidcProductionModeTest.WithOidcProvider.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OidcProductionModeTest {

    public static class WithOidcProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    private static String providerToken(String department, Set<String> groups, Set<String> realmRoles) {
        return Jwt.preferredUserName("service-account-mca-portal")
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .subject("mca-portal")
                .claim("azp", "mca-portal")
                .claim("department", department)
                .groups(groups)
                .claim("realm_access", Map.of("roles", List.copyOf(realmRoles)))
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    @Test
    void the_console_demo_sign_in_does_not_exist_with_a_provider_configured() {
        given().get("/console/sign-in").then().statusCode(404);
        given().contentType("application/x-www-form-urlencoded")
                .formParam("persona", "dsb-admin")
                .post("/console/sign-in")
                .then()
                .statusCode(404);
    }

    @Test
    void the_demo_token_endpoint_does_not_exist_with_a_provider_configured() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "mca-app")
                .formParam("client_secret", "mca-app-secret")
                .post("/demo/oauth/token")
                .then()
                .statusCode(404)
                .header("X-Interchange-Mode", nullValue());
    }

    @Test
    void a_provider_token_with_keycloak_realm_roles_is_accepted() {
        given().auth()
                .oauth2(providerToken("zj-mca", Set.of(), Set.of("consumer")))
                .get("/api/v1/departments")
                .then()
                .statusCode(200)
                .header("X-Interchange-Mode", nullValue());
    }

    @Test
    void roles_from_groups_are_honoured_and_missing_ones_refused() {
        given().auth()
                .oauth2(providerToken("zj-mca", Set.of("auditor"), Set.of()))
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(providerToken("zj-mca", Set.of("consumer"), Set.of()))
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void the_department_claim_decides_whose_data_the_caller_sees() {
        given().auth()
                .oauth2(providerToken("zj-psb", Set.of("auditor"), Set.of()))
                .queryParam("department", "zj-mca")
                .get("/api/v1/ledger/entries")
                .then()
                .statusCode(403)
                .body("code", equalTo("OTHER_DEPARTMENT"));
    }

    @Test
    void a_token_signed_by_the_demo_key_is_refused_in_production_mode() {
        String demo = io.interchange.support.Tokens.forge("zj-mca", "consumer");
        given().auth().oauth2(demo).get("/api/v1/departments").then().statusCode(401);
    }
}
