package io.interchange.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure leaves as one problem shape. Only 5xx are logged (with an id the response repeats), and no response
 * ever carries an exception class name or stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = Response.fromResponse(respond(e.toProblem()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper({
        UnauthorizedException.class,
        AuthenticationFailedException.class,
        AuthenticationCompletionException.class
    })
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(respond(
                        Problem.of(401, "UNAUTHORIZED", "Unauthorized", "a valid bearer token is required", List.of())))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "FORBIDDEN", "Forbidden", "your role does not allow this operation", List.of()));
    }

    @ServerExceptionMapper
    public Response unknownMember(UnrecognizedPropertyException e) {
        String path = path(e);
        return respond(Problem.of(
                400,
                "UNKNOWN_MEMBER",
                "Bad request",
                "unknown member " + path,
                List.of(new FieldError(path, "is not a member of this command"))));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        String path = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        String message = e instanceof InvalidFormatException ife && ife.getValue() != null
                ? "cannot be read as " + expected
                : "must be " + expected;
        return respond(Problem.of(
                400, "INVALID_JSON", "Bad request", path + " " + message, List.of(new FieldError(path, message))));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return respond(Problem.of(
                400,
                "MALFORMED_JSON",
                "Bad request",
                "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")",
                List.of()));
    }

    @ServerExceptionMapper
    public Response otherMapping(JsonMappingException e) {
        String path = path(e);
        return respond(Problem.of(
                400,
                "INVALID_JSON",
                "Bad request",
                "the body does not match the expected shape at " + path,
                List.of(new FieldError(path, "has an unexpected value"))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> "HTTP_" + status;
        };
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        String detail = status == 404 ? "no such resource" : title;
        return respond(Problem.of(status, code, title, detail, List.of()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internal(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled failure %s", id);
        return respond(Problem.of(
                500, "INTERNAL_ERROR", "Internal server error", "the hub failed to answer; incident " + id, List.of()));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.getName().startsWith("java.time")) {
            return "a date (YYYY-MM-DD)";
        }
        return "an object";
    }
}
