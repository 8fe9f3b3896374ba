package io.interchange.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The RFC 9457 body of every error the API returns. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return new Problem(
                code.type(),
                code.title(),
                code.status(),
                detail,
                code.name(),
                errors == null ? List.of() : List.copyOf(errors));
    }
}
