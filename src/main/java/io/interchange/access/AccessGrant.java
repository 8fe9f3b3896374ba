package io.interchange.access;

import io.interchange.access.AccessTypes.GrantStatus;
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
@Table(name = "access_grant")
class AccessGrant extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "requester_department")
    public String requesterDepartment;

    @Column(name = "provider_department")
    public String providerDepartment;

    @Column(name = "client_id")
    public String clientId;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> items;

    @Column(name = "row_scope")
    public String rowScope;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "raw_items")
    public List<String> rawItems;

    public String purpose;

    @Enumerated(EnumType.STRING)
    public SharingMode mode;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    @Column(name = "rate_limit_per_minute")
    public int rateLimitPerMinute;

    @Enumerated(EnumType.STRING)
    public GrantStatus status;

    /** Why the grant is in its status (suspension, resumption, revocation, expiry). */
    @Column(name = "status_reason")
    public String statusReason;

    /** While SUSPENDED: the rectification deadline the requester must fix the misuse by (R25 Art. 27). */
    @Column(name = "fix_by")
    public LocalDate fixBy;

    @Column(name = "disposal_method")
    public String disposalMethod;

    @Column(name = "disposal_completed_on")
    public LocalDate disposalCompletedOn;

    @Column(name = "disposal_statement")
    public String disposalStatement;

    @Column(name = "disposal_attested_by")
    public String disposalAttestedBy;

    @Column(name = "disposal_attested_at")
    public OffsetDateTime disposalAttestedAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    @Column(name = "row_version")
    public int rowVersion;

    /** The broker caches what authorises an exchange; a written grant must reach it (and other nodes) at commit. */
    @jakarta.persistence.PostPersist
    @jakarta.persistence.PostUpdate
    @jakarta.persistence.PostRemove
    void authorizationChanged() {
        io.interchange.platform.AuthorizationChanges.changed(resourceId);
    }
}
