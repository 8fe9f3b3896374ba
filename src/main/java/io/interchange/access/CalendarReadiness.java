package io.interchange.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says which of the current and next year have no working-day calendar. It stays UP — deadlines still work, counted
 * Monday–Friday — because refusing traffic over a missing holiday list would be worse than a warning; monitoring reads
 * {@code missingYears}.
 */
@Readiness
@ApplicationScoped
public class CalendarReadiness implements HealthCheck {

    static final String NAME = "working-day calendar";

    @Inject
    CalendarService calendar;

    @Override
    public HealthCheckResponse call() {
        Set<Integer> missing = calendar.missingYears();
        return HealthCheckResponse.named(NAME)
                .up()
                .withData("missingYears", missing.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .withData(
                        "years",
                        calendar.calendar().years().stream()
                                .map(y -> String.valueOf(y.year()))
                                .collect(Collectors.joining(",")))
                .build();
    }
}
