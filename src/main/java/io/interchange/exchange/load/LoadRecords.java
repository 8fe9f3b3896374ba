package io.interchange.exchange.load;

import io.interchange.platform.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The load's own record, written in separate transactions so its progress is visible while the load runs. */
@ApplicationScoped
public class LoadRecords {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void start(
            UUID id, String resourceId, String department, String by, String mode, String mediaType, Long total) {
        DataLoad load = new DataLoad();
        load.id = id;
        load.resourceId = resourceId;
        load.department = department;
        load.startedBy = by;
        load.mode = mode;
        load.mediaType = mediaType;
        load.status = "RUNNING";
        load.bytesTotal = total;
        load.startedAt = OffsetDateTime.now();
        load.persist();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progress(UUID id, long rows, long bytes) {
        DataLoad load = DataLoad.findById(id);
        load.rows = rows;
        load.bytesRead = bytes;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(UUID id, long rows, long bytes, List<FieldError> problems) {
        DataLoad load = DataLoad.findById(id);
        load.rows = rows;
        load.bytesRead = bytes;
        load.status = problems == null || problems.isEmpty() ? "SUCCEEDED" : "FAILED";
        load.problems = problems == null || problems.isEmpty() ? null : problems;
        load.finishedAt = OffsetDateTime.now();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DataLoad find(UUID id) {
        return DataLoad.findById(id);
    }
}
