package io.interchange.exchange.upstream;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** One allow-list entry as stored. Never leaves the package: {@link HostEntry} does. */
@Entity
@Table(name = "upstream_host")
@IdClass(UpstreamHost.Key.class)
class UpstreamHost extends PanacheEntityBase {

    @Id
    @Column(name = "department_id")
    public String departmentId;

    @Id
    public String scheme;

    @Id
    public String host;

    @Id
    public int port;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    HostEntry entry() {
        return new HostEntry(scheme, host, port);
    }

    public static class Key implements Serializable {
        public String departmentId;
        public String scheme;
        public String host;
        public int port;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && departmentId.equals(k.departmentId)
                    && scheme.equals(k.scheme)
                    && host.equals(k.host)
                    && port == k.port;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(departmentId, scheme, host, port);
        }
    }
}
