package io.interchange.access;

import io.interchange.access.ObjectionTypes.DisputeStep;
import io.interchange.access.ObjectionTypes.ObjectionStatus;
import io.interchange.access.ObjectionTypes.ObjectionType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "objection")
class Objection extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public ObjectionType type;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "record_key")
    public String recordKey;

    @Column(name = "related_request_id")
    public UUID relatedRequestId;

    @Column(name = "related_grant_id")
    public UUID relatedGrantId;

    public String description;

    @Column(name = "filer_department")
    public String filerDepartment;

    @Column(name = "filed_by")
    public String filedBy;

    /** Who owes the reply now: the resource's provider, or the department it was last transferred to. */
    @Column(name = "handling_department")
    public String handlingDepartment;

    @Enumerated(EnumType.STRING)
    public ObjectionStatus status;

    @Column(name = "filed_at")
    public OffsetDateTime filedAt;

    /** Filing day, or the day of the last transfer; it does not count itself. */
    @Column(name = "reply_clock_started_on")
    public LocalDate replyClockStartedOn;

    @Column(name = "reply_due_at")
    public LocalDate replyDueAt;

    public String reply;

    public Boolean corrected;

    @Column(name = "replied_by")
    public String repliedBy;

    @Column(name = "replied_department")
    public String repliedDepartment;

    @Column(name = "replied_at")
    public OffsetDateTime repliedAt;

    @Column(name = "reply_late")
    public Boolean replyLate;

    public Short rating;

    public Boolean resolved;

    @Column(name = "rating_comment")
    public String ratingComment;

    @Column(name = "rated_by")
    public String ratedBy;

    @Column(name = "rated_at")
    public OffsetDateTime ratedAt;

    /** The step the dispute is at, null while there is no dispute. */
    @Enumerated(EnumType.STRING)
    @Column(name = "dispute_step")
    public DisputeStep disputeStep;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    @Column(name = "row_version")
    public int rowVersion;
}
