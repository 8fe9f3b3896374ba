package io.interchange.ledger;

import java.time.OffsetDateTime;

/** Filters of {@code GET /api/v1/ledger/entries}. */
public record EntryQuery(
        String resource,
        String department,
        LedgerService.Kind kind,
        OffsetDateTime from,
        OffsetDateTime to,
        int limit,
        String cursor) {}
