package io.interchange.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Small helpers for links inside the console. */
final class ConsolePaths {

    private ConsolePaths() {}

    /** A query string of the non-blank values, in order. */
    static String query(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }

    static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Only a path inside the console may be a redirect target; anything else goes to the catalogue. */
    static String safeBack(String back) {
        if (back == null
                || !back.startsWith(ConsoleHttp.PATH)
                || back.startsWith("//")
                || back.contains("\\")
                || back.contains("://")
                || back.chars().anyMatch(Character::isISOControl)) {
            return ConsoleHttp.PATH + "/catalogue";
        }
        return back;
    }
}
