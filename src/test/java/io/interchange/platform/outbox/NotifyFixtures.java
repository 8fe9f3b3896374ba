package io.interchange.platform.outbox;

import static io.restassured.RestAssured.given;

import io.interchange.platform.CheckCharacters;
import io.interchange.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Departments of their own for the notification tests, so no other test's events reach their receivers. */
final class NotifyFixtures {

    private NotifyFixtures() {}

    /** Registers a fresh department as hub-admin; returns its id. */
    static String department() {
        StringBuilder first17 = new StringBuilder("11330000");
        for (int i = 0; i < 9; i++) {
            first17.append(ThreadLocalRandom.current().nextInt(10));
        }
        String id = "n-" + UUID.randomUUID().toString().substring(0, 8);
        io.interchange.support.Api.as("dsb-admin")
                .body(Map.of(
                        "id",
                        id,
                        "code",
                        first17.toString() + CheckCharacters.usccCheckChar(first17.toString()),
                        "name",
                        "通知测试厅",
                        "nameEn",
                        "Notification test department"))
                .post("/api/v1/departments")
                .then()
                .statusCode(201);
        return id;
    }

    /** A request as {@code department}'s data officer (a token signed with the demo key). */
    static RequestSpecification officer(String department) {
        return withToken(Tokens.forge(department, "data-officer"));
    }

    static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static void setWebhook(String department, String url, String secret) {
        officer(department)
                .body(Map.of("url", url, "secret", secret))
                .put("/api/v1/departments/" + department + "/webhook")
                .then()
                .statusCode(200);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
