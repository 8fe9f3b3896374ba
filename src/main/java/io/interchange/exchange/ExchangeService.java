package io.interchange.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.access.AccessService.GrantLookup;
import io.interchange.access.AccessViews.GrantView;
import io.interchange.access.RowScope;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.MaskRule;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.ledger.ExchangeRecord;
import io.interchange.ledger.LedgerKeys;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Offload;
import io.interchange.platform.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The broker: {@code grant policy → source → masking → ledger → response}. Every call that got past authentication is
 * ledgered — answered or refused — and the entry is committed before the response leaves.
 */
@ApplicationScoped
public class ExchangeService {

    public static final String EXCHANGE_ID = "X-Exchange-Id";

    /** One brokered query as the resource layer hands it over. */
    public record QueryCall(
            String resourceId,
            Map<String, List<String>> parameters,
            String purpose,
            String requestId,
            String clientAddress,
            Map<String, JsonNode> verifyValues) {

        /** A query ({@code GET …/records}). */
        public QueryCall(
                String resourceId,
                Map<String, List<String>> parameters,
                String purpose,
                String requestId,
                String clientAddress) {
            this(resourceId, parameters, purpose, requestId, clientAddress, null);
        }

        boolean verification() {
            return verifyValues != null;
        }
    }

    /** The answer: the bytes sent, the exchange id, and a Server-Timing value (policy, source, ledger in ms). */
    public record Answer(UUID exchangeId, byte[] body, String serverTiming) {}

    private static final MessageDigest SHA256 = sha256Digest();

    private volatile com.fasterxml.jackson.databind.ObjectWriter canonical;

    private volatile io.micrometer.core.instrument.Timer sourceTimer;

    /** Meters by their tags, looked up once: registering a meter per exchange sorted and compared tags every time. */
    private final java.util.concurrent.ConcurrentHashMap<List<String>, io.micrometer.core.instrument.Counter>
            exchangeCounters = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.ConcurrentHashMap<List<String>, io.micrometer.core.instrument.Timer>
            latencyTimers = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    GrantCache grants;

    @Inject
    HostedRows rows;

    @Inject
    UpstreamSource upstream;

    @Inject
    LedgerService ledger;

    @Inject
    LedgerKeys keys;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    Offload offload;

    @Inject
    ObjectMapper mapper;

    @Inject
    HubConfig config;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    /**
     * Brokers one query (or verification). Policy and a hosted source run on the calling thread; an upstream source is
     * awaited by no thread — the stage continues when the provider answers. Either way the stage completes only after
     * the exchange's ledger entry has committed: with the answer, or failed with the refusal (carrying
     * {@value #EXCHANGE_ID}). It completes on the request's Vert.x context when there is one, never on the ledger
     * writer's thread.
     */
    public CompletionStage<Answer> query(Caller caller, QueryCall call) {
        long started = System.nanoTime();
        Outcome out = new Outcome(UUID.randomUUID(), caller.department(), caller.clientId(), caller.user());
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        CompletableFuture<Answer> result = new CompletableFuture<>();
        CompletionStage<byte[]> answered;
        try {
            answered = answer(caller, call, out);
        } catch (ApiException refusal) {
            answered = CompletableFuture.failedFuture(refusal);
        }
        answered.whenComplete((body, error) -> {
            try {
                Throwable cause = unwrap(error);
                if (cause == null) {
                    long sourced = System.nanoTime();
                    append(call, out, "ANSWERED", null, started, sha256(body)).whenComplete((ok, failed) -> {
                        if (failed != null) {
                            finish(context, result, null, unwrap(failed));
                            return;
                        }
                        String timing = serverTiming(
                                sourced - started - out.sourceNanos, out.sourceNanos, System.nanoTime() - sourced);
                        finish(context, result, new Answer(out.exchangeId, body, timing), null);
                    });
                } else if (cause instanceof ApiException refusal) {
                    append(call, out, "REFUSED", refusal.code().name(), started, null)
                            .whenComplete((ok, failed) -> finish(
                                    context,
                                    result,
                                    null,
                                    failed != null
                                            ? unwrap(failed)
                                            : refusal.withHeader(EXCHANGE_ID, out.exchangeId.toString())));
                } else {
                    finish(context, result, null, cause); // a fault, not a refusal: nothing to ledger, as before
                }
            } catch (RuntimeException | Error e) {
                finish(context, result, null, e); // a stage callback's fault must not leave the request hanging
            }
        });
        return result;
    }

