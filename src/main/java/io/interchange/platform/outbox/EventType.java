package io.interchange.platform.outbox;

/**
 * The events a department's webhook receives ({@code X-Interchange-Event}); docs/notifications.md lists who receives
 * each and what its {@code data} holds. Names never change meaning; new ones are added.
 */
public enum EventType {
    REQUEST_FILED,
    REQUEST_ENDORSED,
    REQUEST_APPROVED,
    REQUEST_REJECTED,
    REQUEST_NEEDS_INFO,
    /** The provider approved a CORE request; it now waits for the authority. */
    REQUEST_AWAITING_AUTHORITY,
    REQUEST_AUTHORITY_APPROVED,
    REQUEST_ANSWER_OVERDUE,
    REQUEST_DELIVERY_OVERDUE,
    GRANT_SUSPENDED,
    GRANT_REVOKED,
    GRANT_EXPIRING,
    OBJECTION_FILED,
    OBJECTION_ANSWERED
}
