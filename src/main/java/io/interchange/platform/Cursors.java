package io.interchange.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: clients pass them back unchanged, so their content may change without notice. */
public final class Cursors {

    private Cursors() {}

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cursor is not a cursor this API returned", "cursor");
        }
    }

    public static int limit(Integer requested, int defaultLimit, int maxLimit) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > maxLimit) {
            throw ApiException.badRequest("limit must be between 1 and " + maxLimit, "limit");
        }
        return requested;
    }
}
