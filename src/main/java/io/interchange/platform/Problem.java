package io.interchange.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The RFC 9457 body of every error the API returns. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, List<FieldError> errors) {
        return new Problem(typeOf(code), title, status, detail, code, errors == null ? List.of() : List.copyOf(errors));
    }

    /** {@code NO_GRANT} → {@code /problems/no-grant}: a stable relative URI per error kind. */
    public static String typeOf(String code) {
        return "/problems/" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
