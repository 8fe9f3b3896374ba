package io.interchange.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One hand-over of an objection to another department; the sending department stays a party. */
@Entity
@Table(name = "objection_transfer")
class ObjectionTransfer extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "objection_id")
    public UUID objectionId;

    @Column(name = "from_department")
    public String fromDepartment;

    @Column(name = "to_department")
    public String toDepartment;

    public String reason;

    @Column(name = "transferred_by")
    public String transferredBy;

    @Column(name = "transferred_at")
    public OffsetDateTime transferredAt;

    @Column(name = "previous_due_at")
    public LocalDate previousDueAt;

    @Column(name = "new_due_at")
    public LocalDate newDueAt;
}
