package io.interchange.console;

import io.interchange.ledger.EntryQuery;
import io.interchange.ledger.LedgerAuditService;
import io.interchange.ledger.LedgerProofService;
import io.interchange.ledger.LedgerService;
import io.interchange.ledger.LedgerViews.CheckpointView;
import io.interchange.ledger.LedgerViews.PublicKeyView;
import io.interchange.ledger.LedgerViews.Receipt;
import io.interchange.ledger.LedgerViews.Stats;
import io.interchange.ledger.LedgerViews.StatsGroup;
import io.interchange.ledger.merkle.Hashes;
import io.interchange.ledger.verify.SignedNote;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Page;
import io.interchange.platform.Params;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The ledger for auditors: entries of their department (hub auditors: all), with filters. */
@Path("/console/ledger")
@RolesAllowed({Roles.AUDITOR, Roles.HUB_AUDITOR})
public class LedgerPages {

    static final int PAGE_SIZE = 100;

    public record Filters(String resource, String department, String kind, String outcome, String from, String to) {}

    public record Entry(
            String exchangeId,
            String at,
            String kind,
            String requester,
            String provider,
            String resource,
            String what,
            String outcome,
            String fields) {}

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance ledger(
                Chrome c,
                Filters filters,
                List<Entry> entries,
                List<String> kinds,
                List<String> outcomes,
                String nextHref,
                CheckpointView checkpoint,
                String chartsHref);

