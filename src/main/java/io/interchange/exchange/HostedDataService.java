package io.interchange.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SourceKind;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.exchange.load.CsvReader;
import io.interchange.exchange.load.DataLoad;
import io.interchange.exchange.load.JsonArrayReader;
import io.interchange.exchange.load.LoadRecords;
import io.interchange.exchange.load.LoadRunner;
import io.interchange.exchange.load.NdjsonReader;
import io.interchange.exchange.load.RowReader;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import io.interchange.platform.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Loads rows into a HOSTED resource from JSON, NDJSON or CSV, streamed and checked row by row; one bad row refuses
 * the whole load (422 with the first problems and their lines) and changes nothing. Large files can load
 * asynchronously and report progress.
 */
@ApplicationScoped
public class HostedDataService {

    private static final Logger LOG = Logger.getLogger(HostedDataService.class);

    public enum LoadMode {
        REPLACE,
        UPSERT
    }

    public enum Format {
        JSON("application/json"),
        NDJSON("application/x-ndjson"),
        CSV("text/csv");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        static Format of(String contentType) {
            String base =
                    contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase();
            for (Format f : values()) {
                if (f.mediaType.equals(base)) {
                    return f;
                }
            }
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "rows are loaded as application/json (an array), application/x-ndjson or text/csv");
        }
    }

    public record LoadResult(UUID loadId, long rows) {}

    /** {@code GET …/loads/{loadId}}: where a load stands. */
    public record LoadStatus(
            UUID loadId,
            String resourceId,
            String status,
            long rows,
            long rowsPerSecond,
            Integer percent,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            List<FieldError> problems) {}

    @Inject
    CatalogService catalog;

    @Inject
    LoadRunner runner;

    @Inject
    LoadRecords records;

    @Inject
    ObjectMapper mapper;

    /** Asynchronous loads run here, two at a time: the database, not the hub, is the bottleneck of a load. */
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "interchange-load");
        thread.setDaemon(true);
        return thread;
    });

    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** Checks who may load, then loads synchronously (200) or starts an asynchronous load (202). */
    public LoadResult load(
            Caller caller,
            String resourceId,
            LoadMode mode,
            String contentType,
            InputStream body,
            Long contentLength,
            boolean async) {
        ResourceView resource = ownHostedResource(caller, resourceId);
        Format format = Format.of(contentType);
        UUID loadId = UUID.randomUUID();
        LoadRunner.Job job = new LoadRunner.Job(
                loadId,
                resource,
                mode == LoadMode.REPLACE,
                format.name(),
                format == Format.JSON,
                caller.actor(),
                caller.department());
        records.start(
                loadId, resourceId, caller.department(), caller.actor(), mode.name(), format.mediaType, contentLength);
        if (!async) {
            return new LoadResult(loadId, runTracked(job, format, body));
        }
        Path spool;
        try {
            spool = Files.createTempFile("interchange-load-", ".data");
            Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            records.finish(loadId, 0, 0, List.of(new FieldError("body", "could not be received: " + e.getMessage())));
            throw new UncheckedIOException(e);
        }
        executor.execute(() -> {
            try (InputStream in = Files.newInputStream(spool)) {
                runTracked(job, format, in);
            } catch (ApiException refused) {
                LOG.infof("Load %s refused: %s", loadId, refused.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "Load %s failed", loadId);
            } finally {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    LOG.debug("temporary file left behind", e);
                }
            }
        });
        return new LoadResult(loadId, 0);
    }

    public LoadStatus status(Caller caller, String resourceId, UUID loadId) {
        ownHostedResource(caller, resourceId);
        DataLoad load = records.find(loadId);
        if (load == null || !load.resourceId.equals(resourceId)) {
            throw ApiException.notFound("load", loadId.toString());
        }
        OffsetDateTime end = load.finishedAt != null ? load.finishedAt : OffsetDateTime.now();
        long millis = Math.max(1, Duration.between(load.startedAt, end).toMillis());
        Integer percent = "SUCCEEDED".equals(load.status)
                ? Integer.valueOf(100)
                : load.bytesTotal == null || load.bytesTotal == 0
                        ? null
                        : Integer.valueOf((int) Math.min(99, load.bytesRead * 100 / load.bytesTotal));
        return new LoadStatus(
                load.id,
                load.resourceId,
                load.status,
                load.rows,
                load.rows * 1000 / millis,
                percent,
                load.startedAt,
                load.finishedAt,
                load.problems == null ? List.of() : load.problems);
    }

    /** Seed import: the demo rows of a freshly seeded resource, checked like any load, in the seed's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long loadSeed(String resourceId, JsonNode rows) {
        ResourceView resource = catalog.find(resourceId).orElseThrow();
        try {
            byte[] bytes = mapper.writeValueAsBytes(rows);
            RowReader reader = new JsonArrayReader(new ByteArrayInputStream(bytes), mapper);
            return runner.run(
                    new LoadRunner.Job(
                            null,
                            resource,
                            true,
                            Format.JSON.name(),
                            true,
                            "seed",
                            resource.provider().id()),
                    reader,
                    () -> bytes.length);
        } catch (LoadRunner.Refused refused) {
            throw new IllegalStateException("seed rows of " + resourceId + " are invalid: " + refused.problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long runTracked(LoadRunner.Job job, Format format, InputStream body) {
        var counting = new io.interchange.exchange.load.CountingStream(body);
        try (RowReader reader = reader(job.resource(), format, counting)) {
            long rows = runner.run(job, reader, counting::count);
            records.finish(job.loadId(), rows, counting.count(), null);
            LOG.infof("Load %s of %s: %d rows", job.loadId(), job.resource().id(), rows);
            return rows;
        } catch (LoadRunner.Refused refused) {
            records.finish(job.loadId(), 0, counting.count(), refused.problems);
            throw ApiException.invalid(refused.problems);
        } catch (ApiException refused) {
            records.finish(job.loadId(), 0, counting.count(), List.of(new FieldError("body", refused.getMessage())));
            throw refused;
        } catch (java.nio.charset.CharacterCodingException e) {
            List<FieldError> problems = List.of(new FieldError("body", "is not UTF-8 text"));
            records.finish(job.loadId(), 0, counting.count(), problems);
            throw ApiException.invalid(problems);
        } catch (IOException e) {
            records.finish(job.loadId(), 0, counting.count(), List.of(new FieldError("body", "could not be read")));
            throw new UncheckedIOException(e);
        }
    }

    private RowReader reader(ResourceView resource, Format format, InputStream in) throws IOException {
        return switch (format) {
            case JSON -> new JsonArrayReader(in, mapper);
            case NDJSON -> new NdjsonReader(in, mapper);
            case CSV -> {
                Map<String, DataItem> items =
                        resource.items().stream().collect(Collectors.toMap(DataItem::name, Function.identity()));
                CsvReader csv = new CsvReader(in, items);
                List<FieldError> problems = new ArrayList<>();
                List<String> header = csv.header();
                for (String column : header) {
                    if (!items.containsKey(column)) {
                        problems.add(new FieldError("line 1." + column, "is not an item of resource " + resource.id()));
                    }
                }
                if (header.isEmpty()) {
                    problems.add(new FieldError("line 1", "the header row naming the items is missing"));
                }
                if (!problems.isEmpty()) {
                    throw new LoadRunner.Refused(problems, 0);
                }
                yield csv;
            }
        };
    }

    private ResourceView ownHostedResource(Caller caller, String resourceId) {
        ResourceView resource = catalog.find(resourceId)
                .filter(r -> r.provider().id().equals(caller.department())
                        || r.status() == ResourceStatus.PUBLISHED
                        || r.status() == ResourceStatus.RETIRED)
                .orElseThrow(() -> ApiException.notFound("resource", resourceId));
        if (!resource.provider().id().equals(caller.department()) || !caller.is(Roles.STEWARD)) {
            throw ApiException.forbidden(
                    ErrorCode.NOT_OWNER,
                    "only a steward of " + resource.provider().id() + " loads its data");
        }
        if (resource.status() == ResourceStatus.RETIRED) {
            throw ApiException.conflict(ErrorCode.INVALID_STATUS, "resource " + resourceId + " is retired");
        }
        if (resource.source().kind() != SourceKind.HOSTED) {
            throw ApiException.conflict(
                    ErrorCode.NOT_HOSTED, "resource " + resourceId + " is served by its upstream API");
        }
        return resource;
    }
}
