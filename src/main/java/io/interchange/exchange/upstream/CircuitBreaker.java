package io.interchange.exchange.upstream;

import java.util.function.LongSupplier;

/**
 * One upstream's circuit breaker: CLOSED judges the last {@code window} calls and opens when at least
 * {@code failureRatio} of them failed (once 5 or more were made); OPEN refuses every call for {@code delayNanos};
 * then HALF_OPEN lets one trial call through, whose success closes the breaker and whose failure opens it again.
 *
 * <p>Small and synchronous on purpose: the hub keeps one per registered upstream, created on demand and keyed by
 * resource, reports its state as a gauge, and tests drive it with their own clock.
 */
final class CircuitBreaker {

    enum State {
        CLOSED(0),
        OPEN(1),
        HALF_OPEN(2);

        final int gauge;

        State(int gauge) {
            this.gauge = gauge;
        }
    }

    static final int MIN_CALLS = 5;

    private final boolean[] outcomes;
    private final double failureRatio;
    private final long delayNanos;
    private final LongSupplier clock;
    private int next;
    private int recorded;
    private int failures;
    private State state = State.CLOSED;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int window, double failureRatio, long delayNanos, LongSupplier clock) {
        this.outcomes = new boolean[Math.max(1, window)];
        this.failureRatio = failureRatio;
        this.delayNanos = delayNanos;
        this.clock = clock;
    }

    /** Whether a call may go now; in HALF_OPEN only one trial at a time. */
    synchronized boolean tryAcquire() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= delayNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    synchronized void onSuccess() {
        if (state == State.HALF_OPEN) {
            reset(State.CLOSED);
            return;
        }
        record(false);
    }

    synchronized void onFailure() {
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        record(true);
        if (state == State.CLOSED && recorded >= MIN_CALLS && failures >= failureRatio * recorded) {
            open();
        }
    }

    /** Seconds until a trial call may go, for {@code Retry-After}. */
    synchronized long retryAfterSeconds() {
        long left = delayNanos - (clock.getAsLong() - openedAt);
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    synchronized State state() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= delayNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    private void record(boolean failed) {
        if (recorded == outcomes.length) {
            if (outcomes[next]) {
                failures--;
            }
        } else {
            recorded++;
        }
        outcomes[next] = failed;
        if (failed) {
            failures++;
        }
        next = (next + 1) % outcomes.length;
    }

    private void open() {
        reset(State.OPEN);
        openedAt = clock.getAsLong();
    }

    private void reset(State to) {
        state = to;
        recorded = 0;
        failures = 0;
        next = 0;
        trialInFlight = false;
    }
}
