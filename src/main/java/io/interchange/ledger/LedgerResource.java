package io.interchange.ledger;

import io.interchange.ledger.LedgerViews.CheckpointList;
import io.interchange.ledger.LedgerViews.CheckpointView;
import io.interchange.ledger.LedgerViews.ConsistencyProof;
import io.interchange.ledger.LedgerViews.InclusionProof;
import io.interchange.ledger.LedgerViews.KeyList;
import io.interchange.ledger.LedgerViews.PublicKeyView;
import io.interchange.ledger.LedgerViews.Stats;
import io.interchange.ledger.LedgerViews.SubjectReport;
import io.interchange.ledger.LedgerViews.SubjectReportCommand;
import io.interchange.ledger.LedgerViews.VerifyReport;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Page;
import io.interchange.platform.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/ledger")
@Tag(name = "Ledger", description = "The exchange and administration log")
@SecurityRequirement(name = "bearer")
public class LedgerResource {

    @Inject
    LedgerService ledger;

    @Inject
    Caller caller;

    @Inject
    HubConfig config;

    @Inject
    LedgerProofService proofs;

    @Inject
    LedgerAuditService audit;

    @GET
    @Path("entries")
    @RolesAllowed({Roles.AUDITOR, Roles.HUB_AUDITOR})
    @Operation(
            summary = "List ledger entries",
            description = "Auditors see entries where their department is the requester or the provider; "
                    + "hub-auditors see all. Personal values appear only as `hmac:<keyId>:<hex>`. `outcome` "
                    + "(ANSWERED or REFUSED) keeps only EXCHANGE entries with that outcome: ADMIN and SUBJECT_REPORT "
                    + "entries have none, so with `outcome` they never appear (and `kind=ADMIN` with an outcome "
                    + "finds nothing).")
    public Page<Map<String, Object>> entries(
            @QueryParam("resource") String resource,
            @QueryParam("department") String department,
            @QueryParam("kind") String kind,
            @QueryParam("outcome")
                    @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
                            description = "EXCHANGE entries with this outcome only",
                            schema =
                                    @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                            enumeration = {"ANSWERED", "REFUSED"}))
                    String outcome,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int pageSize = Cursors.limit(
                limit, config.exchange().defaultLimit(), config.exchange().maxLimit());
        return ledger.list(
                caller,
                new EntryQuery(
                        resource,
                        department,
                        io.interchange.platform.Params.enumValue(LedgerService.Kind.class, kind, "kind"),
                        io.interchange.platform.Params.enumValue(LedgerService.Outcome.class, outcome, "outcome"),
                        instant(from, "from"),
                        instant(to, "to"),
                        pageSize,
                        cursor));
    }

    @GET
    @Path("checkpoint")
    @PermitAll
    @SecurityRequirementsSet({})
    @Operation(
            summary = "Latest checkpoint",
            description = "Public. A C2SP signed note (origin, tree size, base64 root hash, Ed25519 signature by the "
                    + "hub key); rootHash repeats the root in hex. 404 before the first entry is sealed.")
    public CheckpointView checkpoint() {
        return proofs.latest();
    }

    @GET
    @Path("checkpoints")
    @PermitAll
    @SecurityRequirementsSet({})
    @Operation(summary = "Past checkpoints", description = "Public. Checkpoints with treeSize >= from, oldest first.")
    public CheckpointList checkpoints(@QueryParam("from") Long from, @QueryParam("limit") Integer limit) {
        int pageSize = Cursors.limit(
                limit, config.exchange().defaultLimit(), config.exchange().maxLimit());
        return proofs.checkpoints(from == null ? 0 : from, pageSize);
    }

    @GET
    @Path("consistency")
    @PermitAll
    @SecurityRequirementsSet({})
    @Operation(
            summary = "Consistency proof",
            description = "Public. RFC 9162 §2.1.4 proof (hex) that the tree of size first is a prefix of the tree of "
                    + "size second (default: the latest checkpoint). 422 beyond the latest checkpoint.")
    public ConsistencyProof consistency(@QueryParam("first") Long first, @QueryParam("second") Long second) {
        return proofs.consistency(first, second);
    }

    @GET
    @Path("public-key")
    @PermitAll
    @SecurityRequirementsSet({})
    @Operation(
            summary = "Current checkpoint signing key",
            description = "Public. Key name (= checkpoint origin), key id, PEM and the C2SP verifier key string.")
    public PublicKeyView publicKey() {
        return proofs.currentKey();
    }

    @GET
    @Path("public-keys")
    @PermitAll
    @SecurityRequirementsSet({})
    @Operation(
            summary = "Every checkpoint signing key ever used",
            description = "Public. Retired keys stay listed (retiredAt set) so old checkpoints can be verified; "
                    + "hmacKeyIds lists the HMAC key ids entries may name.")
    public KeyList publicKeys() {
        return proofs.keys();
    }

    @GET
    @Path("entries/{index}/proof")
    @Authenticated
    @Operation(
            summary = "Inclusion proof of an entry",
            description = "RFC 9162 §2.1.3 proof (hex) of the leaf at index in the tree of size treeSize (default: the "
                    + "latest checkpoint). The entry's requester and provider departments and hub-auditors may ask.")
    public InclusionProof proof(@PathParam("index") long index, @QueryParam("treeSize") Long treeSize) {
        return proofs.inclusion(caller, index, treeSize);
    }

    @GET
    @Path("receipts/{exchangeId}")
    @Authenticated
    @Operation(
            summary = "Receipt of an exchange",
            description = "Leaf index, leaf hash, inclusion proof and the checkpoint it verifies against; 202 with "
                    + "Retry-After until the entry is sealed. The exchange's two departments and hub-auditors may ask.")
    public Response receipt(@PathParam("exchangeId") String exchangeId) {
        UUID id;
        try {
            id = UUID.fromString(exchangeId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Exchange", exchangeId);
        }
        return proofs.receipt(caller, id)
                .map(r -> Response.ok(r).build())
                .orElseGet(() -> Response.accepted().header("Retry-After", "1").build());
    }

    @GET
    @Path("export")
    @RolesAllowed({Roles.AUDITOR, Roles.HUB_AUDITOR})
    @Produces("application/x-ndjson")
    @Operation(
            summary = "Export sealed entries (NDJSON)",
            description =
                    "Entries with leaf index in [from, to), each with leafIndex and leafHash. hub-auditors export "
                            + "everything (or one department); auditors only entries of their own department.")
    public Response export(
            @QueryParam("from") Long from, @QueryParam("to") Long to, @QueryParam("department") String department) {
        if (from != null && from < 0) {
            throw ApiException.invalid("from", "must not be negative");
        }
        if (to != null && from != null && to < from) {
            throw ApiException.invalid("to", "must not be below from");
        }
        String scope = audit.exportScope(caller, department);
        StreamingOutput body = out -> audit.export(
                from == null ? 0 : from,
                to,
                scope,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        return Response.ok(body, "application/x-ndjson").build();
    }

    @POST
    @Path("verify")
    @RolesAllowed({Roles.AUDITOR, Roles.HUB_AUDITOR})
    @Operation(
            summary = "Verify the ledger online",
            description = "Recomputes every leaf hash and the root of the latest checkpoint from the stored entries, "
                    + "checks the checkpoint's signature, and names the first bad leaf index.")
    public VerifyReport verify() {
        return audit.verify();
    }

    @POST
    @Path("subject-report")
    @RolesAllowed({Roles.AUDITOR, Roles.HUB_AUDITOR})
    @Operation(
            summary = "Who accessed data about a person",
            description = "hub-auditors see every department's accesses; a provider department's auditor those "
                    + "through its own resources. Needs a justification; the request is itself ledgered with the "
                    + "subject's HMAC, never the identifier.")
    public SubjectReport subjectReport(SubjectReportCommand command) {
        return audit.subjectReport(caller, ApiException.requireBody(command));
    }

    @GET
    @Path("stats")
    @RolesAllowed({Roles.AUDITOR, Roles.HUB_AUDITOR})
    @Operation(
            summary = "Exchange statistics",
            description = "Counts by outcome, latency percentiles and refusals by code, grouped by resource, "
                    + "requesting department or day. Auditors: their department's exchanges; hub-auditors: all.")
    public Stats stats(
            @QueryParam("groupBy") String groupBy, @QueryParam("from") String from, @QueryParam("to") String to) {
        return audit.stats(caller, groupBy, instant(from, "from"), instant(to, "to"));
    }

    private static OffsetDateTime instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant with offset", name);
        }
    }
}
