package io.interchange.platform;

import java.util.Locale;

/**
 * The error catalogue: every problem the API returns has one of these codes, always with the same status, title and
 * {@code type} URI ({@code /problems/<code in kebab case>}). Clients branch on {@code code}; it never changes meaning.
 */
public enum ErrorCode {
    BAD_REQUEST(400, "Bad request"),
    MALFORMED_JSON(400, "Malformed JSON"),
    INVALID_JSON(400, "JSON of the wrong shape"),
    UNKNOWN_MEMBER(400, "Unknown member"),
    BAD_QUERY(400, "Bad query"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NO_DEPARTMENT(403, "No department in the token"),
    UNKNOWN_DEPARTMENT(403, "Unknown department"),
    NOT_OWNER(403, "Another department's object"),
    WRONG_PARTY(403, "Wrong party"),
    OTHER_DEPARTMENT(403, "Another department's records"),
    NO_GRANT(403, "No grant"),
    GRANT_EXPIRED(403, "Grant expired"),
    GRANT_SUSPENDED(403, "Grant suspended"),
    GRANT_REVOKED(403, "Grant revoked"),
    GRANT_ENDED(403, "Grant ended"),
    RESOURCE_NOT_PUBLISHED(403, "Resource not published"),
    NOT_SHARED(403, "Not shared"),
    FIELD_NOT_GRANTED(403, "Item not granted"),
    PURPOSE_MISMATCH(403, "Purpose mismatch"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    INVALID_STATUS(409, "Not allowed in this status"),
    ALREADY_EXTENDED(409, "Already extended"),
    ALREADY_ATTESTED(409, "Disposal already attested"),
    DEPARTMENT_EXISTS(409, "Department exists"),
    DEPARTMENT_CODE_EXISTS(409, "Department code in use"),
    NOT_HOSTED(409, "Not a hosted resource"),
    CODE_SPACE_EXHAUSTED(409, "No resource codes left"),
    BREAKS_GRANTS(409, "The change would break grants in force"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Validation failed"),
    PRECONDITION_REQUIRED(428, "Precondition required"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal server error"),
    UPSTREAM_FAILED(502, "Upstream failed"),
    UPSTREAM_TIMEOUT(504, "Upstream timed out"),
    DISPUTE_STEP_OUT_OF_ORDER(409, "Dispute step out of order"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused with another request"),
    IDEMPOTENCY_KEY_IN_USE(409, "A request with this idempotency key is in progress");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return "/problems/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
