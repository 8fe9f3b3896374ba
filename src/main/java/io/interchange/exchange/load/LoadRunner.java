package io.interchange.exchange.load;

import io.interchange.catalog.CatalogService;
import io.interchange.catalog.ResourceView;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs one load in one transaction: read, check and COPY every row; then either swap or merge the data set, or — when
 * any row is bad — roll everything back and report the first problems with their lines. A failed load changes nothing.
 */
@ApplicationScoped
public class LoadRunner {

    private static final Logger LOG = Logger.getLogger(LoadRunner.class);

    public static final int MAX_PROBLEMS = 100;
    static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    /** What a load was asked to do. {@code loadId} null: not tracked (seed import). */
    public record Job(
            UUID loadId,
            ResourceView resource,
            boolean replace,
            String format,
            boolean indexFields,
            String actor,
            String department) {}

    /** A load refused for its content: the transaction rolls back with it. */
    public static class Refused extends RuntimeException {
        public final List<FieldError> problems;
        public final long rows;

        public Refused(List<FieldError> problems, long rows) {
            super("load refused", null, false, false);
            this.problems = problems;
            this.rows = rows;
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    CatalogService catalog;

    @Inject
    LedgerService ledger;

    @Inject
    LoadRecords records;

    /** PostgreSQL {@code maintenance_work_mem} for a load's index builds, set for its transaction only. */
    @ConfigProperty(name = "interchange.load.sort-memory", defaultValue = "256MB")
    String sortMemory;

    /** Where a row is in the upload: {@code rows[i]} in a JSON array, {@code line n} in the text formats. */
    private static String at(Job job, long position) {
        return job.indexFields() ? "rows[" + position + "]" : "line " + position;
    }

    @Transactional
    public long run(Job job, RowReader reader, java.util.function.LongSupplier bytesRead) {
        List<FieldError> problems = new ArrayList<>();
        long rows = 0;
        long started = System.nanoTime();
        long lastReport = started;
        try (Connection connection = dataSource.getConnection();
                RowCopier copier = new RowCopier(connection, job.resource(), job.replace(), sortMemory)) {
            RowReader.Next next;
            long index = 0;
            RowRules rules = new RowRules(job.resource());
            String keyItem = job.resource().items().stream()
                    .filter(io.interchange.catalog.ResourceParts.DataItem::isPrimaryKey)
                    .map(io.interchange.catalog.ResourceParts.DataItem::name)
                    .findFirst()
                    .orElse(null);
            while (problems.size() < MAX_PROBLEMS && (next = reader.next()) != null) {
                // JSON arrays are addressed by element index, text formats by line.
                long position = job.indexFields() ? index : next.line();
                index++;
                if (next.problem() != null) {
                    problems.add(new FieldError(at(job, position), "line " + next.line() + ": " + next.problem()));
                    continue;
                }
                List<RowRules.Problem> found = rules.check(next.row());
                for (RowRules.Problem p : found) {
                    problems.add(new FieldError(
                            at(job, position) + "." + p.item(), "line " + next.line() + ": " + p.message()));
                }
                String key = rules.key(next.row());
                // Bad rows are copied too, so a duplicate key is found whichever of its rows is bad.
                copier.add(position, key != null ? key : UUID.randomUUID().toString(), next.row());
                rows++;
                long now = System.nanoTime();
                if (job.loadId() != null && now - lastReport > PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    long perSecond = rows * 1_000_000_000L / Math.max(1, now - started);
                    LOG.infof(
                            "Load %s of %s: %d rows (%d rows/s)",
                            job.loadId(), job.resource().id(), rows, perSecond);
                    records.progress(job.loadId(), rows, bytesRead.getAsLong());
                }
            }
            long read = System.nanoTime();
            if (job.loadId() != null && read - started > PROGRESS_EVERY_NANOS) {
                // What is left (key check, index builds) takes a while on a large file: say so, with the full count.
                LOG.infof(
                        "Load %s of %s: %d rows read; checking keys and building indexes",
                        job.loadId(), job.resource().id(), rows);
                records.progress(job.loadId(), rows, bytesRead.getAsLong());
            }
            for (RowCopier.Duplicate d : copier.finish(MAX_PROBLEMS, !problems.isEmpty())) {
                String first = at(job, d.lines().get(0));
                for (Long again : d.lines().subList(1, d.lines().size())) {
                    problems.add(new FieldError(at(job, again) + "." + keyItem, "repeats the primary key of " + first));
                }
            }
            if (!problems.isEmpty()) {
                throw new Refused(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)), rows);
            }
            long keyed = System.nanoTime();
            copier.apply();
            if (job.loadId() != null) {
                LOG.infof(
                        "Load %s of %s: read and copied %d rows in %d ms, keys checked in %d ms, %s in %d ms",
                        job.loadId(),
                        job.resource().id(),
                        rows,
                        (read - started) / 1_000_000,
                        (keyed - read) / 1_000_000,
                        job.replace() ? "indexed and swapped" : "merged",
                        (System.nanoTime() - keyed) / 1_000_000);
            }
        } catch (CharacterCodingException e) {
            throw new Refused(List.of(new FieldError("body", "is not UTF-8 text")), rows);
        } catch (CsvReader.CsvException e) {
            throw new Refused(List.of(new FieldError("line " + e.line, e.getMessage())), rows);
        } catch (IllegalArgumentException e) {
            throw io.interchange.platform.ApiException.badRequest(e.getMessage(), "body");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new io.interchange.platform.ApiException(
                    io.interchange.platform.ErrorCode.MALFORMED_JSON, "the body is not valid JSON (line " + line + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("loading rows of " + job.resource().id() + " failed", e);
        }
        catalog.markDataUpdated(job.resource().id(), OffsetDateTime.now());
        ledger.appendAdmin(
                job.actor(),
                job.department(),
                "DATA_LOAD",
                "resource",
                job.resource().id(),
                Map.of(
                        "loadId",
                        job.loadId() == null ? "seed" : job.loadId().toString(),
                        "mode",
                        job.replace() ? "REPLACE" : "UPSERT",
                        "format",
                        job.format(),
                        "rows",
                        rows));
        return rows;
    }
}
