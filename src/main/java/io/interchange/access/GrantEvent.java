package io.interchange.access;

import io.interchange.access.AccessTypes.GrantStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One status change of a grant: who, when, from what to what, and why. Written once, never changed. */
@Entity
@Table(name = "grant_event")
class GrantEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "grant_id")
    public UUID grantId;

    public OffsetDateTime at;

    public String actor;

    public String department;

    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public GrantStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public GrantStatus toStatus;

    public String reason;

    @Column(name = "fix_by")
    public LocalDate fixBy;
}
