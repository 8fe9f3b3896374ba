package io.interchange.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import io.interchange.platform.idempotency.IdempotencyStore.Scope;
import io.interchange.platform.idempotency.IdempotencyStore.Stored;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on creating POSTs. The key is claimed (and committed) before the request runs, so a
 * concurrent retry gets 409; the request then runs in one transaction with the storing of its response, so a success
 * is remembered exactly when its change committed; a failure (any 4xx/5xx) releases the key, because it changed
 * nothing and the client may correct and resend. "The same request" is the method, path, query and the parsed body
 * (member order and white space do not matter).
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotencyInterceptor {

    public static final String HEADER = Idempotent.HEADER;

    /** What the replayed response carries so a client can tell it was not created again. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:+/=-]{1,128}");

    /** Headers of a success that a replay repeats; the body and status are always kept. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);

    @Inject
    HttpServerRequest request;

    @Inject
    Caller caller;

    @Inject
    IdempotencyStore store;

    @Inject
    TransactionManager transactions;

    @Inject
    ObjectMapper mapper;

    @AroundInvoke
    Object around(InvocationContext context) throws Exception {
        List<String> values = request.headers().getAll(HEADER);
        if (values.isEmpty()) {
            return context.proceed();
        }
        if (context.getMethod().getReturnType() != Response.class) {
            throw new IllegalStateException("@Idempotent needs a method returning Response: " + context.getMethod());
        }
        if (values.size() > 1 || !KEY.matcher(values.get(0)).matches()) {
            throw ApiException.badRequest(
                    ErrorCode.BAD_REQUEST,
                    "Idempotency-Key must be one value of 1 to 128 characters from A–Z, a–z, 0–9 and . _ ~ : + / = -",
                    List.of(new FieldError(HEADER, "must match " + KEY.pattern())));
        }
        Scope scope = new Scope(nullToEmpty(caller.clientId()), department(), values.get(0));
        String hash = hash(context);
        Optional<Stored> stored = store.claim(scope, hash);
        if (stored.isPresent()) {
            return replay(stored.get());
        }
        Response response;
        try {
            response = runAndStore(context, scope);
        } catch (Exception | Error e) {
            store.release(scope);
            throw e;
        }
        if (response.getStatus() >= 300) {
            store.release(scope);
        }
        return response;
    }

    private Response runAndStore(InvocationContext context, Scope scope) throws Exception {
        transactions.begin();
        try {
            Response response = (Response) context.proceed();
            if (response.getStatus() >= 300) {
                transactions.rollback();
                return response;
            }
            Stored stored = toStored(response);
            store.complete(scope, stored);
            transactions.commit();
            return rebuild(stored).build();
        } catch (Exception | Error e) {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
            throw e;
        }
    }

    private Stored toStored(Response response) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            Object value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value.toString());
            }
        }
        String body = response.hasEntity() ? mapper.writeValueAsString(response.getEntity()) : null;
        return new Stored(response.getStatus(), headers, body);
    }

    private static Response.ResponseBuilder rebuild(Stored stored) {
        Response.ResponseBuilder builder = Response.status(stored.status());
        stored.headers().forEach(builder::header);
        if (stored.body() != null) {
            builder.entity(stored.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return builder;
    }

    private static Response replay(Stored stored) {
        return rebuild(stored).header(REPLAYED, "true").build();
    }

    /** SHA-256 of method, path, query and the parsed arguments in a canonical JSON form. */
    private String hash(InvocationContext context) throws Exception {
        ObjectMapper canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        byte[] arguments = canonical.writeValueAsBytes(context.getParameters());
        String target = request.method().name() + " " + request.path() + "?" + nullToEmpty(request.query()) + "\n";
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(arguments));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String department() {
        try {
            return caller.department();
        } catch (ApiException noDepartment) {
            return "";
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
