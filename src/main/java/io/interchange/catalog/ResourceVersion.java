package io.interchange.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One published definition of a resource; never changed once written. */
@Entity
@Immutable
@Table(name = "catalog_resource_version")
@IdClass(ResourceVersion.Key.class)
class ResourceVersion extends PanacheEntityBase {

    public static class Key implements Serializable {
        public String resourceId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && java.util.Objects.equals(k.resourceId, resourceId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(resourceId, version);
        }
    }

    @Id
    @Column(name = "resource_id")
    public String resourceId;

    @Id
    public int version;

    public String kind;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public OffsetDateTime changedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> changes;

    @JdbcTypeCode(SqlTypes.JSON)
    public ResourceCommand definition;
}
