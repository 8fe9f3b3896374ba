package io.interchange.support;

import static io.restassured.RestAssured.given;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real signed tokens for tests: issued by the hub's own demo token endpoint for the seeded clients, plus deliberately
 * broken ones (foreign key, expired, unsigned) for the refusal cases.
 */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /** A token for a client of {@code catalog-seed/demo-clients.json} (secret = client id + "-secret"). */
    public static String of(String clientId) {
        return CACHE.computeIfAbsent(
                clientId,
                id -> given().formParam("grant_type", "client_credentials")
                        .formParam("client_id", id)
                        .formParam("client_secret", id + "-secret")
                        .post("/demo/oauth/token")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("access_token"));
    }

    /** Signed with a key the hub has never seen. */
    public static String foreign(String department, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            return claims(department, roles).expiresIn(300).sign(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the hub's demo key, but expired an hour ago. */
    public static String expired(String department, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return claims(department, roles)
                .issuedAt(now - 7200)
                .expiresAt(now - 3600)
                .sign(demoKey());
    }

    /** A token for any department and roles, signed with the hub's demo key (for departments without a demo client). */
    public static String forge(String department, String... roles) {
        return claims(department, roles).expiresIn(300).sign(demoKey());
    }

    /** As {@link #forge}, valid for {@code seconds} only. */
    public static String forgeExpiringIn(int seconds, String department, String... roles) {
        return claims(department, roles).expiresIn(seconds).sign(demoKey());
    }

    /** {@code alg: none}: claims without a signature. */
    public static String unsigned(String department, String... roles) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = System.currentTimeMillis() / 1000;
        String payload = b64("{\"iss\":\"interchange-demo\",\"sub\":\"x\",\"department\":\"" + department
                + "\",\"groups\":[\"" + String.join("\",\"", roles) + "\"],\"iat\":" + now + ",\"exp\":" + (now + 300)
                + "}");
        return header + "." + payload + ".";
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder claims(String department, String... roles) {
        return Jwt.issuer("interchange-demo")
                .subject("test-client")
                .claim("azp", "test-client")
                .claim("department", department)
                .groups(Set.of(roles));
    }

    /** The hub's demo key (the same file the hub creates under the test data directory). */
    private static PrivateKey demoKey() {
        return io.interchange.platform.bootstrap.DemoKeys.loadOrCreate(Path.of("target/test-data"))
                .privateKey();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
