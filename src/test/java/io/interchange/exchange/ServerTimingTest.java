package io.interchange.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServerTimingTest {

    @Test
    void milliseconds_with_two_decimals_rounded_half_up_as_the_format_pattern_gave() {
        assertEquals(
                "policy;dur=0.12, source;dur=1.05, ledger;dur=1911.00",
                ExchangeService.serverTiming(123_456, 1_045_000, 1_911_000_000L));
        assertEquals(
                "policy;dur=0.00, source;dur=0.01, ledger;dur=10.10",
                ExchangeService.serverTiming(4_999, 5_000, 10_099_999));
        for (long nanos : new long[] {0, 1, 9_999, 10_000, 994_999, 995_000, 123_456_789, 7_000_000_001L}) {
            String expected = String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
            assertEquals(
                    "policy;dur=" + expected + ", source;dur=" + expected + ", ledger;dur=" + expected,
                    ExchangeService.serverTiming(nanos, nanos, nanos),
                    "for " + nanos + " ns");
        }
    }

    @Test
    void a_negative_duration_from_a_clock_step_shows_as_zero() {
        assertEquals("policy;dur=0.00, source;dur=0.00, ledger;dur=0.00", ExchangeService.serverTiming(-5, 0, 0));
    }
}
