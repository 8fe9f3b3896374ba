package io.interchange.catalog;

import io.interchange.catalog.CatalogTypes.Level;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.CatalogTypes.SourceKind;
import io.interchange.catalog.CatalogTypes.UpdateCycle;
import io.interchange.catalog.ResourceParts.Classification;
import io.interchange.catalog.ResourceParts.Contact;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceParts.Format;
import io.interchange.catalog.ResourceParts.SharingConditions;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A catalogue resource as stored. It never leaves the catalog package: {@link ResourceView} does. */
@Entity
@Table(name = "catalog_resource")
class CatalogEntry extends PanacheEntityBase {

    @Id
    public String id;

    public String code;

    @Column(name = "provider_id")
    public String providerId;

    @Enumerated(EnumType.STRING)
    public ResourceStatus status;

    public int version;

    public String name;

    @Column(name = "name_en")
    public String nameEn;

    public String summary;

    @Column(name = "summary_en")
    public String summaryEn;

    @JdbcTypeCode(SqlTypes.JSON)
    public Classification classification;

    @JdbcTypeCode(SqlTypes.JSON)
    public Format format;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<DataItem> items;

    @Enumerated(EnumType.STRING)
    public Level level;

    @Enumerated(EnumType.STRING)
    @Column(name = "sharing_type")
    public SharingType sharingType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sharing_conditions")
    public SharingConditions sharingConditions;

    @Column(name = "not_shared_reason")
    public String notSharedReason;

    @Column(name = "legal_basis")
    public String legalBasis;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sharing_modes")
    public List<SharingMode> sharingModes;

    @Column(name = "open_to_public")
    public boolean openToPublic;

    @Column(name = "open_condition")
    public String openCondition;

    @Enumerated(EnumType.STRING)
    @Column(name = "update_cycle")
    public UpdateCycle updateCycle;

    @Column(name = "usage_conditions")
    public String usageConditions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "related_codes")
    public List<String> relatedCodes;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tags;

    @JdbcTypeCode(SqlTypes.JSON)
    public Contact contact;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind")
    public SourceKind sourceKind;

    /** The provider's API behind an UPSTREAM resource, without its credential (that is sealed, below). */
    @JdbcTypeCode(SqlTypes.JSON)
    public ResourceParts.Endpoint upstream;

    /** AES-GCM sealed by SecretBox under the context {@code upstream:<id>}; never returned. */
    @Column(name = "upstream_credential")
    public String upstreamCredential;

    /** The sealed credential of a pending (reviewed) change, applied with it. */
    @Column(name = "pending_upstream_credential")
    public String pendingUpstreamCredential;

    @Column(name = "reject_reason")
    public String rejectReason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "last_data_update_at")
    public OffsetDateTime lastDataUpdateAt;

    /** A reviewed change waiting for the authority while the published definition stays in force. */
    @JdbcTypeCode(SqlTypes.JSON)
    public ResourceCommand pending;

    @Column(name = "pending_by")
    public String pendingBy;

    @Column(name = "pending_since")
    public OffsetDateTime pendingSince;

    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    @Column(name = "retire_reason")
    public String retireReason;

    @Column(name = "search_text")
    public String searchText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "search_grams")
    public String[] searchGrams;

    @Version
    @Column(name = "row_version")
    public int rowVersion;

    /** The broker caches what authorises an exchange; a written resource must reach it (and other nodes) at commit. */
    @jakarta.persistence.PostPersist
    @jakarta.persistence.PostUpdate
    @jakarta.persistence.PostRemove
    void authorizationChanged() {
        io.interchange.platform.AuthorizationChanges.changed(id);
    }
}
