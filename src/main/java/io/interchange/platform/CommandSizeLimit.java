package io.interchange.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The HTTP limit is sized for streamed hosted-data loads (gigabytes of CSV); every other body is a small JSON command
 * read into memory, so anything larger than a command can be is refused: before it is read when it declares its
 * length, and as soon as it has sent one byte too many when it does not (chunked transfer).
 */
public class CommandSizeLimit {

    /**
     * The limit, read from configuration once. Injected as a client proxy, so the holder is created at the first
     * request, after runtime configuration is bound (filters themselves are created before); looking the dependent
     * configuration bean up per request built a new mapping object each time (about 2 % of the hub's CPU under load).
     */
    @jakarta.enterprise.context.ApplicationScoped
    static class Limit {
        private final long maxCommandBytes;

        @jakarta.inject.Inject
        Limit(HubConfig config) {
            maxCommandBytes = config.maxCommandBytes();
        }

        Limit() { // for the client proxy
            maxCommandBytes = 0;
        }

        long maxCommandBytes() { // a method, not the field: callers hold the client proxy
            return maxCommandBytes;
        }
    }

    @jakarta.inject.Inject
    Limit limit;

    @ServerRequestFilter
    public void limit(ContainerRequestContext request) {
        long maxCommandBytes = limit.maxCommandBytes();
        int length = request.getLength();
        if (length <= maxCommandBytes || request.getUriInfo().getPath().endsWith("/records")) {
            return;
        }
        throw tooLarge(maxCommandBytes, "is " + length + " bytes");
    }

    private static ApiException tooLarge(long maxCommandBytes, String why) {
        return new ApiException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "a command may be at most " + maxCommandBytes + " bytes; hosted rows go to …/records",
                List.of(new FieldError("body", why)));
    }

    /**
     * An I/O failure as far as the body reader can tell: Jackson passes a plain {@link IOException} from its input
     * through unchanged, where it would wrap any runtime exception into a "wrong shape" mapping error.
     */
    static final class TooLarge extends IOException {
        final transient ApiException refusal;

        TooLarge(ApiException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }

    @ServerExceptionMapper
    public Response tooLarge(TooLarge e) {
        return ProblemMappers.respond(e.refusal.toProblem());
    }

    /**
     * Counts what a body reader consumes. A resource method that takes the body as an {@link InputStream} (the
     * streamed hosted-data loads) reads it itself and is left unbounded up to the HTTP limit; everything read into an
     * object is held to the command limit whatever the request declared.
     */
    @Provider
    public static class Reader implements ReaderInterceptor {

        @jakarta.inject.Inject
        Limit limit;

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            if (!InputStream.class.isAssignableFrom(context.getType())) {
                context.setInputStream(new Bounded(context.getInputStream(), limit.maxCommandBytes()));
            }
            return context.proceed();
        }
    }

    /** Throws 413 on the first byte past the limit, so a chunked body is never read further than that. */
    static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never ask for more than one byte past the limit: the refusal comes before the body is buffered.
            int n = super.read(buffer, offset, (int) Math.min(length, max - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, max - read + 1));
            count(skipped);
            return skipped;
        }

        private void count(long n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge(tooLarge(max, "is larger than " + max + " bytes (sent without a length)"));
            }
        }
    }
}
