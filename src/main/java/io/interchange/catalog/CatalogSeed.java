package io.interchange.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.directory.DepartmentCommand;
import io.interchange.directory.DepartmentService;
import io.interchange.directory.DepartmentView;
import io.interchange.exchange.HostedDataService;
import io.interchange.platform.HubConfig;
import io.interchange.platform.SeedState;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads {@code catalog-seed/} at start: departments, their upstream-host allow-lists, then the demo resources
 * (published, with their sample rows).
 * Idempotent: what already exists is left alone, so restarts and a shared database are safe. A restart with the same
 * files skips the whole folder ({@link SeedState}): checking every resource by name made up most of the start-up time.
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

    /** {@link SeedState}'s part name for what this class loads. */
    static final String PART = "catalog";

    /** Bump when {@link #load} starts writing something new from the same files. */
    static final String FORMAT = "catalog-seed/1";

    @Inject
    SeedState seedState;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (!config.seed().enabled()) {
            return;
        }
        Path dir = Path.of(config.seed().dir());
        if (!Files.isDirectory(dir)) {
            LOG.infof("No seed folder at %s; starting with an empty directory and catalogue", dir.toAbsolutePath());
            return;
        }
        String sha256 = digest(dir);
        if (seedState.unchanged(PART, sha256)) {
            LOG.infof("Seed: %s unchanged since it was loaded (sha256 %s), skipped", dir, sha256.substring(0, 12));
            return;
        }
        load(dir, sha256);
    }

    /** The files {@link #load} reads, whether or not they exist. */
    static String digest(Path dir) {
        List<Path> files = new java.util.ArrayList<>(SeedState.jsonFiles(dir.resolve("resources")));
        files.add(dir.resolve("departments.json"));
        files.add(dir.resolve("upstream-hosts.json"));
        return SeedState.digest(FORMAT, dir, files);
    }

    /**
     * One transaction, so a half-loaded seed is never recorded as loaded; a first start on a slow or busy machine can
     * take longer than the default 60 s transaction timeout (48 resources with their rows), so it gets ten minutes.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    void load(Path dir, String sha256) {
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
        for (Path file : SeedState.jsonFiles(dir.resolve("resources"))) {
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
        seedState.record(PART, sha256);
    }

    private <T> T read(Path file, TypeReference<T> type) {
        try {
            return mapper.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IllegalStateException("seed file " + file + " is invalid: " + e.getMessage(), e);
        }
    }
}