        static native TemplateInstance receipt(
                Chrome c, String exchangeId, Receipt receipt, String signature, boolean signatureValid, String path);
    }

    /** What the charts draw: exchanges per day (answered, refused) and refusals by code, over the filter's dates. */
    public record Charts(
            String from,
            String to,
            List<String> days,
            List<Long> answered,
            List<Long> refused,
            Map<String, Long> refusals) {}

    @Inject
    LedgerAuditService audit;

    @Inject
    io.interchange.platform.HubConfig config;

    @Inject
    LedgerProofService proofs;

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    LedgerService ledger;

    @GET
    public Response entries(
            @QueryParam("resource") String resource,
            @QueryParam("department") String department,
            @QueryParam("kind") String kind,
            @QueryParam("outcome") String outcome,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        Filters filters = new Filters(resource, department, kind, outcome, from, to);
        Page<Map<String, Object>> page = ledger.list(
                caller,
                new EntryQuery(
                        CataloguePages.blank(resource),
                        CataloguePages.blank(department),
                        Params.enumValue(LedgerService.Kind.class, CataloguePages.blank(kind), "kind"),
                        Params.enumValue(LedgerService.Outcome.class, CataloguePages.blank(outcome), "outcome"),
                        day(from, "from", 0),
                        day(to, "to", 1),
                        PAGE_SIZE,
                        CataloguePages.blank(cursor)));
        Map<String, String> departments = pages.departmentNames();
        List<Entry> entries = Pages.map(page.items(), e -> entry(e, departments));
        String next = null;
        if (page.nextCursor() != null) {
            next = ConsolePaths.query(
                    ConsoleHttp.PATH + "/ledger",
                    ConsolePaths.params(
                            "resource",
                            resource,
                            "department",
                            department,
                            "kind",
                            kind,
                            "outcome",
                            outcome,
                            "from",
                            from,
                            "to",
                            to,
                            "cursor",
                            page.nextCursor()));
        }
        List<String> kinds = List.of("EXCHANGE", "ADMIN", "SUBJECT_REPORT");
        List<String> outcomes = List.of("ANSWERED", "REFUSED");
        CheckpointView checkpoint = null;
        try {
            checkpoint = proofs.latest();
        } catch (ApiException e) {
            // none sealed yet: the page says so
        }
        String charts =
                ConsolePaths.query(ConsoleHttp.PATH + "/ledger/charts", ConsolePaths.params("from", from, "to", to));
        return pages.render(
                Templates.ledger(pages.chrome(), filters, entries, kinds, outcomes, next, checkpoint, charts));
    }

    /**
     * The charts' data as JSON, for {@code /console/charts.js} (no inline scripts: the CSP forbids them). The same
     * department scope as the API's {@code /api/v1/ledger/stats}; without dates, the last 30 days.
     */
    @GET
    @Path("charts")
    @Produces(MediaType.APPLICATION_JSON)
    public Charts charts(@QueryParam("from") String from, @QueryParam("to") String to) {
        OffsetDateTime end = day(to, "to", 1);
        OffsetDateTime start = day(from, "from", 0);
        LocalDate today = LocalDate.now(config.timeZone());
        if (end == null) {
            end = today.plusDays(1).atStartOfDay(config.timeZone()).toOffsetDateTime();
        }
        if (start == null) {
            start = end.minusDays(30);
        }
        Stats stats = audit.stats(caller, "day", start, end);
        List<String> days = new ArrayList<>();
        List<Long> answered = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        Map<String, Long> refusals = new TreeMap<>();
        for (StatsGroup g : stats.groups()) {
            days.add(g.key());
            answered.add(g.outcomes().getOrDefault("ANSWERED", 0L));
            refused.add(g.outcomes().getOrDefault("REFUSED", 0L));
            g.refusals().forEach((code, n) -> refusals.merge(code, n, Long::sum));
        }
        return new Charts(
                start.toLocalDate().toString(),
                end.toLocalDate().minusDays(1).toString(),
                days,
                answered,
                refused,
                refusals);
    }

    /**
     * An exchange's receipt. The page's script recomputes the Merkle root from the leaf hash and the inclusion path
     * and compares it with the checkpoint's root; the server checks the checkpoint's Ed25519 signature against the
     * hub's published key, so the page shows both checks separately.
     */
    @GET
    @Path("receipts/{exchangeId}")
    public Response receipt(@PathParam("exchangeId") String exchangeId) {
        UUID id;
        try {
            id = UUID.fromString(exchangeId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Exchange", exchangeId);
        }
        Optional<Receipt> receipt = proofs.receipt(caller, id);
        String signature = null;
        boolean valid = false;
        if (receipt.isPresent()) {
            CheckpointView checkpoint = receipt.get().checkpoint();
            try {
                PublicKeyView key = proofs.keys().items().stream()
                        .filter(k -> k.keyId().equals(checkpoint.keyId()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown key " + checkpoint.keyId()));
                String body = SignedNote.open(checkpoint.note(), key.keyName(), SignedNote.fromPem(key.pem()));
                SignedNote.Checkpoint signed = SignedNote.parseCheckpoint(body);
                valid = signed.treeSize() == checkpoint.treeSize()
                        && Hashes.hex(signed.rootHash()).equals(checkpoint.rootHash());
                signature = valid ? key.keyName() + " (" + key.keyId() + ")" : "the signed body does not match";
            } catch (IllegalArgumentException e) {
                signature = e.getMessage();
            }
        }
        return pages.render(Templates.receipt(
                pages.chrome(),
                exchangeId,
                receipt.orElse(null),
                signature,
                valid,
                receipt.map(r -> String.join(",", r.path())).orElse("")));
    }

    private static Entry entry(Map<String, Object> e, Map<String, String> departments) {
        String requester = text(e.get("requesterDepartment"));
        if (requester.isEmpty()) {
            requester = text(e.get("department"));
        }
        String provider = text(e.get("providerDepartment"));
        Object object = e.get("object");
        String resource = text(e.get("resourceId"));
        if (resource.isEmpty() && object instanceof Map<?, ?> o) {
            resource = text(o.get("type")) + " " + text(o.get("id"));
        }
        String what = e.get("operation") != null ? text(e.get("operation")) : text(e.get("action"));
        String kind = text(e.get("kind"));
        try {
            kind = Labels.label(LedgerService.Kind.valueOf(kind));
        } catch (IllegalArgumentException ignored) {
            // an unknown kind is shown as stored
        }
        return new Entry(
                text(e.get("exchangeId")),
                text(e.get("at")),
                kind,
                departments.getOrDefault(requester, requester),
                departments.getOrDefault(provider, provider),
                resource,
                what,
                text(e.get("outcome")),
                e.get("fields") instanceof List<?> l
                        ? String.join(", ", l.stream().map(String::valueOf).toList())
                        : "");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private OffsetDateTime day(String value, String field, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip())
                    .plusDays(plusDays)
                    .atStartOfDay(config.timeZone())
                    .toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " is not a date (YYYY-MM-DD)", field);
        }
    }

    @ServerExceptionMapper
    Response refused(ApiException e) {
        return pages.error(e);
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return pages.forbidden();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e) {
        return pages.signIn();
    }
}
