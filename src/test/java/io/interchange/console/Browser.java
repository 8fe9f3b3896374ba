package io.interchange.console;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping client for the console's HTML, the way a browser without JavaScript uses it. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new HashMap<>();
    private String csrf;

    static Browser signedInAs(String persona) {
        Browser browser = new Browser();
        browser.get("/console/sign-in").then().statusCode(200);
        browser.post("/console/sign-in", Map.of("persona", persona)).then().statusCode(303);
        return browser;
    }

    Response get(String path) {
        return remember(request().get(path));
    }

    /** Posts a form with this browser's CSRF token, as the page's hidden field carries it. */
    Response post(String path, Map<String, ?> form) {
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        form.forEach((name, value) -> {
            if (value instanceof Iterable<?> values) {
                values.forEach(v -> spec.formParam(name, v));
            } else {
                spec.formParam(name, value);
            }
        });
        if (csrf != null && !form.containsKey("csrf")) {
            spec.formParam("csrf", csrf);
        }
        return remember(spec.post(path));
    }

    Map<String, String> cookies() {
        return cookies;
    }

    String csrf() {
        return csrf;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    private RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }

    private Response remember(Response response) {
        response.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        Matcher m = CSRF.matcher(response.asString());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }
}
