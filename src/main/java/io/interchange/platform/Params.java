package io.interchange.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Query parameters read by hand, so a bad value is a 400 naming the parameter (JAX-RS would answer 404). */
public final class Params {

    private Params() {}

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ApiException.badRequest(name + " must be one of " + allowed, name);
        }
    }
}
