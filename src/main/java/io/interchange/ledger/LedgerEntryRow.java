package io.interchange.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One ledger entry as stored. Immutable: Hibernate never issues an UPDATE, and the database refuses one anyway. */
@Entity
@Immutable
@Table(name = "ledger_entry")
class LedgerEntryRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "entry_id")
    public UUID entryId;

    public String kind;

    public OffsetDateTime at;

    @Column(name = "requester_department")
    public String requesterDepartment;

    @Column(name = "provider_department")
    public String providerDepartment;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "hmac_key_id")
    public String hmacKeyId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> entry;
}
