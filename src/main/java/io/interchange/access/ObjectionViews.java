package io.interchange.access;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.interchange.access.ObjectionTypes.DisputeStep;
import io.interchange.access.ObjectionTypes.ObjectionStatus;
import io.interchange.access.ObjectionTypes.ObjectionType;
import io.interchange.access.ObjectionTypes.StepOutcome;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Commands and views of objections and disputes (R25 Art. 26, 28). */
public final class ObjectionViews {

    private ObjectionViews() {}

    /** Filing: what is wrong, about which resource (and record). The members a GET adds are ignored. */
    @JsonIgnoreProperties({
        "id",
        "status",
        "filerDepartment",
        "providerDepartment",
        "handlingDepartment",
        "filedBy",
        "filedAt",
        "replyDueAt",
        "replyOverdue",
        "reply",
        "rating",
        "disputeStep",
        "transfers",
        "disputeSteps",
        "closedAt",
        "updatedAt"
    })
    public record FileObjection(
            ObjectionType type,
            String resourceId,
            String recordKey,
            UUID relatedRequestId,
            UUID relatedGrantId,
            String description) {}

    /** {@code POST …/reply}: the verification result, and whether the data or catalogue was corrected. */
    public record ReplyCommand(String reply, Boolean corrected) {}

    /** {@code POST …/transfer}: to the department that holds the data in question, with the reason. */
    public record TransferCommand(String toDepartment, String reason) {}

    /** {@code POST …/rate}: the filer's rating of the handling (1–5) and whether the objection is resolved. */
    public record RatingCommand(Integer rating, Boolean resolved, String comment) {}

    /**
     * {@code POST …/escalate}: without {@code outcome} it takes the dispute to {@code step} (the next one on the
     * ladder); with {@code outcome} it records how the current {@code step} ended.
     */
    public record EscalationCommand(DisputeStep step, String note, StepOutcome outcome) {}

    public record ReplyView(
            String text,
            boolean corrected,
            String repliedBy,
            String department,
            OffsetDateTime repliedAt,
            boolean late) {}

    public record RatingView(int rating, boolean resolved, String comment, String ratedBy, OffsetDateTime ratedAt) {}

    public record TransferView(
            String fromDepartment,
            String toDepartment,
            String reason,
            String transferredBy,
            OffsetDateTime transferredAt,
            LocalDate previousDueAt,
            LocalDate newDueAt) {}

    public record DisputeStepView(
            DisputeStep step,
            String note,
            String openedBy,
            String openedDepartment,
            OffsetDateTime openedAt,
            StepOutcome outcome,
            String outcomeNote,
            String outcomeBy,
            OffsetDateTime outcomeAt) {}

    public record ObjectionView(
            UUID id,
            ObjectionType type,
            String resourceId,
            String recordKey,
            UUID relatedRequestId,
            UUID relatedGrantId,
            String description,
            ObjectionStatus status,
            String filerDepartment,
            String filedBy,
            OffsetDateTime filedAt,
            String providerDepartment,
            String handlingDepartment,
            LocalDate replyDueAt,
            boolean replyOverdue,
            ReplyView reply,
            RatingView rating,
            DisputeStep disputeStep,
            List<TransferView> transfers,
            List<DisputeStepView> disputeSteps,
            OffsetDateTime closedAt,
            OffsetDateTime updatedAt) {}
}
