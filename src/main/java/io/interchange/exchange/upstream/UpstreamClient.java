package io.interchange.exchange.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.CatalogTypes.SourceKind;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceParts.Endpoint;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.ApiException;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import io.interchange.platform.Offload;
import io.interchange.platform.SecretBox;
import io.interchange.platform.net.HostResolver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Calls a provider department's own API for an UPSTREAM resource, safely.
 *
 * <p>At every call: the endpoint is parsed again; its origin must still be on the provider's allow-list; a DNS name is
 * resolved through {@link HostResolver} and every address it yields must be public (a name never reaches a private,
 * loopback or link-local address — those are allow-listed by IP literal); the hub then connects to the address it
 * checked, with the name only in the Host header and SNI, so a second lookup cannot send it elsewhere. No redirects,
 * one deadline for the whole exchange, the response cut off at {@code maxResponseBytes} while it streams. The
 * caller's token is never sent: only the endpoint's headers and its credential (as {@code Authorization}).
 *
 * <p>Each upstream (keyed by resource) has a circuit breaker and a bulkhead, so one failing department cannot tie up
 * the hub. The checks before a call (allow-list, DNS, credential) run on the calling thread; the HTTP exchange itself
 * runs on the Vert.x event loop and no thread waits for it: {@link #fetch} answers a stage that the event loop
 * completes, so slow departments hold connections and bulkhead permits, never worker threads.
 */
@ApplicationScoped
public class UpstreamClient {

    private static final Logger LOG = Logger.getLogger(UpstreamClient.class);
    private static final long ALLOW_LIST_TTL_NANOS = 1_000_000_000L;

    @Inject
    Vertx vertx;

    @Inject
    Offload offload;

    @Inject
    UpstreamConfig config;

    @Inject
    UpstreamHostService hosts;

    @Inject
    HostResolver resolver;

    @Inject
    SecretBox secrets;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    private HttpClient client;
    /** Above this size an answer is parsed on a worker rather than on the event loop it arrived on. */
    static final int PARSE_ON_EVENT_LOOP_MAX_BYTES = 256 * 1024;

    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Map<String, CachedList> allowLists = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<HostEntry>>> reloads = new ConcurrentHashMap<>();
    private final Map<String, EndpointTemplate> templates = new ConcurrentHashMap<>();
    private final Map<String, HostRules.Kind> hostKinds = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> latencies = new ConcurrentHashMap<>();

    private record CachedList(List<HostEntry> entries, long loadedAt) {}

    /** The breaker and bulkhead of one upstream. */
    private record Guard(CircuitBreaker breaker, Semaphore bulkhead) {}

    @PostConstruct
    void start() {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.poolSize())
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setForceSni(true)
                .setConnectTimeout(config.maxTimeoutMs())
                .setTcpNoDelay(true));
    }

    @PreDestroy
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * The records the upstream answers for {@code values} (item → value, filling the URL template), checked against
     * the resource's items: known items must have their declared type, unknown members are dropped. Refusals found
     * before the call (400 when a template parameter has no value, 502 for an endpoint the rules no longer allow, a
     * full bulkhead or an open breaker) are thrown at once; the call's own outcome — the records, or 502
     * UPSTREAM_FAILED / 504 UPSTREAM_TIMEOUT as an {@link ApiException} — completes the stage, on the event loop.
     */
    public CompletableFuture<List<ObjectNode>> fetch(ResourceView resource, Map<String, String> values) {
        if (resource.source() == null
                || resource.source().kind() != SourceKind.UPSTREAM
                || resource.source().endpoint() == null) {
            throw new IllegalArgumentException(resource.id() + " is not an upstream resource");
        }
        Endpoint endpoint = resource.source().endpoint();
        EndpointTemplate template;
        try {
            template = template(endpoint.urlTemplate());
        } catch (EndpointTemplate.InvalidTemplate e) {
            throw failed(resource, "its registered endpoint is no longer acceptable: urlTemplate " + e.getMessage());
        }
        List<FieldError> missing = new ArrayList<>();
        for (String parameter : template.parameters()) {
            if (!values.containsKey(parameter)) {
                missing.add(new FieldError(parameter, "is required: the provider's API is queried by it"));
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.badRequest(
                    ErrorCode.BAD_QUERY,
                    "this resource is served by its provider's API, which needs "
                            + String.join(", ", template.parameters()) + " (equality, one value)",
                    missing);
        }
        String provider = resource.provider().id();
        if (!Offload.onEventLoop()) {
            return send(resource, endpoint, template, values, checked(resource, template, allowList(provider)));
        }
        if (hostKind(template.host()) == HostRules.Kind.NAME) {
            // Resolving a name would block the event loop: the checks go to a worker, the call continues from there.
            return offload.blocking(() -> checked(resource, template, allowList(provider)))
                    .thenCompose(address -> send(resource, endpoint, template, values, address));
        }
        // Continues in place when the allow-list is cached (the usual case), else once it has been read.
        return allowListAsync(provider)
                .thenCompose(
                        allowed -> send(resource, endpoint, template, values, checked(resource, template, allowed)));
    }

    /**
     * The allow-list without blocking: the cached one while fresh, else one read on a worker shared by every caller
     * that needs it meanwhile. When every caller read it on its own, the busy hub's queries all missed at the same
     * instant once a second and each went to the database.
     */
    private CompletableFuture<List<HostEntry>> allowListAsync(String departmentId) {
        List<HostEntry> fresh = freshAllowList(departmentId);
        if (fresh != null) {
            return CompletableFuture.completedFuture(fresh);
        }
        CompletableFuture<List<HostEntry>> mine = new CompletableFuture<>();
        CompletableFuture<List<HostEntry>> running = reloads.putIfAbsent(departmentId, mine);
        if (running != null) {
            return running;
        }
        offload.blocking(() -> allowList(departmentId)).whenComplete((list, error) -> {
            reloads.remove(departmentId, mine);
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(list);
            }
        });
        return mine;
    }

    /** The address to call, once the origin is on the provider's allow-list and the address passes every rule. */
    private InetAddress checked(ResourceView resource, EndpointTemplate template, List<HostEntry> allowed) {
        HostEntry origin = template.origin();
        if (!allowed.contains(origin)) {
            throw failed(resource, origin + " is no longer on the provider's upstream-host allow-list");
        }
        return checkedAddress(resource, template);
    }

    /** The call itself, from the checked address on: guards, request, answer checked against the resource. */
    private CompletableFuture<List<ObjectNode>> send(
            ResourceView resource,
            Endpoint endpoint,
            EndpointTemplate template,
            Map<String, String> values,
            InetAddress address) {
        String credential = credential(resource, endpoint);
        Guard guard = guard(resource.id());
        if (!guard.bulkhead().tryAcquire()) {
            throw new ApiException(
                            ErrorCode.UPSTREAM_FAILED,
                            "too many calls in flight to the provider's API for " + resource.id())
                    .withHeader("Retry-After", "1");
        }
        if (!guard.breaker().tryAcquire()) {
            guard.bulkhead().release();
            throw new ApiException(
                            ErrorCode.UPSTREAM_FAILED,
                            "the provider's API for " + resource.id() + " is failing; calls are paused (circuit open)")
                    .withHeader("Retry-After", Long.toString(guard.breaker().retryAfterSeconds()));
        }
        int timeoutMs = endpoint.timeoutMs() == null ? UpstreamConfig.DEFAULT_TIMEOUT_MS : endpoint.timeoutMs();
        long maxBytes = endpoint.maxResponseBytes() == null
                ? UpstreamConfig.DEFAULT_MAX_RESPONSE_BYTES
                : endpoint.maxResponseBytes();
        long started = System.nanoTime();
        CompletableFuture<byte[]> answered;
        try {
            answered = call(
                    template,
                    address,
                    template.expand(values),
                    endpoint.headers() == null ? Map.of() : endpoint.headers(),
                    credential,
                    timeoutMs,
                    maxBytes);
        } catch (RuntimeException e) {
            guard.bulkhead().release();
            throw e;
        }
        // Small answers are parsed where they arrive, on the event loop; a large one (up to maxResponseBytes) would
        // hold it for milliseconds, so it moves to a worker first.
        CompletableFuture<byte[]> parseHere =
                answered.thenCompose(body -> body != null && body.length > PARSE_ON_EVENT_LOOP_MAX_BYTES
                        ? CompletableFuture.supplyAsync(
                                () -> body, io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                        : CompletableFuture.completedFuture(body));
        return parseHere.handle((body, error) -> {
            String outcome = "failed";
            try {
                if (error != null) {
                    Throwable cause =
                            error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                    ? error.getCause()
                                    : error;
                    throw cause instanceof Failure f ? f : new Failure(ErrorCode.UPSTREAM_FAILED, "failed");
                }
                List<ObjectNode> rows = body == null ? List.of() : records(resource, body);
                guard.breaker().onSuccess();
                outcome = "ok";
                return rows;
            } catch (Failure f) {
                guard.breaker().onFailure();
                outcome = f.code == ErrorCode.UPSTREAM_TIMEOUT ? "timeout" : "failed";
                throw new ApiException(f.code, "the provider's API for " + resource.id() + " " + f.getMessage());
            } finally {
                guard.bulkhead().release();
                String result = outcome;
                latencies
                        .computeIfAbsent(
                                List.of(resource.id(), result),
                                k -> Timer.builder("interchange.upstream.latency")
                                        .description(
                                                "Time of calls to departments' own APIs, by upstream (resource) and outcome")
                                        .tags("upstream", resource.id(), "outcome", result)
                                        .publishPercentileHistogram()
                                        .register(metrics))
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** The parsed template (an immutable record), parsed once per distinct template text; refusals are not kept. */
    private EndpointTemplate template(String text) throws EndpointTemplate.InvalidTemplate {
        EndpointTemplate parsed = templates.get(text);
        if (parsed == null) {
            parsed = EndpointTemplate.parse(text);
            if (templates.size() >= 1024) {
                templates.clear(); // endpoints are few; a bound only against a steward editing in a loop
            }
            templates.put(text, parsed);
        }
        return parsed;
    }

    /** Whether a template's host is a name or an IP literal, decided once per host (a regex per call showed). */
    private HostRules.Kind hostKind(String host) {
        HostRules.Kind kind = hostKinds.get(host);
        if (kind == null) {
            kind = HostRules.kind(host);
            if (hostKinds.size() >= 1024) {
                hostKinds.clear(); // hosts are few; a bound only against endless distinct registrations
            }
            hostKinds.put(host, kind);
        }
        return kind;
    }

    /** A Content-Length of 1–18 digits as a number, else -1 (ignored: the body's own size is still enforced). */
    static long declaredLength(String header) {
        int n = header.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Forgets cached allow-lists (after an edit on this node). */
    void forgetAllowList(String departmentId) {
        reloads.remove(departmentId); // a read begun before the edit is not shared with anyone after it
        allowLists.remove(departmentId);
    }

    /** The cached allow-list when it is within its TTL, else null: what the event loop may use without a read. */
    private List<HostEntry> freshAllowList(String departmentId) {
        CachedList cached = allowLists.get(departmentId);
        return cached == null || System.nanoTime() - cached.loadedAt() > ALLOW_LIST_TTL_NANOS ? null : cached.entries();
    }

    /** The allow-list, read (blocking) when the cached one has lapsed. */
    private List<HostEntry> allowList(String departmentId) {
        List<HostEntry> fresh = freshAllowList(departmentId);
        if (fresh != null) {
            return fresh;
        }
        long readAt = System.nanoTime();
        List<HostEntry> read = hosts.entries(departmentId);
        allowLists.put(departmentId, new CachedList(read, readAt));
        return read;
    }

    /** The address to connect to, after every rule about where an upstream may be. */
    private InetAddress checkedAddress(ResourceView resource, EndpointTemplate template) {
        if (hostKind(template.host()) != HostRules.Kind.NAME) {
            InetAddress literal = HostRules.literal(template.host());
            Optional<String> problem = HostRules.addressProblem(literal);
            if (problem.isPresent()) {
                throw failed(resource, "host " + template.host() + " " + problem.get());
            }
            return literal; // an exact IP entry may name a private or loopback server on purpose
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(template.host());
        } catch (UnknownHostException e) {
            throw failed(resource, "host " + template.host() + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw failed(resource, "host " + template.host() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!HostRules.isPublic(address)) {
                // All or nothing: a name with one private address among public ones is a rebinding attempt.
                throw failed(
                        resource,
                        "host " + template.host() + " resolves to a non-public address; a private server is"
                                + " allow-listed by its IP address, never by name");
            }
        }
        return addresses.get(0);
    }

    private String credential(ResourceView resource, Endpoint endpoint) {
        if (endpoint.credential() == null) {
            return null;
        }
        try {
            return secrets.open(endpoint.credential(), "upstream:" + resource.id());
        } catch (IllegalStateException e) {
            LOG.warnf("Upstream credential of %s cannot be opened: %s", resource.id(), e.getMessage());
            throw failed(resource, "has a credential this hub cannot open (key configuration)");
        }
    }

    private Guard guard(String upstream) {
        return guards.computeIfAbsent(upstream, key -> {
            CircuitBreaker breaker = new CircuitBreaker(
                    config.breakerWindow(),
                    config.breakerFailureRatio(),
                    config.breakerDelay().toNanos(),
                    System::nanoTime);
            Gauge.builder("interchange.upstream.circuit.state", breaker, b -> b.state().gauge)
                    .description("Circuit breaker of an upstream: 0 closed, 1 open, 2 half-open")
                    .tag("upstream", key)
                    .register(metrics);
            return new Guard(breaker, new Semaphore(config.bulkhead()));
        });
    }

    /** The upstream answered something the hub will not pass on, or not in time. */
    static final class Failure extends Exception {
        final ErrorCode code;

        Failure(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /**
     * The body of a 200 answer, or null for 404 (no record); everything else fails the stage with a Failure. Completed
     * on the event loop (or by the deadline's timer); nothing blocks.
     */
    CompletableFuture<byte[]> call(
            EndpointTemplate template,
            InetAddress address,
            String pathAndQuery,
            Map<String, String> headers,
            String credential,
            int timeoutMs,
            long maxBytes) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (result.completeExceptionally(
                    new Failure(ErrorCode.UPSTREAM_TIMEOUT, "did not answer within " + timeoutMs + " ms"))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        result.whenComplete((body, error) -> vertx.cancelTimer(timer));
        String host = template.host().startsWith("[")
                ? template.host().substring(1, template.host().length() - 1)
                : template.host();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, template.port())))
                .setHost(host)
                .setPort(template.port())
                .setSsl(template.scheme().equals("https"))
                .setURI(pathAndQuery)
                .setFollowRedirects(false);
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                result.completeExceptionally(new Failure(ErrorCode.UPSTREAM_FAILED, "cannot be reached"));
                return;
            }
            HttpClientRequest request = opened.result();
            sent.set(request);
            if (result.isDone()) {
                request.reset();
                return;
            }
            request.exceptionHandler(
                    e -> result.completeExceptionally(new Failure(ErrorCode.UPSTREAM_FAILED, "closed the connection")));
            request.putHeader("Accept", "application/json"); // the endpoint's headers may name another
            headers.forEach(request::putHeader);
            if (credential != null) {
                request.putHeader("Authorization", credential);
            }
            request.send().onComplete(answered -> {
                if (answered.failed()) {
                    result.completeExceptionally(
                            new Failure(ErrorCode.UPSTREAM_FAILED, "closed the connection without an answer"));
                    return;
                }
                HttpClientResponse response = answered.result();
                // before any reset: a reset stream reports itself here, not as an unhandled error in the log
                response.exceptionHandler(e ->
                        result.completeExceptionally(new Failure(ErrorCode.UPSTREAM_FAILED, "broke off its answer")));
                int status = response.statusCode();
                if (status == 404) {
                    result.complete(null);
                    request.reset();
                    return;
                }
                if (status != 200) {
                    String why = status >= 300 && status < 400
                            ? "answered a redirect (HTTP " + status + "), which the hub never follows"
                            : "answered HTTP " + status;
                    result.completeExceptionally(new Failure(ErrorCode.UPSTREAM_FAILED, why));
                    request.reset();
                    return;
                }
                String length = response.getHeader("Content-Length");
                if (length != null && declaredLength(length) > maxBytes) {
                    result.completeExceptionally(tooLarge(maxBytes));
                    request.reset();
                    return;
                }
                Buffer body = Buffer.buffer();
                response.handler(chunk -> {
                    if (result.isDone()) {
                        return;
                    }
                    if ((long) body.length() + chunk.length() > maxBytes) {
                        result.completeExceptionally(tooLarge(maxBytes));
                        request.reset();
                    } else {
                        body.appendBuffer(chunk);
                    }
                });
                response.endHandler(v -> result.complete(body.getBytes()));
            });
        });
        // the timer above settles it; this only guards against a timer that never ran
        return result.orTimeout(timeoutMs + 1000L, TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            if (error instanceof java.util.concurrent.TimeoutException) {
                return CompletableFuture.failedFuture(
                        new Failure(ErrorCode.UPSTREAM_TIMEOUT, "did not answer within " + timeoutMs + " ms"));
            }
            return CompletableFuture.failedFuture(error);
        });
    }

    private static Failure tooLarge(long maxBytes) {
        return new Failure(
                ErrorCode.UPSTREAM_FAILED, "answered more than " + maxBytes + " bytes; the answer was cut off");
    }

    /**
     * The answer as records: a JSON object or an array of objects; each known item must hold a value of its declared
     * type; members the resource does not declare are dropped.
     */
    List<ObjectNode> records(ResourceView resource, byte[] body) throws Failure {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Failure(ErrorCode.UPSTREAM_FAILED, "answered something other than JSON");
        } catch (java.io.IOException e) {
            throw new Failure(ErrorCode.UPSTREAM_FAILED, "answered something other than JSON");
        }
        List<JsonNode> objects = new ArrayList<>();
        if (root != null && root.isObject()) {
            objects.add(root);
        } else if (root != null && root.isArray()) {
            root.forEach(objects::add);
        } else {
            throw new Failure(ErrorCode.UPSTREAM_FAILED, "answered neither a JSON object nor an array of objects");
        }
        List<ObjectNode> rows = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            if (!object.isObject()) {
                throw new Failure(ErrorCode.UPSTREAM_FAILED, "answered a non-object at record " + i);
            }
            ObjectNode row = mapper.createObjectNode();
            for (DataItem item : resource.items()) {
                JsonNode value = object.get(item.name());
                if (value == null) {
                    continue;
                }
                Optional<String> problem = item.type().check(value, item.length());
                if (problem.isPresent()) {
                    throw new Failure(
                            ErrorCode.UPSTREAM_FAILED,
                            "answered item " + item.name() + " of record " + i + " in a form its schema refuses ("
                                    + item.type() + ")");
                }
                row.set(item.name(), value);
            }
            rows.add(row);
        }
        return rows;
    }

    private ApiException failed(ResourceView resource, String why) {
        return new ApiException(
                ErrorCode.UPSTREAM_FAILED, "the provider's API for " + resource.id() + " was not called: " + why);
    }
}
