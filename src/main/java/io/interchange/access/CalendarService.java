package io.interchange.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.HubConfig;
import io.interchange.platform.SeedState;
import io.interchange.platform.Validation;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The working-day calendar the deadlines are counted on. The {@code work_calendar} table is the truth: seed files
 * ({@code <seed dir>/calendar/<year>.json}) fill in years not yet there at start, hub-admin replaces a year through the
 * API, and every node keeps an immutable in-memory copy that it re-reads on a schedule (so a change made on another
 * node reaches this one within {@code interchange.access.calendar-refresh}).
 */
@ApplicationScoped
public class CalendarService {

    private static final Logger LOG = Logger.getLogger(CalendarService.class);

    /** The body of {@code PUT /api/v1/calendar/{year}}; dates as text so a bad one is reported by field. */
    public record CalendarCommand(Integer year, List<String> holidays, List<String> workdays) {}

    @Inject
    HubConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    LedgerService ledger;

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private volatile WorkingDayCalendar calendar;

    /** Tests move "today" by replacing the clock; production keeps the system clock. */
    volatile Clock clock = Clock.systemUTC();

    /** For tests that need deadlines to pass: "today" follows this clock until it is set back. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /** After Flyway (which runs before start-up observers) and before anything counts a deadline. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        seedFromFiles();
        refresh();
        Set<Integer> missing = missingYears();
        if (!missing.isEmpty()) {
            LOG.warnf(
                    "No working-day calendar for %s: deadlines in those years count Monday–Friday only. Load one with"
                            + " PUT /api/v1/calendar/{year} or a seed file calendar/<year>.json",
                    missing);
        }
    }

    /** Bump when {@link #seedFromFiles} starts writing something new from the same files. */
    static final String SEED_FORMAT = "calendar/1";

    @Inject
    SeedState seedState;

