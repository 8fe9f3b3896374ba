package io.interchange.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.directory.DepartmentCommand;
import io.interchange.directory.DepartmentService;
import io.interchange.directory.DepartmentView;
import io.interchange.exchange.HostedDataService;
import io.interchange.platform.HubConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Loads {@code catalog-seed/} at start: departments, their upstream-host allow-lists, then the demo resources
 * (published, with their sample rows).
 * Idempotent: what already exists is left alone, so restarts and a shared database are safe.
 */
@ApplicationScoped
public class CatalogSeed {

    private static final Logger LOG = Logger.getLogger(CatalogSeed.class);

    /** One file of {@code catalog-seed/resources/}. */
    record SeedResource(String provider, ResourceCommand resource, JsonNode rows) {}

    @Inject
    HubConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    DepartmentService departments;

    @Inject
    CatalogService catalog;

    @Inject
    HostedDataService hosted;

    @Inject
    io.interchange.exchange.upstream.UpstreamHostService upstreamHosts;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (config.seed().enabled()) {
            load(Path.of(config.seed().dir()));
        }
    }

    @Transactional
    void load(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.infof("No seed folder at %s; starting with an empty directory and catalogue", dir.toAbsolutePath());
            return;
        }
        Path departmentFile = dir.resolve("departments.json");
        if (Files.exists(departmentFile)) {
            int created =
                    departments.importMissing(read(departmentFile, new TypeReference<List<DepartmentCommand>>() {}));
            LOG.infof("Seed: %d new departments", created);
        }
        Path hostFile = dir.resolve("upstream-hosts.json");
        if (Files.exists(hostFile)) {
            // before the resources: an UPSTREAM resource is registered only against its provider's allow-list
            read(
                            hostFile,
                            new TypeReference<
                                    java.util.Map<String, List<io.interchange.exchange.upstream.HostEntry>>>() {})
                    .forEach(upstreamHosts::importMissing);
        }
        Path resources = dir.resolve("resources");
        if (!Files.isDirectory(resources)) {
            return;
        }
        try (Stream<Path> files = Files.list(resources)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                SeedResource seed = read(file, new TypeReference<SeedResource>() {});
                DepartmentView provider = departments.get(seed.provider());
                if (catalog.findByName(provider.id(), seed.resource().name()).isPresent()) {
                    continue;
                }
                ResourceView created = catalog.seedPublished(provider, seed.resource());
                if (seed.rows() != null && seed.rows().isArray() && !seed.rows().isEmpty()) {
                    hosted.loadSeed(created.id(), seed.rows());
                }
                LOG.infof("Seed: published %s %s", created.code(), created.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed resources under " + resources, e);
        }
    }

    private <T> T read(Path file, TypeReference<T> type) {
        try {
            return mapper.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IllegalStateException("seed file " + file + " is invalid: " + e.getMessage(), e);
        }
    }
}
