package io.interchange.support;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of the RFC 9457 problem shape every refusal must have (API.md "Errors"). */
public final class Problems {

    /**
     * What a body must never carry: exception class names, Java or library package names, stack frames. Matched
     * case-sensitively so ordinary words in a detail do not trip it.
     */
    private static final Pattern INTERNALS = Pattern.compile("Exception|Throwable|\\bjava\\.|\\bjavax\\.|\\bjakarta\\."
            + "|\\bio\\.interchange\\.|\\bio\\.quarkus\\.|\\bio\\.vertx\\.|\\borg\\.(hibernate|jboss|postgresql|flywaydb)\\."
            + "|\\bcom\\.fasterxml\\.|\\bat [a-z]+\\.[a-zA-Z.$]+\\(|\\.java:\\d+");

    private Problems() {}

    /** The problem type for a code: {@code NO_GRANT} → {@code /problems/no-grant}. */
    public static String type(String code) {
        return "/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Asserts {@code response} is a problem with this status and code (content type, {@code status}, {@code code},
     * {@code type}) and that it leaks no internals.
     */
    public static ValidatableResponse problem(Response response, int status, String code) {
        noInternals(response);
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("type", equalTo(type(code)));
    }

    /** As {@link #problem}, and {@code errors[].field} names at least every one of {@code fields}. */
    public static ValidatableResponse problem(Response response, int status, String code, String... fields) {
        return problem(response, status, code).body("errors.field", hasItems(fields));
    }

    /** 422 VALIDATION_FAILED naming every one of {@code fields}. */
    public static ValidatableResponse invalid(Response response, String... fields) {
        return problem(response, 422, "VALIDATION_FAILED", fields);
    }

    /** The {@code errors[].field} values of a problem. */
    public static List<String> fields(Response response) {
        return response.jsonPath().getList("errors.field", String.class);
    }

    /** No body, of any status, may carry an exception name, a Java package name or a stack frame. */
    public static void noInternals(Response response) {
        String body = response.asString();
        Matcher m = INTERNALS.matcher(body);
        assertFalse(m.find(), () -> "the body leaks internals (" + m.group() + "): " + body);
    }
}
