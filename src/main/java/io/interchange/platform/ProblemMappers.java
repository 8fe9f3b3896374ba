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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure leaves as one problem shape from the {@link ErrorCode} catalogue. Only 5xx are logged (with an id
 * the response repeats), and no response ever carries an exception class name or stack trace.
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
        return Response.fromResponse(respond(ErrorCode.UNAUTHORIZED, "a valid bearer token is required", List.of()))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ErrorCode.FORBIDDEN, "your role does not allow this operation", List.of());
    }

    @ServerExceptionMapper
    public Response unknownMember(UnrecognizedPropertyException e) {
        String path = path(e);
        return respond(
                ErrorCode.UNKNOWN_MEMBER,
                "unknown member " + path,
                List.of(new FieldError(path, "is not a member of this command")));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        String path = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        String message = e instanceof InvalidFormatException ife && ife.getValue() != null
                ? "cannot be read as " + expected
                : "must be " + expected;
        return respond(ErrorCode.INVALID_JSON, path + " " + message, List.of(new FieldError(path, message)));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        String where = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        return respond(ErrorCode.MALFORMED_JSON, "the body is not valid JSON" + where, List.of());
    }

    @ServerExceptionMapper
    public Response otherMapping(JsonMappingException e) {
        String path = path(e);
        return respond(
                ErrorCode.INVALID_JSON,
                "the body does not match the expected shape at " + path,
                List.of(new FieldError(path, "has an unexpected value")));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus wraps Jackson's failures to read a body; answer them as the JSON problems they are.
        if (e.getCause() instanceof JsonParseException parse) {
            return malformed(parse);
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return unknownMember(unknown);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return otherMapping(mapping);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorCode.BAD_REQUEST;
        };
        String detail = status == 404 ? "no such resource" : code.title();
        return respond(code, detail, List.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internal(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled failure %s", id);
        return respond(ErrorCode.INTERNAL_ERROR, "the hub failed to answer; incident " + id, List.of());
    }

    static Response respond(ErrorCode code, String detail, List<FieldError> errors) {
        return respond(Problem.of(code, detail, errors));
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
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
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