    /**
     * {@code policy;dur=0.12, source;dur=1.05, ledger;dur=1.91} (milliseconds, two decimals), written by hand:
     * {@link String#format} parsed its pattern on every exchange, about 1.5 % of the hub's CPU under load.
     */
    static String serverTiming(long policyNanos, long sourceNanos, long ledgerNanos) {
        StringBuilder out = new StringBuilder(64);
        millis(out.append("policy;dur="), policyNanos);
        millis(out.append(", source;dur="), sourceNanos);
        millis(out.append(", ledger;dur="), ledgerNanos);
        return out.toString();
    }

    private static void millis(StringBuilder out, long nanos) {
        long hundredths = Math.max(0, (nanos + 5_000) / 10_000); // rounded half up, as %.2f would
        out.append(hundredths / 100).append('.');
        long fraction = hundredths % 100;
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    /** Completes the caller's stage on its own Vert.x context (an event loop), off whichever thread got here. */
    private static void finish(
            io.vertx.core.Context context, CompletableFuture<Answer> result, Answer answer, Throwable error) {
        Runnable complete = () -> {
            if (error == null) {
                result.complete(answer);
            } else {
                result.completeExceptionally(error);
            }
        };
        if (context == null || io.vertx.core.Vertx.currentContext() == context) {
            complete.run();
        } else {
            context.runOnContext(v -> complete.run());
        }
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof java.util.concurrent.CompletionException
                        || error instanceof java.util.concurrent.ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /** Who may read what of which resource: the grant (or ownership) behind one exchange. */
    private record Authorized(ResourceView resource, GrantView grant, boolean own, Set<String> allowed) {}

    /**
     * The authorisation, from memory on the event loop when the resource and its grants are cached; otherwise read on
     * a worker. Takes no request-scoped bean: what it needs of the caller was read before.
     */
    private CompletionStage<Authorized> authorized(boolean consumer, QueryCall call, Outcome out) {
        if (Offload.onEventLoop()) {
            Authorized fromMemory = authorize(consumer, call, out, true);
            return fromMemory != null
                    ? CompletableFuture.completedFuture(fromMemory)
                    : offload.blocking(() -> authorize(consumer, call, out, false));
        }
        return CompletableFuture.completedFuture(authorize(consumer, call, out, false));
    }

    /** Who may read what; with {@code memoryOnly}, null as soon as something it needs is not cached. */
    private Authorized authorize(boolean consumer, QueryCall call, Outcome out, boolean memoryOnly) {
        ResourceView resource;
        if (memoryOnly) {
            resource = grants.cachedResource(call.resourceId());
            if (resource == null) {
                return null;
            }
        } else {
            resource = grants.resource(call.resourceId())
                    .orElseThrow(() -> ApiException.notFound("resource", call.resourceId()));
        }
        boolean own = resource.provider().id().equals(out.department);
        if (!own && resource.status() != ResourceStatus.PUBLISHED && resource.status() != ResourceStatus.RETIRED) {
            throw ApiException.notFound("resource", call.resourceId()); // another department's draft does not exist
        }
        out.resource = resource;
        if (!consumer) {
            throw ApiException.forbidden(ErrorCode.FORBIDDEN, "queries are made by applications (the consumer role)");
        }
        GrantView grant = null;
        if (!own) {
            if (resource.status() != ResourceStatus.PUBLISHED) {
                throw ApiException.forbidden(
                        ErrorCode.RESOURCE_NOT_PUBLISHED, "resource " + resource.id() + " is not published");
            }
            if (resource.sharingType() == SharingType.NOT_SHARED) {
                throw ApiException.forbidden(
                        ErrorCode.NOT_SHARED, "resource " + resource.id() + " is not shared: " + resource.legalBasis());
            }
            GrantLookup lookup = memoryOnly
                    ? grants.cachedLookup(out.department, out.clientId, resource.id())
                    : grants.lookup(out.department, out.clientId, resource.id());
            if (lookup == null) {
                return null;
            }
            if (lookup.grant().isEmpty()) {
                throw ApiException.forbidden(lookup.refusal(), refusalDetail(lookup.refusal(), resource.id()));
            }
            grant = lookup.grant().get();
            out.grant = grant;
            if (call.purpose() != null
                    && !call.purpose().isBlank()
                    && !call.purpose().strip().equals(grant.purpose())) {
                throw ApiException.forbidden(
                        ErrorCode.PURPOSE_MISMATCH, "the grant was issued for the purpose: " + grant.purpose());
            }
        }
        Set<String> allowed = own ? allItems(resource) : new LinkedHashSet<>(grant.items());
        return new Authorized(resource, grant, own, allowed);
    }

    private CompletionStage<byte[]> answer(Caller caller, QueryCall call, Outcome out) {
        return authorized(caller.is(Roles.CONSUMER), call, out).thenCompose(a -> answer(a, call, out));
    }

    private CompletionStage<byte[]> answer(Authorized authorized, QueryCall call, Outcome out) {
        ResourceView resource = authorized.resource();
        GrantView grant = authorized.grant();
        boolean own = authorized.own();
        Set<String> allowed = authorized.allowed();
        Query query = call.verification()
                ? Query.forVerification(call.verifyValues(), resource)
                : Query.parse(
                        call.parameters(),
                        resource,
                        config.exchange().defaultLimit(),
                        config.exchange().maxLimit());
        out.query = query;
        for (String field : query.fields()) {
            if (!allowed.contains(field)) {
                throw ApiException.forbidden(ErrorCode.FIELD_NOT_GRANTED, "item " + field + " is not granted");
            }
        }
        for (Query.Criterion criterion : query.criteria()) {
            String filtered = criterion.item();
            if (!allowed.contains(filtered)) {
                throw ApiException.forbidden(
                        ErrorCode.FIELD_NOT_GRANTED, "filtering on item " + filtered + " is not granted");
            }
        }
        int ceiling = config.exchange().departmentRatePerMinute();
        if (grant != null && ceiling > 0) {
            long wait = rateLimiter.acquireDepartment(out.department, ceiling);
            if (wait > 0) {
                throw new ApiException(
                                ErrorCode.RATE_LIMITED,
                                "department " + out.department + " may make " + ceiling + " exchanges per minute")
                        .withHeader("Retry-After", Long.toString(wait));
            }
        }
        if (grant != null) {
            long wait = rateLimiter.acquire(grant.id(), grant.rateLimitPerMinute());
            if (wait > 0) {
                throw new ApiException(
                                ErrorCode.RATE_LIMITED,
                                "the grant allows " + grant.rateLimitPerMinute() + " queries per minute")
                        .withHeader("Retry-After", Long.toString(wait));
            }
        }
        if (call.verification()) {
            return verify(resource, grant, own, query, out);
        }
        List<String> fields = query.fields().isEmpty() ? List.copyOf(allowed) : query.fields();
        Set<String> raw = own ? allItems(resource) : Set.copyOf(grant.rawItems());
        // The provider reading its own data has no scope; a consumer sees only the rows its grant covers.
        RowScope granted = own ? RowScope.ALL : RowScope.parse(grant.rowScope());
        List<RowScope.Condition> conditions = new java.util.ArrayList<>(granted.conditions());
        conditions.addAll(query.conditions(resource));
        long sourceStarted = System.nanoTime();
        // UPSTREAM: the provider's API answers at most one page (no cursor); HOSTED: the table, one row past the page.
        CompletionStage<List<HostedRows.Row>> source = isUpstream(resource)
                ? upstream.find(resource, query, RowScope.parse(own ? null : grant.rowScope()), query.limit())
                : offload.blocking(() -> rows.find(
                        resource.id(),
                        query.filterJson(mapper, resource),
                        query.keyEquals(resource),
                        new RowScope(conditions),
                        query.prefixes(),
                        io.interchange.exchange.load.HostedTable.Layout.of(resource),
                        query.after(),
                        query.limit() + 1));
        return source.thenApply(found -> {
            out.sourceNanos = System.nanoTime() - sourceStarted;
            return page(resource, grant, query, fields, raw, found, out);
        });
    }

    /** The answer's body: one page of released records (and a cursor when more rows follow). */
    private byte[] page(
            ResourceView resource,
            GrantView grant,
            Query query,
            List<String> fields,
            Set<String> raw,
            List<HostedRows.Row> found,
            Outcome out) {
        ArrayNode items = mapper.createArrayNode();
        Set<String> masked = new LinkedHashSet<>();
        Set<String> released = new LinkedHashSet<>();
        Set<String> subjects = new LinkedHashSet<>(out.querySubjects(this, resource));
        String hashScope = grant == null ? resource.id() : grant.id().toString();
        for (HostedRows.Row row : found.subList(0, Math.min(found.size(), query.limit()))) {
            items.add(release(row, resource, fields, raw, hashScope, masked, released, subjects));
        }
        ObjectNode body = mapper.createObjectNode();
        body.set("items", items);
        if (found.size() > query.limit()) {
            body.put("nextCursor", Cursors.encode(found.get(query.limit() - 1).key()));
        }
        out.fields = fields;
        out.masked = List.copyOf(masked);
        out.released = List.copyOf(released);
        out.subjects = List.copyOf(subjects);
        out.rows = items.size();
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One row as released: projected onto {@code fields}, each item masked unless the grant releases it raw. Collects
     * what the ledger must say: masked items, raw releases, subject HMACs.
     */
    private ObjectNode release(
            HostedRows.Row row,
            ResourceView resource,
            List<String> fields,
            Set<String> raw,
            String hashScope,
            Set<String> masked,
            Set<String> released,
            Set<String> subjects) {
        ObjectNode record = mapper.createObjectNode();
        for (String field : fields) {
            DataItem item = resource.item(field).orElseThrow();
            JsonNode value = row.data().get(field);
            MaskRule rule = item.maskOrNone();
            if (value != null && !value.isNull() && item.isSubjectIdentifier()) {
                subjects.add(ledger.hmac(value.asText()));
            }
            if (rule.kind() != MaskRule.Kind.NONE) {
                if (raw.contains(field)) {
                    released.add(field);
                } else {
                    value = Masking.apply(rule, value, keys.material(), hashScope);
                    masked.add(field);
                }
            }
            record.set(field, value == null ? mapper.nullNode() : value);
        }
        return record;
    }

    /** A streamed bulk export: its exchange id and the body, written (and ledgered) as the client reads it. */
    public record Export(UUID exchangeId, jakarta.ws.rs.core.StreamingOutput body, String mediaType) {}

    /**
     * Streams every granted row (masked, within the row scope) as CSV or NDJSON, a page at a time so memory stays flat
     * however large the resource. Needs a grant in BULK mode. One ledger entry, written when the stream ends, carries
     * the row count and the hash of the bytes sent.
     */
    public Export export(Caller caller, QueryCall call, String format) {
        long started = System.nanoTime();
        Outcome out = new Outcome(UUID.randomUUID(), caller.department(), caller.clientId(), caller.user());
        out.operation = "EXPORT";
        Authorized authorized;
        try {
            if (!"csv".equals(format) && !"ndjson".equals(format)) {
                throw ApiException.badRequest("format must be csv or ndjson", "format");
            }
            authorized = authorize(caller.is(Roles.CONSUMER), call, out, false);
            if (!authorized.own()
                    && authorized.grant().mode() != io.interchange.catalog.CatalogTypes.SharingMode.BULK) {
                throw ApiException.forbidden(
                        ErrorCode.FIELD_NOT_GRANTED,
                        "bulk export needs a grant in BULK mode; this grant is "
                                + authorized.grant().mode());
            }
            out.query = new Query(List.of(), List.copyOf(authorized.allowed()), 0, null);
            if (isUpstream(authorized.resource())) {
                throw ApiException.conflict(
                        ErrorCode.NOT_HOSTED,
                        "resource " + authorized.resource().id() + " is served by its provider's API, query by query");
            }
        } catch (ApiException refusal) {
            ledger.appendExchange(entry(call, out, "REFUSED", refusal.code().name(), started, null));
            throw refusal.withHeader(EXCHANGE_ID, out.exchangeId.toString());
        }
        ResourceView resource = authorized.resource();
        GrantView grant = authorized.grant();
        List<String> fields = List.copyOf(authorized.allowed());
        Set<String> raw = authorized.own() ? allItems(resource) : Set.copyOf(grant.rawItems());
        RowScope scope = authorized.own() ? RowScope.ALL : RowScope.parse(grant.rowScope());
        String hashScope = grant == null ? resource.id() : grant.id().toString();
        jakarta.ws.rs.core.StreamingOutput body = output -> {
            MessageDigest digest = sha256Digest();
            var stream = new java.security.DigestOutputStream(output, digest);
            Set<String> masked = new LinkedHashSet<>();
            Set<String> released = new LinkedHashSet<>();
            Set<String> subjects = new LinkedHashSet<>();
            int rows = 0;
            String outcome = "ANSWERED";
            String code = null;
            try {
                if ("csv".equals(format)) {
                    stream.write(csvLine(fields.stream()
                            .map(f -> (JsonNode) mapper.getNodeFactory().textNode(f))
                            .toList()));
                }
                String after = null;
                while (true) {
                    List<HostedRows.Row> page = rows(resource, scope, after, 1000);
                    for (HostedRows.Row row : page) {
                        ObjectNode record = release(row, resource, fields, raw, hashScope, masked, released, subjects);
                        if ("csv".equals(format)) {
                            List<JsonNode> cells = new java.util.ArrayList<>();
                            fields.forEach(f -> cells.add(record.get(f)));
                            stream.write(csvLine(cells));
                        } else {
                            stream.write(mapper.writeValueAsBytes(record));
                            stream.write('\n');
                        }
                        rows++;
                    }
                    if (page.size() < 1000) {
                        break;
                    }
                    after = page.get(page.size() - 1).key();
                }
            } catch (IOException | RuntimeException e) {
                outcome = "REFUSED";
                code = "INTERRUPTED"; // the client went away or the database failed mid-stream
                throw e;
            } finally {
                out.fields = fields;
                out.masked = List.copyOf(masked);
                out.released = List.copyOf(released);
                out.subjects = List.copyOf(subjects);
                out.rows = rows;
                ledger.appendExchange(
                        entry(call, out, outcome, code, started, HexFormat.of().formatHex(digest.digest())));
            }
        };
        return new Export(
                out.exchangeId, body, "csv".equals(format) ? "text/csv; charset=UTF-8" : "application/x-ndjson");
    }

    private List<HostedRows.Row> rows(ResourceView resource, RowScope scope, String after, int limit) {
        return this.rows.find(
                resource.id(),
                mapper.createObjectNode(),
                null,
                scope,
                Map.of(),
                io.interchange.exchange.load.HostedTable.Layout.of(resource),
                after,
                limit);
    }

    /** RFC 4180 line; cells that a spreadsheet would run as a formula are prefixed with a quote. */
    private static byte[] csvLine(List<JsonNode> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            JsonNode cell = cells.get(i);
            if (cell == null || cell.isNull()) {
                continue;
            }
            String text = cell.asText();
            if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && cell.isTextual()) {
                text = "'" + text;
            }
            if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                text = "\"" + text.replace("\"", "\"\"") + "\"";
            }
            line.append(text);
        }
        return line.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * 核验: whether a record with all the given values exists inside the grant's scope. The answer is one boolean; no
     * value leaves the hub, and the ledger keeps the values only as HMACs, like a query.
     */
    private CompletionStage<byte[]> verify(
            ResourceView resource, GrantView grant, boolean own, Query query, Outcome out) {
        RowScope granted = own ? RowScope.ALL : RowScope.parse(grant.rowScope());
        CompletionStage<List<HostedRows.Row>> found = isUpstream(resource)
                ? upstream.find(resource, query, granted, 1)
                : offload.blocking(() -> rows.find(
                        resource.id(),
                        query.filterJson(mapper, resource),
                        query.keyEquals(resource),
                        granted,
                        Map.of(),
                        io.interchange.exchange.load.HostedTable.Layout.of(resource),
                        null,
                        1));
        return found.thenApply(rows -> {
            boolean match = !rows.isEmpty();
            out.fields = query.criteria().stream().map(Query.Criterion::item).toList();
            out.subjects = List.copyOf(new LinkedHashSet<>(out.querySubjects(this, resource)));
            out.rows = match ? 1 : 0;
            try {
                return mapper.writeValueAsBytes(Map.of("match", match));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Appends the exchange's entry without holding the thread; a failure to build it fails the stage too. */
    private CompletionStage<Void> append(
            QueryCall call, Outcome out, String outcome, String code, long started, String responseHash) {
        try {
            return ledger.appendExchangeAsync(entry(call, out, outcome, code, started, responseHash));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The exchange's ledger entry (and its metrics), whatever the outcome. */
    private ExchangeRecord entry(
            QueryCall call, Outcome out, String outcome, String code, long started, String responseHash) {
        ResourceView resource = out.resource;
        Map<String, String> query = out.query == null ? Map.of() : out.ledgerQuery(this, resource);
        if (out.query == null) {
            // Refused before the query was understood: keep the parameter names, never their values.
            query = new TreeMap<>();
            for (String name : call.parameters().keySet()) {
                query.put(name, "(not parsed)");
            }
        }
        String requestHash = sha256(canonical(Map.of(
                "resourceId",
                call.resourceId(),
                "query",
                query,
                "fields",
                out.query == null ? List.of() : out.query.fields(),
                "limit",
                out.query == null ? 0 : out.query.limit())));
        String operation = out.operation != null ? out.operation : call.verification() ? "VERIFY" : "QUERY";
        String resourceTag = resource == null ? "unknown" : resource.id();
        String codeTag = code == null ? "none" : code;
        exchangeCounters
                .computeIfAbsent(
                        List.of(resourceTag, out.department, operation, outcome, codeTag),
                        k -> metrics.counter(
                                "interchange.exchanges",
                                "resource",
                                resourceTag,
                                "requester",
                                out.department,
                                "operation",
                                operation,
                                "outcome",
                                outcome,
                                "code",
                                codeTag))
                .increment();
        latencyTimers
                .computeIfAbsent(
                        List.of(operation, outcome),
                        k -> io.micrometer.core.instrument.Timer.builder("interchange.exchange.latency")
                                .tags("operation", operation, "outcome", outcome)
                                .publishPercentileHistogram()
                                .register(metrics))
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (out.sourceNanos > 0) {
            io.micrometer.core.instrument.Timer source = sourceTimer;
            if (source == null) {
                source = metrics.timer("interchange.exchange.source");
                sourceTimer = source;
            }
            source.record(out.sourceNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return new ExchangeRecord(
                out.exchangeId,
                call.requestId(),
                OffsetDateTime.now(),
                out.department,
                resource == null ? null : resource.provider().id(),
                out.clientId,
                out.user,
                // a catalogue id, or what an unknown-id caller sent, cut to the id column's width
                resource != null
                        ? resource.id()
                        : call.resourceId()
                                .substring(0, Math.min(20, call.resourceId().length())),
                out.grant == null ? null : out.grant.id(),
                out.grant != null ? out.grant.purpose() : call.purpose(),
                out.operation != null ? out.operation : call.verification() ? "VERIFY" : "QUERY",
                query,
                out.fields,
                out.masked,
                out.released,
                out.subjects,
                out.rows,
                outcome,
                code,
                (System.nanoTime() - started) / 1_000_000,
                call.clientAddress(),
                requestHash,
                responseHash);
    }

    /** Ledger form of a value: personal items only as HMACs. */
    String ledgerValue(DataItem item, String value) {
        return item.isPersonal() ? ledger.hmac(value) : value;
    }

    private static boolean isUpstream(ResourceView resource) {
        return resource.source() != null
                && resource.source().kind() == io.interchange.catalog.CatalogTypes.SourceKind.UPSTREAM;
    }

    private static Set<String> allItems(ResourceView resource) {
        Set<String> names = new LinkedHashSet<>();
        resource.items().forEach(i -> names.add(i.name()));
        return names;
    }

    private static String refusalDetail(ErrorCode code, String resourceId) {
        return switch (code) {
            case GRANT_SUSPENDED -> "the grant for " + resourceId + " is suspended";
            case GRANT_REVOKED -> "the grant for " + resourceId + " was revoked";
            case GRANT_EXPIRED -> "the grant for " + resourceId + " has expired";
            case GRANT_ENDED -> "the grant for " + resourceId + " has ended";
            default -> "your department holds no grant for " + resourceId + "; file an access request";
        };
    }

    /** Built once: an ObjectWriter is immutable and thread-safe, and building one per exchange showed in profiles. */
    private com.fasterxml.jackson.databind.ObjectWriter canonicalWriter() {
        com.fasterxml.jackson.databind.ObjectWriter writer = canonical;
        if (writer == null) {
            writer =
                    mapper.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
            canonical = writer;
        }
        return writer;
    }

    private String canonical(Object value) {
        try {
            return canonicalWriter().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            // a clone of a looked-up prototype: the provider lookup behind getInstance costs more than the hash
            return HexFormat.of().formatHex(((MessageDigest) SHA256.clone()).digest(bytes));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one exchange found out on its way, for the ledger entry whatever the outcome. */
    private static final class Outcome {
        final UUID exchangeId;
        final String department;
        final String clientId;
        final String user;
        ResourceView resource;
        GrantView grant;
        Query query;
        List<String> fields = List.of();
        List<String> masked = List.of();
        List<String> released = List.of();
        List<String> subjects = List.of();
        int rows;
        String operation;
        long sourceNanos;

        Outcome(UUID exchangeId, String department, String clientId, String user) {
            this.exchangeId = exchangeId;
            this.department = department;
            this.clientId = clientId;
            this.user = user;
        }

        Map<String, String> ledgerQuery(ExchangeService service, ResourceView resource) {
            Map<String, String> result = new TreeMap<>();
            for (Query.Criterion c : query.criteria()) {
                DataItem item = resource.item(c.item()).orElseThrow();
                result.put(c.item(), c.display(v -> service.ledgerValue(item, v)));
            }
            return result;
        }

        List<String> querySubjects(ExchangeService service, ResourceView resource) {
            List<String> result = new ArrayList<>();
            for (Query.Criterion c : query.criteria()) {
                if (resource.item(c.item()).orElseThrow().isSubjectIdentifier() && c.op() != Query.Op.PREFIX) {
                    c.values().forEach(v -> result.add(service.ledger.hmac(v)));
                }
            }
            return result;
        }
    }
}
