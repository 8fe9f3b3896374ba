package io.interchange.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.platform.HubConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** The working-day calendar the deadlines are counted on, loaded from the seed folder's {@code calendar/*.json}. */
@ApplicationScoped
public class CalendarService {

    private static final Logger LOG = Logger.getLogger(CalendarService.class);

    @Inject
    HubConfig config;

    @Inject
    ObjectMapper mapper;

    private volatile WorkingDayCalendar calendar;

    /** Tests move "today" by replacing the clock; production keeps the system clock. */
    volatile Clock clock = Clock.systemUTC();

    @PostConstruct
    void load() {
        List<YearCalendar> years = new ArrayList<>();
        Path dir = Path.of(config.seed().dir(), "calendar");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    years.add(mapper.readValue(file.toFile(), YearCalendar.class));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read calendars under " + dir, e);
            }
        }
        calendar = new WorkingDayCalendar(years);
        LOG.infof(
                "Working-day calendar loaded for years %s",
                years.stream().map(YearCalendar::year).toList());
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /** Today in the hub's time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.timeZone()));
    }

    /** Day {@code workingDays} counted from {@code from} (which does not count itself). */
    public LocalDate due(LocalDate from, int workingDays) {
        return calendar.addWorkingDays(from, workingDays);
    }
}
