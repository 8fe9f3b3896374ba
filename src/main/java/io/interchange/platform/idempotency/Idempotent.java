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
public @interface Idempotent {}
