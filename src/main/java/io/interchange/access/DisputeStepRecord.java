package io.interchange.access;

import io.interchange.access.ObjectionTypes.DisputeStep;
import io.interchange.access.ObjectionTypes.StepOutcome;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One rung of a dispute (R25 Art. 28): opened by a party with a note, closed later with its outcome. */
@Entity
@Table(name = "objection_dispute_step")
class DisputeStepRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "objection_id")
    public UUID objectionId;

    @Enumerated(EnumType.STRING)
    public DisputeStep step;

    public String note;

    @Column(name = "opened_by")
    public String openedBy;

    @Column(name = "opened_department")
    public String openedDepartment;

    @Column(name = "opened_at")
    public OffsetDateTime openedAt;

    @Enumerated(EnumType.STRING)
    public StepOutcome outcome;

    @Column(name = "outcome_note")
    public String outcomeNote;

    @Column(name = "outcome_by")
    public String outcomeBy;

    @Column(name = "outcome_department")
    public String outcomeDepartment;

    @Column(name = "outcome_at")
    public OffsetDateTime outcomeAt;
}
