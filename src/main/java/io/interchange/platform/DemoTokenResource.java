package io.interchange.platform;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OAuth 2.0 client-credentials tokens for the seeded demo clients, issued the way an OIDC provider issues them to
 * applications. It answers only in demo identity mode; with an OIDC provider configured the path does not exist (404).
 */
@Path("/demo/oauth/token")
@ApplicationScoped
@Tag(name = "Demo identity")
public class DemoTokenResource {

    public record TokenResponse(
            @com.fasterxml.jackson.annotation.JsonProperty("access_token")
            String accessToken,

            @com.fasterxml.jackson.annotation.JsonProperty("token_type")
            String tokenType,

            @com.fasterxml.jackson.annotation.JsonProperty("expires_in")
            int expiresIn) {}

    @Inject
    HubConfig config;

    @Inject
    DemoIdentity identity;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Issue a demo access token (demo mode only)",
            description = "Client credentials grant for the clients in catalog-seed/demo-clients.json. "
                    + "Send grant_type=client_credentials with client_id and client_secret as form fields or HTTP "
                    + "Basic authentication. Returns 404 when the hub uses a real OIDC provider.")
    public Response token(
            @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret,
            @HeaderParam("Authorization") String authorization) {
        if (!config.demo().active()) {
            throw ApiException.notFound("path", "/demo/oauth/token");
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(authorization.substring(6).trim());
            if (pair != null) {
                clientId = pair[0];
                clientSecret = pair[1];
            }
        }
        if (!"client_credentials".equals(grantType)) {
            return oauthError(400, "unsupported_grant_type", "only client_credentials is supported");
        }
        DemoIdentity.DemoClient client = identity.client(clientId).orElse(null);
        if (client == null || clientSecret == null || !constantTimeEquals(client.clientSecret(), clientSecret)) {
            return oauthError(401, "invalid_client", "unknown client or wrong secret");
        }
        return Response.ok(new TokenResponse(identity.issue(client), "Bearer", identity.lifetime()))
                .header("Cache-Control", "no-store")
                .build();
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static Response oauthError(int status, String error, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", error, "error_description", description))
                .build();
    }
}
