package io.interchange.exchange.load;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "data_load")
public class DataLoad extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "resource_id")
    public String resourceId;

    public String department;

    @Column(name = "started_by")
    public String startedBy;

    public String mode;

    @Column(name = "media_type")
    public String mediaType;

    public String status;

    public long rows;

    @Column(name = "bytes_read")
    public long bytesRead;

    @Column(name = "bytes_total")
    public Long bytesTotal;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<io.interchange.platform.FieldError> problems;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
