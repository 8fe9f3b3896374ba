package io.interchange.access;

import io.interchange.access.AccessTypes.RequestStatus;
import io.interchange.catalog.CatalogTypes.SharingMode;
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
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "access_request")
class AccessRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "requester_department")
    public String requesterDepartment;

    @Column(name = "provider_department")
    public String providerDepartment;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "filed_by")
    public String filedBy;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> items;

    @Column(name = "legal_basis")
    public String legalBasis;

    public String scenario;

    public String purpose;

    @Enumerated(EnumType.STRING)
    public SharingMode mode;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    @Enumerated(EnumType.STRING)
    public RequestStatus status;

    @Column(name = "endorsed_by")
    public String endorsedBy;

    @Column(name = "endorsed_at")
    public OffsetDateTime endorsedAt;

    /** The day the current answer period started (endorsement or resubmission); it does not count itself. */
    @Column(name = "clock_started_on")
    public LocalDate clockStartedOn;

    @Column(name = "due_at")
    public LocalDate dueAt;

    /** The due date before the one extension (R25 Art. 21); null while the request was never extended. */
    @Column(name = "original_due_at")
    public LocalDate originalDueAt;

    @Column(name = "extended_by")
    public String extendedBy;

    @Column(name = "extended_at")
    public OffsetDateTime extendedAt;

    @Column(name = "extension_days")
    public Integer extensionDays;

    @Column(name = "extension_reason")
    public String extensionReason;

    /** R25 Art. 22: the provider delivers within 20 working days of approval. */
    @Column(name = "delivery_due_at")
    public LocalDate deliveryDueAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> missing;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "approved_terms")
    public AccessViews.Decision approvedTerms;

    @Column(name = "grant_id")
    public UUID grantId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    @Column(name = "row_version")
    public int rowVersion;
}
