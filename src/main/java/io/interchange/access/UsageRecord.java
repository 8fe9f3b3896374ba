package io.interchange.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The requester's record of how it used a grant (R25 Art. 29); kept for the retention period, never deleted here. */
@Entity
@Table(name = "grant_usage_record")
class UsageRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "grant_id")
    public UUID grantId;

    public String department;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    public String scenario;

    public String process;

    public String results;

    public String storage;

    public String destruction;
}