    /**
     * Years of the seed folder that the table does not hold yet; a year already stored (maybe edited) is kept. Skipped
     * when this database already took in the same files ({@link SeedState}).
     */
    @Transactional
    void seedFromFiles() {
        Path dir = Path.of(config.seed().dir(), "calendar");
        List<Path> files = SeedState.jsonFiles(dir);
        if (files.isEmpty()) {
            return;
        }
        String sha256 = SeedState.digest(SEED_FORMAT, dir, files);
        if (seedState.unchanged("calendar", sha256)) {
            return;
        }
        List<YearCalendar> years = new ArrayList<>();
        try {
            for (Path file : files) {
                years.add(mapper.readValue(file.toFile(), YearCalendar.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read calendars under " + dir, e);
        }
        for (YearCalendar year : years) {
            // "on conflict do nothing": two nodes starting together both try, one wins, neither fails.
            int inserted = em.createNativeQuery("insert into work_calendar (year, holidays, workdays, updated_by,"
                            + " updated_at) values (?1, cast(?2 as jsonb), cast(?3 as jsonb), ?4, ?5)"
                            + " on conflict (year) do nothing")
                    .setParameter(1, year.year())
                    .setParameter(2, json(year.holidays()))
                    .setParameter(3, json(year.workdays()))
                    .setParameter(4, "seed:" + dir.resolve(year.year() + ".json"))
                    .setParameter(5, OffsetDateTime.now())
                    .executeUpdate();
            if (inserted > 0) {
                LOG.infof("Working-day calendar %d loaded from the seed folder", year.year());
            }
        }
        seedState.record("calendar", sha256);
    }

    /** Re-reads the table; cheap (one row per year), so every node simply does it every minute. */
    @Scheduled(
            every = "${interchange.access.calendar-refresh:60s}",
            identity = "calendar-refresh",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${interchange.access.calendar-refresh:60s}")
    @Transactional
    void refresh() {
        List<YearCalendar> years = WorkCalendarRow.<WorkCalendarRow>listAll().stream()
                .map(WorkCalendarRow::toCalendar)
                .toList();
        WorkingDayCalendar fresh = new WorkingDayCalendar(years);
        WorkingDayCalendar previous = calendar;
        calendar = fresh;
        if (previous == null || !previous.years().equals(fresh.years())) {
            LOG.infof(
                    "Working-day calendar loaded for years %s",
                    years.stream().map(YearCalendar::year).toList());
        }
    }

    public WorkingDayCalendar calendar() {
        WorkingDayCalendar current = calendar;
        if (current == null) {
            refresh();
            current = calendar;
        }
        return current;
    }

    /** Today in the hub's time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.timeZone()));
    }

    /** Day {@code workingDays} counted from {@code from} (which does not count itself). */
    public LocalDate due(LocalDate from, int workingDays) {
        return calendar().addWorkingDays(from, workingDays);
    }

    /** The current and the next year, where they have no calendar (deadlines then count Monday–Friday). */
    public Set<Integer> missingYears() {
        LocalDate today = today();
        return calendar().yearsWithoutCalendar(today, today.plusYears(1));
    }

    /**
     * Replaces (or adds) the calendar of {@code year}, ledgered with what it was before. The in-memory copy of this
     * node changes when the transaction commits; other nodes pick it up at their next refresh.
     */
    @Transactional
    public YearCalendar put(Caller caller, int year, CalendarCommand command) {
        YearCalendar updated = validate(year, command);
        WorkCalendarRow row = WorkCalendarRow.findById(year);
        YearCalendar before = row == null ? null : row.toCalendar();
        if (row == null) {
            row = new WorkCalendarRow();
            row.set(updated);
            row.updatedBy = caller.actor();
            row.updatedAt = OffsetDateTime.now();
            row.persist();
        } else {
            row.set(updated);
            row.updatedBy = caller.actor();
            row.updatedAt = OffsetDateTime.now();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("year", year);
        summary.put("before", before == null ? "none" : days(before));
        summary.put("after", days(updated));
        ledger.appendAdmin(caller.actor(), caller.department(), "CALENDAR_UPDATE", "calendar", "" + year, summary);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    calendar = calendar().with(updated);
                }
            }
        });
        return updated;
    }

    private static Map<String, Object> days(YearCalendar year) {
        Map<String, Object> days = new LinkedHashMap<>();
        days.put("holidays", year.holidays().stream().map(LocalDate::toString).toList());
        days.put("workdays", year.workdays().stream().map(LocalDate::toString).toList());
        return days;
    }

    private static YearCalendar validate(int year, CalendarCommand command) {
        Validation v = new Validation();
        if (year < 1900 || year > 9999) {
            throw ApiException.invalid("year", "must be between 1900 and 9999");
        }
        if (command.year() == null) {
            v.add("year", "is required");
        } else if (command.year() != year) {
            v.add("year", "must be " + year + ", the year in the path");
        }
        v.require(command.holidays() != null, "holidays", "is required (every day off, weekends included)");
        List<LocalDate> holidays = dates(year, command.holidays(), "holidays", v);
        List<LocalDate> workdays = dates(year, command.workdays(), "workdays", v);
        Set<LocalDate> off = new HashSet<>(holidays);
        List<String> raw = command.workdays() == null ? List.of() : command.workdays();
        for (int i = 0; i < raw.size(); i++) {
            LocalDate day = parse(raw.get(i));
            if (day == null || day.getYear() != year) {
                continue;
            }
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                v.add(
                        "workdays[" + i + "]",
                        day + " is a " + day.getDayOfWeek() + "; make-up workdays fall on a " + "Saturday or Sunday");
            } else if (off.contains(day)) {
                v.add("workdays[" + i + "]", day + " is also listed as a holiday");
            }
        }
        v.throwIfInvalid();
        return new YearCalendar(year, holidays, workdays);
    }

    private static List<LocalDate> dates(int year, List<String> texts, String field, Validation v) {
        List<LocalDate> days = new ArrayList<>();
        if (texts == null) {
            return days;
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            LocalDate day = parse(texts.get(i));
            String name = field + "[" + i + "]";
            if (day == null) {
                v.add(name, "must be a date YYYY-MM-DD");
            } else if (day.getYear() != year) {
                v.add(name, day + " lies outside " + year);
            } else if (!seen.add(day)) {
                v.add(name, day + " is listed twice");
            } else {
                days.add(day);
            }
        }
        return days;
    }

    private static LocalDate parse(String text) {
        if (text == null || text.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String json(List<LocalDate> days) {
        try {
            return mapper.writeValueAsString(
                    days.stream().map(LocalDate::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
