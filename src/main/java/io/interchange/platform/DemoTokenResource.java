package io.interchange.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.platform.bootstrap.DemoKeys;
import io.interchange.platform.bootstrap.IdentityConfigSourceFactory;
import io.smallrye.jwt.build.Jwt;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    public record DemoClient(String clientId, String clientSecret, String department, List<String> roles) {}

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
    ObjectMapper mapper;

    private volatile Map<String, DemoClient> clients;
    private volatile DemoKeys keys;

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
        DemoClient client = clientId == null ? null : clients().get(clientId);
        if (client == null || clientSecret == null || !constantTimeEquals(client.clientSecret(), clientSecret)) {
            return oauthError(401, "invalid_client", "unknown client or wrong secret");
        }
        int lifetime = config.demo().tokenLifetime();
        String token = Jwt.issuer(IdentityConfigSourceFactory.DEMO_ISSUER)
                .subject(client.clientId())
                .claim("azp", client.clientId())
                .claim("client_id", client.clientId())
                .claim(config.identity().departmentClaim(), client.department())
                .groups(new HashSet<>(client.roles()))
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(lifetime)
                .jws()
                .keyId("demo")
                .sign(keys().privateKey());
        return Response.ok(new TokenResponse(token, "Bearer", lifetime))
                .header("Cache-Control", "no-store")
                .build();
    }

    private Map<String, DemoClient> clients() {
        if (clients == null) {
            java.nio.file.Path file = java.nio.file.Path.of(config.seed().dir(), "demo-clients.json");
            try {
                List<DemoClient> list = Files.exists(file)
                        ? mapper.readValue(file.toFile(), new TypeReference<List<DemoClient>>() {})
                        : List.of();
                clients = list.stream()
                        .collect(java.util.stream.Collectors.toUnmodifiableMap(DemoClient::clientId, c -> c));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return clients;
    }

    private DemoKeys keys() {
        if (keys == null) {
            keys = DemoKeys.loadOrCreate(java.nio.file.Path.of(config.dataDir()));
        }
        return keys;
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
