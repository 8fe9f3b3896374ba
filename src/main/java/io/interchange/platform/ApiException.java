package io.interchange.platform;

import java.util.List;

/**
 * A refusal the API reports as a problem: services throw it, one mapper renders it. Its {@code code} is the stable
 * word clients branch on; {@code detail} is for people and never carries internals.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(ErrorCode code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public static ApiException badRequest(ErrorCode code, String detail, List<FieldError> errors) {
        return new ApiException(code, detail, errors);
    }

    public static ApiException badRequest(String detail, String field) {
        return badRequest(ErrorCode.BAD_REQUEST, detail, List.of(new FieldError(field, detail)));
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiException forbidden(ErrorCode code, String detail) {
        return new ApiException(code, detail);
    }

    public static ApiException conflict(ErrorCode code, String detail) {
        return new ApiException(code, detail);
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " members are invalid";
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail, errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** A command endpoint called without a body. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw badRequest("a JSON body is required", "body");
        }
        return body;
    }

    /** A header the problem response carries too (e.g. {@code X-Exchange-Id} on a refused exchange). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem() {
        return Problem.of(code, getMessage(), errors);
    }

    public ErrorCode code() {
        return code;
    }
}
