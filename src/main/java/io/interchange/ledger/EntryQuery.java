package io.interchange.ledger;

import java.time.OffsetDateTime;

/**
 * Filters of {@code GET /api/v1/ledger/entries}. {@code outcome} keeps EXCHANGE entries with that outcome only: the
 * other kinds have none.
 */
public record EntryQuery(
        String resource,
        String department,
        LedgerService.Kind kind,
        LedgerService.Outcome outcome,
        OffsetDateTime from,
        OffsetDateTime to,
        int limit,
        String cursor) {}
