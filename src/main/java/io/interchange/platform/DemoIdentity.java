package io.interchange.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.platform.bootstrap.DemoKeys;
import io.interchange.platform.bootstrap.IdentityConfigSourceFactory;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo identity provider: the seeded demo clients and the tokens the hub signs for them. The token endpoint and the
 * console's demo sign-in both issue through here, so both carry exactly the claims an OIDC provider would.
 */
@ApplicationScoped
public class DemoIdentity {

    /** One entry of {@code catalog-seed/demo-clients.json}. */
    public record DemoClient(String clientId, String clientSecret, String department, List<String> roles) {}

    @Inject
    HubConfig config;

    @Inject
    ObjectMapper mapper;

    private volatile List<DemoClient> clients;
    private volatile DemoKeys keys;

    /** The seeded clients in file order (empty when the seed has none). */
    public List<DemoClient> clients() {
        if (clients == null) {
            Path file = Path.of(config.seed().dir(), "demo-clients.json");
            try {
                clients = Files.exists(file)
                        ? List.copyOf(mapper.readValue(file.toFile(), new TypeReference<List<DemoClient>>() {}))
                        : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return clients;
    }

    public Optional<DemoClient> client(String clientId) {
        return clientId == null
                ? Optional.empty()
                : clients().stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }

    /** Lifetime of every demo token, in seconds. */
    public int lifetime() {
        return config.demo().tokenLifetime();
    }

    /** A signed access token for {@code client}, as the provider would issue it for client credentials. */
    public String issue(DemoClient client) {
        return Jwt.issuer(IdentityConfigSourceFactory.DEMO_ISSUER)
                .subject(client.clientId())
                .claim("azp", client.clientId())
                .claim("client_id", client.clientId())
                .claim(config.identity().departmentClaim(), client.department())
                .groups(new HashSet<>(client.roles()))
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(lifetime())
                .jws()
                .keyId("demo")
                .sign(keys().privateKey());
    }

    private DemoKeys keys() {
        if (keys == null) {
            keys = DemoKeys.loadOrCreate(Path.of(config.dataDir()));
        }
        return keys;
    }
}
