package io.interchange.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console's authorization-code flow against a real Keycloak ({@link KeycloakResource}) with the shipped realm,
 * in headless Chromium: the console sends the browser to the provider's login page, comes back signed in with the
 * user's department and roles, and signs out through the provider. The same realm serves the API's client-credentials
 * clients.
 */
@QuarkusTest
@TestProfile(ConsoleKeycloakTest.WithKeycloak.class)
@Tag("keycloak")
class ConsoleKeycloakTest {

    static final int HUB_PORT = port();

    public static class WithKeycloak implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakResource.class));
        }
    }

    @Test
    void a_person_signs_in_through_keycloak_sees_their_department_and_signs_out() {
        Optional<String> unavailable =
                ConfigProvider.getConfig().getOptionalValue(KeycloakResource.UNAVAILABLE, String.class);
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "Keycloak test skipped: " + unavailable.orElse(""));
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        String base = "http://127.0.0.1:" + HUB_PORT;

        // The API: a department's confidential client gets a token with client credentials from the same realm.
        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "hrss-api")
                .formParam("client_secret", "hrss-api-demo-secret")
                .post(issuer + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        given().auth().oauth2(token).get(base + "/api/v1/resources").then().statusCode(200);
        given().get(base + "/console/sign-in").then().statusCode(404); // no demo personas with a real provider

        // Without a session: the page sends the browser to the code flow's entry, which redirects to the provider.
        given().redirects()
                .follow(false)
                .get(base + "/console/catalogue")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/oidc/sign-in"));
        given().redirects()
                .follow(false)
                .get(base + "/console/oidc/sign-in")
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.startsWith(issuer));

        try (Chromium browser = Chromium.start(base)) {
            browser.open("/console/catalogue");
            browser.waitFor(d -> d.getCurrentUrl().startsWith(issuer));
            browser.screenshot("20-keycloak-login");
            browser.type("username", "psb-steward").type("password", "psb-steward-demo");
            browser.click(By.id("kc-login"));
            browser.waitFor(d -> d.getCurrentUrl().startsWith(base + "/console/catalogue"));
            String who = browser.text(By.cssSelector(".who"));
            assertTrue(who.contains("浙江省公安厅") && who.contains("Steward"), who);
            assertTrue(browser.page().contains("/console/steward"), "the steward's menu");
            browser.open("/console/steward");
            assertTrue(browser.text(By.tagName("h1")).length() > 0);
            browser.open("/console/ledger");
            assertTrue(browser.page().contains("403"), "a steward is not an auditor");
            browser.screenshot("21-keycloak-signed-in");

            browser.open("/console/catalogue");
            browser.click(By.cssSelector("form[action='/console/sign-out'] button"));
            try {
                browser.waitFor(d -> d.getCurrentUrl().startsWith(base + "/console/signed-out"));
            } catch (org.openqa.selenium.TimeoutException e) {
                browser.screenshot("22-keycloak-sign-out-failed");
                throw new AssertionError("sign-out ended at " + browser.driver.getCurrentUrl() + ": "
                        + browser.find(By.tagName("body")).getText());
            }
            browser.screenshot("22-keycloak-signed-out");
            browser.open("/console/catalogue");
            browser.waitFor(d -> d.getCurrentUrl().startsWith(issuer));
        }
    }

    private static int port() {
        try {
            return KeycloakResource.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
