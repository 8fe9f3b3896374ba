package io.interchange.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "department")
class Department extends PanacheEntityBase {

    @Id
    public String id;

    public String code;

    public String name;

    @Column(name = "name_en")
    public String nameEn;

    public boolean authority;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    DepartmentView view() {
        return new DepartmentView(id, code, name, nameEn, authority);
    }
}
