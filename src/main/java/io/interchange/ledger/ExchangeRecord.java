package io.interchange.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the broker reports about one exchange. Values of personal items in {@code query} and {@code subjects} must
 * already be HMACs ({@link LedgerService#hmac}): the ledger never sees them in clear.
 */
public record ExchangeRecord(
        UUID exchangeId,
        String requestId,
        OffsetDateTime at,
        String requesterDepartment,
        String providerDepartment,
        String clientId,
        String user,
        String resourceId,
        UUID grantId,
        String purpose,
        String operation,
        Map<String, String> query,
        List<String> fields,
        List<String> masked,
        List<String> rawItems,
        List<String> subjects,
        int rows,
        String outcome,
        String code,
        long latencyMs,
        String clientAddress,
        String requestHash,
        String responseHash) {}
