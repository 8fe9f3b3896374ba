package io.interchange.access;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One year of the official holiday arrangement: the days off (public holidays, including the ones that fall on a
 * weekend) and the make-up working days (调休上班) on a Saturday or Sunday. Every other day follows Monday–Friday.
 *
 * <p>Both lists come back sorted, without duplicates and unmodifiable, so two calendars with the same days are equal
 * whatever order the source listed them in.
 */
public record YearCalendar(int year, List<LocalDate> holidays, List<LocalDate> workdays) {

    public YearCalendar {
        // A JSON file for a year without make-up days may well leave the list out rather than write [].
        holidays = normalize(year, "holiday", holidays);
        workdays = normalize(year, "make-up workday", workdays);
        for (LocalDate day : workdays) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                // Listing a weekday is harmless to the arithmetic but almost certainly a typo for another date.
                throw new IllegalArgumentException("make-up workday " + day + " in the " + year + " calendar is a "
                        + displayName(day.getDayOfWeek()) + "; make-up workdays must fall on a Saturday or Sunday");
            }
        }
        Set<LocalDate> off = new HashSet<>(holidays);
        for (LocalDate day : workdays) {
            if (off.contains(day)) {
                throw new IllegalArgumentException(
                        day + " is listed as both a holiday and a make-up workday in the " + year + " calendar");
            }
        }
    }

    private static List<LocalDate> normalize(int year, String kind, List<LocalDate> days) {
        if (days == null) {
            return List.of();
        }
        for (LocalDate day : days) {
            if (day == null) {
                throw new IllegalArgumentException("the " + year + " calendar has an empty " + kind + " date");
            }
            if (day.getYear() != year) {
                throw new IllegalArgumentException(
                        kind + " " + day + " lies outside " + year + ", the year of this calendar");
            }
        }
        return days.stream().distinct().sorted().toList();
    }

    private static String displayName(DayOfWeek day) {
        String name = day.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
