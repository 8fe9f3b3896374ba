package io.interchange.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkingDayCalendarTest {

    // 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), written out here rather than read from the seed so a
    // broken seed file cannot make the expectations agree with it.
    static final List<LocalDate> HOLIDAYS_2026 = Stream.of(
                    days("2026-01-01", "2026-01-03"), // 元旦
                    days("2026-02-15", "2026-02-23"), // 春节
                    days("2026-04-04", "2026-04-06"), // 清明节
                    days("2026-05-01", "2026-05-05"), // 劳动节
                    days("2026-06-19", "2026-06-21"), // 端午节
                    days("2026-09-25", "2026-09-27"), // 中秋节
                    days("2026-10-01", "2026-10-07")) // 国庆节
            .flatMap(List::stream)
            .toList();

    static final List<LocalDate> MAKE_UP_WORKDAYS_2026 = Stream.of(
                    "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")
            .map(LocalDate::parse)
            .toList();

    static final YearCalendar YEAR_2026 = new YearCalendar(2026, HOLIDAYS_2026, MAKE_UP_WORKDAYS_2026);

    final WorkingDayCalendar calendar = new WorkingDayCalendar(List.of(YEAR_2026));

    static List<LocalDate> days(String first, String last) {
        return LocalDate.parse(first)
                .datesUntil(LocalDate.parse(last).plusDays(1))
                .toList();
    }

    static Stream<LocalDate> holidays2026() {
        return HOLIDAYS_2026.stream();
    }

    static Stream<LocalDate> makeUpWorkdays2026() {
        return MAKE_UP_WORKDAYS_2026.stream();
    }

    @Test
    void the_2026_arrangement_has_33_days_off_and_6_make_up_days() {
        assertEquals(33, HOLIDAYS_2026.size());
        assertEquals(6, MAKE_UP_WORKDAYS_2026.size());
    }

    @ParameterizedTest
    @MethodSource("holidays2026")
    void every_2026_holiday_is_not_a_working_day(LocalDate holiday) {
        assertFalse(calendar.isWorkingDay(holiday));
    }

    @ParameterizedTest
    @MethodSource("makeUpWorkdays2026")
    void every_2026_make_up_day_is_a_working_day(LocalDate makeUp) {
        assertTrue(calendar.isWorkingDay(makeUp));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-10",
                "2026-01-11",
                "2026-03-07",
                "2026-03-08",
                "2026-07-18",
                "2026-07-19",
                "2026-12-26",
                "2026-12-27"
            })
    void ordinary_weekends_are_not_working_days(String day) {
        assertFalse(calendar.isWorkingDay(LocalDate.parse(day)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-05", "2026-02-13", "2026-03-02", "2026-07-15", "2026-12-31"})
    void ordinary_weekdays_are_working_days(String day) {
        assertTrue(calendar.isWorkingDay(LocalDate.parse(day)));
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
        // 元旦: Jan 1–3 off, Sunday Jan 4 worked; 2025 has no calendar here, which does not matter for Dec 31.
        "2025-12-31,  1, 2026-01-04",
        "2026-01-01,  1, 2026-01-04",
        // 春节: Saturday Feb 14 worked, Feb 15–23 off, Saturday Feb 28 worked.
        "2026-02-13,  1, 2026-02-14",
        "2026-02-14,  1, 2026-02-24",
        "2026-02-10, 10, 2026-03-02",
        "2026-02-12, 10, 2026-03-04",
        "2026-01-30, 15, 2026-02-27",
        // 清明节: Apr 4–6 off.
        "2026-04-03,  1, 2026-04-07",
        // 劳动节: May 1–5 off, Saturday May 9 worked.
        "2026-04-30,  1, 2026-05-06",
        "2026-04-30,  4, 2026-05-09",
        "2026-04-30,  5, 2026-05-11",
        // 端午节: Jun 19–21 off.
        "2026-06-18,  1, 2026-06-22",
        // 中秋节: Sep 25–27 off, Sunday Sep 20 worked for 国庆节.
        "2026-09-18,  1, 2026-09-20",
        "2026-09-24,  1, 2026-09-28",
        // 国庆节: Oct 1–7 off, Saturday Oct 10 worked.
        "2026-09-30,  1, 2026-10-08",
        "2026-09-30,  3, 2026-10-10",
        "2026-09-21, 15, 2026-10-19",
        "2026-09-11, 20, 2026-10-15",
    })
    void adding_working_days_skips_each_holiday_block_and_counts_make_up_days(
            LocalDate from, int workingDays, LocalDate due) {
        assertEquals(due, calendar.addWorkingDays(from, workingDays));
    }

    @Test
    void a_request_arriving_before_national_day_is_due_after_the_make_up_saturday() {
        // Sep 30, Oct 8, Oct 9, Sat Oct 10, then Monday Oct 12.
        assertEquals(LocalDate.parse("2026-10-12"), calendar.addWorkingDays(LocalDate.parse("2026-09-29"), 5));
    }

    @Test
    void a_request_arriving_on_a_saturday_counts_from_the_next_working_day() {
        LocalDate saturday = LocalDate.parse("2026-03-07");
        assertEquals(LocalDate.parse("2026-03-09"), calendar.addWorkingDays(saturday, 1));
        assertEquals(LocalDate.parse("2026-03-13"), calendar.addWorkingDays(saturday, 5));
    }

    @Test
    void a_request_arriving_during_a_holiday_counts_from_the_first_day_back() {
        assertEquals(LocalDate.parse("2026-10-08"), calendar.addWorkingDays(LocalDate.parse("2026-10-03"), 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-04", "2026-03-07", "2026-10-03"})
    void zero_working_days_is_the_start_day_itself_even_when_it_is_not_a_working_day(String day) {
        LocalDate from = LocalDate.parse(day);
        assertEquals(from, calendar.addWorkingDays(from, 0));
    }

    @Test
    void a_negative_number_of_working_days_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> calendar.addWorkingDays(LocalDate.parse("2026-03-04"), -1));
    }

    @ParameterizedTest(name = "({0}, {1}] has {2} working days")
    @CsvSource({
        "2026-09-30, 2026-10-08,   1",
        "2026-09-30, 2026-10-07,   0",
        "2026-09-30, 2026-10-12,   4",
        "2026-02-13, 2026-03-02,   7",
        "2025-12-31, 2026-12-31, 248",
        "2026-03-04, 2026-03-04,   0",
        "2026-03-04, 2026-03-03,   0",
        "2026-10-12, 2026-09-30,   0",
    })
    void working_days_between_counts_the_days_after_the_start_up_to_and_including_the_end(
            LocalDate fromExclusive, LocalDate toInclusive, int expected) {
        assertEquals(expected, calendar.workingDaysBetween(fromExclusive, toInclusive));
    }

    @ParameterizedTest
    @CsvSource({"2026-02-10, 10", "2026-09-18, 1", "2026-09-21, 15", "2026-03-07, 5", "2026-12-24, 10"})
    void working_days_between_undoes_adding_working_days(LocalDate from, int workingDays) {
        assertEquals(workingDays, calendar.workingDaysBetween(from, calendar.addWorkingDays(from, workingDays)));
    }

    @Test
    void a_year_without_a_calendar_falls_back_to_monday_to_friday() {
        assertTrue(calendar.isWorkingDay(LocalDate.parse("2027-01-01")), "a Friday, whatever the real arrangement");
        assertFalse(calendar.isWorkingDay(LocalDate.parse("2027-01-02")));
        assertFalse(calendar.isWorkingDay(LocalDate.parse("2027-01-03")));
        assertEquals(LocalDate.parse("2027-01-01"), calendar.addWorkingDays(LocalDate.parse("2026-12-31"), 1));
        assertEquals(LocalDate.parse("2027-01-04"), calendar.addWorkingDays(LocalDate.parse("2026-12-31"), 2));
        assertEquals(10, calendar.workingDaysBetween(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-01-08")));
    }

    @Test
    void years_without_calendar_reports_2027_for_a_range_crossing_new_year() {
        assertEquals(
                Set.of(2027),
                calendar.yearsWithoutCalendar(LocalDate.parse("2026-12-20"), LocalDate.parse("2027-01-10")));
    }

    @Test
    void years_without_calendar_is_empty_when_every_year_is_covered() {
        assertEquals(
                Set.of(), calendar.yearsWithoutCalendar(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")));
    }

    @Test
    void years_without_calendar_lists_every_missing_year_in_order_whichever_way_the_range_is_given() {
        List<Integer> expected = List.of(2025, 2027, 2028);
        assertEquals(
                expected,
                List.copyOf(
                        calendar.yearsWithoutCalendar(LocalDate.parse("2025-06-01"), LocalDate.parse("2028-02-01"))));
        assertEquals(
                expected,
                List.copyOf(
                        calendar.yearsWithoutCalendar(LocalDate.parse("2028-02-01"), LocalDate.parse("2025-06-01"))));
    }

    @Test
    void with_adds_a_year_without_changing_the_original() {
        YearCalendar year2027 = new YearCalendar(2027, List.of(LocalDate.parse("2027-01-01")), List.of());

        WorkingDayCalendar extended = calendar.with(year2027);

        assertEquals(LocalDate.parse("2027-01-04"), extended.addWorkingDays(LocalDate.parse("2026-12-31"), 1));
        assertEquals(
                Set.of(), extended.yearsWithoutCalendar(LocalDate.parse("2026-12-20"), LocalDate.parse("2027-01-10")));
        assertEquals(List.of(YEAR_2026, year2027), List.copyOf(extended.years()));
        assertEquals(LocalDate.parse("2027-01-01"), calendar.addWorkingDays(LocalDate.parse("2026-12-31"), 1));
        assertTrue(calendar.year(2027).isEmpty());
    }

    @Test
    void with_replaces_the_calendar_of_a_year_already_loaded() {
        // A corrected notice that, say, moves the Oct 10 make-up day away.
        List<LocalDate> workdays = new ArrayList<>(MAKE_UP_WORKDAYS_2026);
        workdays.remove(LocalDate.parse("2026-10-10"));
        YearCalendar corrected = new YearCalendar(2026, HOLIDAYS_2026, workdays);

        WorkingDayCalendar replaced = calendar.with(corrected);

        assertFalse(replaced.isWorkingDay(LocalDate.parse("2026-10-10")));
        assertTrue(calendar.isWorkingDay(LocalDate.parse("2026-10-10")));
        assertSame(corrected, replaced.year(2026).orElseThrow());
        assertEquals(1, replaced.years().size());
    }

    @Test
    void two_calendars_for_the_same_year_are_rejected() {
        YearCalendar other = new YearCalendar(2026, List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> new WorkingDayCalendar(List.of(YEAR_2026, other)));
    }

    @Test
    void year_looks_up_a_loaded_calendar() {
        assertSame(YEAR_2026, calendar.year(2026).orElseThrow());
        assertTrue(calendar.year(2025).isEmpty());
        assertEquals(List.of(YEAR_2026), List.copyOf(calendar.years()));
    }

    @Test
    void an_empty_calendar_is_plain_monday_to_friday() {
        WorkingDayCalendar none = new WorkingDayCalendar(List.of());
        assertTrue(none.isWorkingDay(LocalDate.parse("2026-10-01")));
        assertEquals(
                Set.of(2026), none.yearsWithoutCalendar(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-01")));
    }

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource({
        // Half past midnight on National Day in Beijing is still Sep 30 in UTC.
        "2026-09-30T16:30:00Z, Asia/Shanghai, 2026-10-01",
        "2026-09-30T16:30:00Z, UTC,           2026-09-30",
        "2026-09-30T15:59:59Z, Asia/Shanghai, 2026-09-30",
    })
    void local_date_is_the_day_on_the_wall_clock_of_the_zone(Instant at, String zone, LocalDate expected) {
        assertEquals(expected, WorkingDayCalendar.localDate(at, ZoneId.of(zone)));
    }

    @Test
    void a_year_calendar_sorts_deduplicates_and_copies_its_lists() {
        List<LocalDate> holidays = new ArrayList<>(
                List.of(LocalDate.parse("2026-10-02"), LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02")));

        YearCalendar year = new YearCalendar(2026, holidays, null);
        holidays.add(LocalDate.parse("2026-10-03"));

        assertEquals(List.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02")), year.holidays());
        assertEquals(List.of(), year.workdays());
        assertThrows(UnsupportedOperationException.class, () -> year.holidays().add(LocalDate.parse("2026-10-04")));
        assertEquals(
                year,
                new YearCalendar(
                        2026, List.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02")), List.of()));
    }

    @Test
    void a_year_calendar_rejects_a_holiday_outside_its_year() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new YearCalendar(2026, List.of(LocalDate.parse("2027-01-01")), List.of()));
        assertTrue(e.getMessage().contains("2027-01-01"), e.getMessage());
    }

    @Test
    void a_year_calendar_rejects_a_make_up_workday_outside_its_year() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new YearCalendar(2026, List.of(), List.of(LocalDate.parse("2025-12-28"))));
        assertTrue(e.getMessage().contains("2025-12-28"), e.getMessage());
    }

    @Test
    void a_year_calendar_rejects_a_day_that_is_both_a_holiday_and_a_make_up_workday() {
        LocalDate sunday = LocalDate.parse("2026-01-04");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new YearCalendar(2026, List.of(sunday), List.of(sunday)));
        assertTrue(e.getMessage().contains("2026-01-04"), e.getMessage());
    }

    @Test
    void a_year_calendar_rejects_a_make_up_workday_on_a_weekday() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new YearCalendar(2026, List.of(), List.of(LocalDate.parse("2026-01-05"))));
        assertTrue(e.getMessage().contains("2026-01-05"), e.getMessage());
        assertTrue(e.getMessage().contains("Monday"), e.getMessage());
    }

    @Test
    void a_year_calendar_accepts_holidays_on_weekends() {
        YearCalendar year = new YearCalendar(2026, List.of(LocalDate.parse("2026-01-03")), List.of());
        assertEquals(List.of(LocalDate.parse("2026-01-03")), year.holidays());
    }

    @Test
    void the_seed_file_holds_the_2026_arrangement_sorted() throws IOException {
        // Surefire runs in the project root, where the seed folder lives. Unknown members fail the read, which keeps
        // the file to year/holidays/workdays.
        File file = Path.of("catalog-seed/calendar/2026.json").toFile();
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

        YearCalendar seed = mapper.readValue(file, YearCalendar.class);

        assertEquals(YEAR_2026, seed);
        // The record sorts whatever it is given, so only the raw text shows whether the file reads in order.
        JsonNode raw = mapper.readTree(file);
        assertEquals(asText(seed.holidays()), asText(raw.get("holidays")));
        assertEquals(asText(seed.workdays()), asText(raw.get("workdays")));
    }

    private static List<String> asText(List<LocalDate> days) {
        return days.stream().map(LocalDate::toString).toList();
    }

    private static List<String> asText(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
