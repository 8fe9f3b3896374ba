package io.interchange.access;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The working-day clock for legal deadlines, counted the way administrative procedure counts them: the day a request
 * arrives does not count, day 1 is the next working day and the deadline is the end of day N.
 *
 * <p>A working day is Monday–Friday, minus the public holidays and plus the make-up working days of the year's
 * {@link YearCalendar}. A year without a calendar falls back to plain Monday–Friday, which silently moves deadlines
 * around the holidays of that year; {@link #yearsWithoutCalendar} lets a health check say so.
 *
 * <p>Immutable and therefore safe to share between threads; {@link #with} returns a new instance.
 */
public final class WorkingDayCalendar {

    private final SortedMap<Integer, YearCalendar> byYear;
    // Indexed across all years so a lookup does not have to go through the year first.
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workdays;

    public WorkingDayCalendar(Collection<YearCalendar> years) {
        this(index(years));
    }

    private WorkingDayCalendar(TreeMap<Integer, YearCalendar> byYear) {
        this.byYear = Collections.unmodifiableSortedMap(byYear);
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> on = new HashSet<>();
        for (YearCalendar year : byYear.values()) {
            off.addAll(year.holidays());
            on.addAll(year.workdays());
        }
        this.holidays = Set.copyOf(off);
        this.workdays = Set.copyOf(on);
    }

    private static TreeMap<Integer, YearCalendar> index(Collection<YearCalendar> years) {
        Objects.requireNonNull(years, "years");
        TreeMap<Integer, YearCalendar> byYear = new TreeMap<>();
        for (YearCalendar year : years) {
            Objects.requireNonNull(year, "year calendar");
            // Two sources for one year (say 2026.json and a stray copy) must not be resolved by load order.
            if (byYear.putIfAbsent(year.year(), year) != null) {
                throw new IllegalArgumentException("more than one calendar for " + year.year());
            }
        }
        return byYear;
    }

    /** The date at {@code at} on the wall clock of {@code zone}; deadlines are counted in the hub's zone, not UTC. */
    public static LocalDate localDate(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(Objects.requireNonNull(at, "at"), Objects.requireNonNull(zone, "zone"));
    }

    public boolean isWorkingDay(LocalDate day) {
        Objects.requireNonNull(day, "day");
        if (holidays.contains(day)) {
            return false;
        }
        if (workdays.contains(day)) {
            return true;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * Day {@code n} of a period starting after {@code from}. {@code from} itself never counts, working day or not, so a
     * request arriving on a Saturday has day 1 on the next working day. {@code n = 0} is {@code from} itself.
     */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        Objects.requireNonNull(from, "from");
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * The working days in {@code (fromExclusive, toInclusive]}, i.e. the days still left when today is {@code
     * fromExclusive} and the deadline is {@code toInclusive}; 0 once the deadline is today or past.
     */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        Objects.requireNonNull(fromExclusive, "fromExclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        int count = 0;
        for (LocalDate day = fromExclusive.plusDays(1); !day.isAfter(toInclusive); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The years from {@code from} to {@code to} (both included, in either order) that have no calendar and are
     * therefore counted Monday–Friday; ascending, empty when every year is covered.
     */
    public Set<Integer> yearsWithoutCalendar(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        int first = Math.min(from.getYear(), to.getYear());
        int last = Math.max(from.getYear(), to.getYear());
        TreeSet<Integer> missing = new TreeSet<>();
        for (int year = first; year <= last; year++) {
            if (!byYear.containsKey(year)) {
                missing.add(year);
            }
        }
        return Collections.unmodifiableSortedSet(missing);
    }

    /** A calendar with {@code year} added, or replacing the calendar already held for that year. */
    public WorkingDayCalendar with(YearCalendar year) {
        Objects.requireNonNull(year, "year");
        TreeMap<Integer, YearCalendar> copy = new TreeMap<>(byYear);
        copy.put(year.year(), year);
        return new WorkingDayCalendar(copy);
    }

    public Optional<YearCalendar> year(int year) {
        return Optional.ofNullable(byYear.get(year));
    }

    /** The loaded year calendars, ascending by year. */
    public Collection<YearCalendar> years() {
        return List.copyOf(byYear.values());
    }

    @Override
    public String toString() {
        return "WorkingDayCalendar" + byYear.keySet();
    }
}
