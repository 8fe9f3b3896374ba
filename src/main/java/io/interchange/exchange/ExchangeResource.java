package io.interchange.exchange;

import io.interchange.exchange.ExchangeService.Answer;
import io.interchange.exchange.ExchangeService.QueryCall;
import io.interchange.platform.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/exchange/{id}")
@Tag(name = "Exchange", description = "Brokered queries under a grant, masked and ledgered")
@SecurityRequirement(name = "bearer")
public class ExchangeResource {

    @Inject
    ExchangeService exchange;

    @Inject
    Caller caller;

    @GET
    @Path("records")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Query a resource through a grant",
            description = "`item=value` filters on filterable items (equality; prefix a value with `eq:` when it "
                    + "starts with an operator word); `fields=a,b` projects onto granted items; `limit`, `cursor` page "
                    + "by primary key. Items are masked unless the grant releases them raw. The provider department "
                    + "reads its own resources without a grant. Only the consumer role queries; every call, answered or refused, is written to the "
                    + "ledger before the response leaves; its id is in `X-Exchange-Id`.")
    @APIResponse(
            responseCode = "200",
            description = "`{items, nextCursor}`",
            headers = @Header(name = "X-Exchange-Id", description = "The ledger entry of this exchange"))
    @APIResponse(
            responseCode = "403",
            description = "NO_GRANT, GRANT_EXPIRED, GRANT_SUSPENDED, GRANT_REVOKED, "
                    + "RESOURCE_NOT_PUBLISHED, NOT_SHARED, FIELD_NOT_GRANTED or PURPOSE_MISMATCH")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED, with Retry-After")
    // On the event loop: policy comes from memory (a cache miss and a hosted read go to a worker, see Offload), an
    // upstream's answer and the ledger commit are awaited by no thread, so a cached exchange changes threads only
    // for its ledger commit.
    public Uni<Response> records(
            @PathParam("id") String id,
            @HeaderParam("X-Purpose") String purpose,
            @HeaderParam("X-Request-Id") String requestId,
            @Context UriInfo uri,
            @Context HttpServerRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>(uri.getQueryParameters());
        String address =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return respond(exchange.query(caller, new QueryCall(id, parameters, purpose, requestId, address)));
    }

    private static Uni<Response> respond(java.util.concurrent.CompletionStage<Answer> answer) {
        return Uni.createFrom()
                .completionStage(answer)
                .map(a -> Response.ok(a.body(), MediaType.APPLICATION_JSON)
                        .header(ExchangeService.EXCHANGE_ID, a.exchangeId().toString())
                        .header("Server-Timing", a.serverTiming())
                        .build());
    }

    @GET
    @Path("export")
    @Authenticated
    @Produces({"text/csv;charset=UTF-8", "application/x-ndjson"})
    @Operation(
            summary = "Stream every granted row (BULK grants)",
            description = "CSV (header row of item names) or NDJSON, masked as the grant says and within its row "
                    + "scope, streamed in pages so memory stays flat. Needs a grant in BULK mode. One ledger entry "
                    + "with the row count and the hash of the bytes sent is written when the stream ends.")
    public Response export(
            @PathParam("id") String id,
            @jakarta.ws.rs.QueryParam("format") @jakarta.ws.rs.DefaultValue("ndjson") String format,
            @HeaderParam("X-Purpose") String purpose,
            @HeaderParam("X-Request-Id") String requestId,
            @Context HttpServerRequest request) {
        String address =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        ExchangeService.Export export =
                exchange.export(caller, new QueryCall(id, Map.of(), purpose, requestId, address), format);
        return Response.ok(export.body(), export.mediaType())
                .header(ExchangeService.EXCHANGE_ID, export.exchangeId().toString())
                .header("Content-Disposition", "attachment; filename=\"" + id + "." + format + "\"")
                .build();
    }

    /** {@code {"values": {item: value, …}}}: what a verification compares. */
    public record VerifyCommand(Map<String, com.fasterxml.jackson.databind.JsonNode> values) {}

    @POST
    @Path("verify")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Verify values against a record (核验)",
            description = "Answers `{\"match\": true|false}`: whether a record inside the grant holds all the given "
                    + "values. The values must include the primary key or a subject identifier; any granted item may "
                    + "be compared. No personal data is returned; the call is ledgered like a query (operation "
                    + "VERIFY, values as HMACs).")
    @APIResponse(
            responseCode = "200",
            description = "`{match}`",
            headers = @Header(name = "X-Exchange-Id", description = "The ledger entry of this exchange"))
    @Blocking
    public Uni<Response> verify(
            @PathParam("id") String id,
            @HeaderParam("X-Purpose") String purpose,
            @HeaderParam("X-Request-Id") String requestId,
            @Context HttpServerRequest request,
            VerifyCommand command) {
        String address =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        Map<String, com.fasterxml.jackson.databind.JsonNode> values =
                command == null || command.values() == null ? Map.of() : command.values();
        return respond(exchange.query(caller, new QueryCall(id, Map.of(), purpose, requestId, address, values)));
    }
}
