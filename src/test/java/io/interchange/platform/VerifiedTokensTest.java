package io.interchange.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A verified bearer token is remembered, never beyond its expiry, only for its exact text, and the remembered identity
 * carries the same roles and department as a fresh verification would.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VerifiedTokensTest {

    static final String ENTRIES = "/api/v1/ledger/entries";

    @Inject
    VerifiedTokens tokens;

    static int status(String token) {
        return given().auth().oauth2(token).get(ENTRIES).statusCode();
    }

    @Test
    void a_token_used_again_is_served_from_memory_with_the_same_roles() {
        String auditor = Tokens.forge("zj-psb", "auditor");
        String consumer = Tokens.forge("zj-psb", "consumer");
        long before = tokens.hits();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, status(auditor));
            assertEquals(403, status(consumer), "a remembered token keeps only its own roles");
        }
        assertTrue(tokens.hits() - before >= 4, "the second and third uses were not verified again");
    }

    @Test
    void a_remembered_token_stops_working_when_it_expires() throws InterruptedException {
        long forged = System.currentTimeMillis();
        String token = Tokens.forgeExpiringIn(8, "zj-psb", "auditor");
        long before = tokens.hits();
        assertEquals(200, status(token));
        assertEquals(200, status(token));
        assertTrue(tokens.hits() > before, "remembered before it expires");
        Thread.sleep(Math.max(0, forged + 9_000 - System.currentTimeMillis()));
        assertEquals(401, status(token), "expired, whatever was remembered");
    }

    @Test
    void only_the_exact_token_is_remembered_a_tampered_copy_is_verified_and_refused() {
        String token = Tokens.forge("zj-psb", "auditor");
        assertEquals(200, status(token));
        String[] parts = token.split("\\.");
        String signature = parts[2];
        char changed = signature.charAt(10) == 'A' ? 'B' : 'A';
        String tampered =
                parts[0] + "." + parts[1] + "." + signature.substring(0, 10) + changed + signature.substring(11);
        assertEquals(401, status(tampered), "a changed signature is checked, not looked up");
        assertEquals(401, status(Tokens.unsigned("zj-psb", "auditor")));
        assertEquals(200, status(token));
    }
}
