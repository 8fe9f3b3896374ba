package io.interchange.platform;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a piece of blocking work (a database read, a name lookup) without blocking an event loop: on a worker when
 * called from an event loop, completing back on the caller's context; in place when the caller may block anyway.
 *
 * <p>The exchange path runs on the event loop when everything it needs is in memory and comes here only for what is
 * not, so a cached exchange never changes threads before its ledger commit. The work must not use the caller's
 * request-scoped beans (the worker has a fresh request context, with no security identity): read what it needs from
 * them first.
 */
@ApplicationScoped
public class Offload {

    @Inject
    Vertx vertx;

    /** The work's result; its failure (e.g. an {@link ApiException}) fails the stage. */
    public <T> CompletableFuture<T> blocking(Callable<T> work) {
        if (!Context.isOnEventLoopThread()) {
            try {
                return CompletableFuture.completedFuture(work.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return vertx.executeBlocking(() -> inRequestContext(work), false)
                .toCompletionStage()
                .toCompletableFuture();
    }

    /** Whether the calling thread must not block. */
    public static boolean onEventLoop() {
        return Context.isOnEventLoopThread();
    }

    /** Hibernate reads outside a transaction need a request context; a worker thread has none of its own. */
    private static <T> T inRequestContext(Callable<T> work) throws Exception {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            return work.call();
        }
        context.activate();
        try {
            return work.call();
        } finally {
            context.terminate();
        }
    }
}
