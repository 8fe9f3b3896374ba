package io.interchange.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One year of the working-day calendar as stored; dates are ISO strings so the JSON never depends on a mapper. */
@Entity
@Table(name = "work_calendar")
class WorkCalendarRow extends PanacheEntityBase {

    @Id
    public int year;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> holidays;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> workdays;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    YearCalendar toCalendar() {
        return new YearCalendar(
                year,
                holidays.stream().map(LocalDate::parse).toList(),
                workdays.stream().map(LocalDate::parse).toList());
    }

    void set(YearCalendar calendar) {
        year = calendar.year();
        holidays = calendar.holidays().stream().map(LocalDate::toString).toList();
        workdays = calendar.workdays().stream().map(LocalDate::toString).toList();
    }
}
