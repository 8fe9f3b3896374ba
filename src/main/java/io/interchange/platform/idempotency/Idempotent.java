package io.interchange.platform.idempotency;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a creating POST (returning {@code jakarta.ws.rs.core.Response}) that honours the {@code Idempotency-Key}
 * header (API.md "Idempotency"): a retry with the same key and the same request gets the stored response instead of
 * a second object. See {@link IdempotencyInterceptor}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {

    /** The header's name, also the name of its one OpenAPI component ({@code @Parameter(ref = HEADER)}). */
    String HEADER = "Idempotency-Key";

    /** The header as the OpenAPI document describes it. */
    String HEADER_DESCRIPTION = "Optional. Retrying with the same key and request within 24 h returns the first "
            + "response (with `Idempotent-Replayed: true`) instead of creating again; the same key with another "
            + "request is 422 IDEMPOTENCY_KEY_REUSED, while the first is still running 409. 1–128 characters of "
            + "A–Z a–z 0–9 . _ ~ : + / = -";
}
