package io.interchange.access;

/** Statuses and outcomes of the access workflow (API.md). */
public final class AccessTypes {

    private AccessTypes() {}

    public enum RequestStatus {
        AWAITING_ENDORSEMENT,
        AWAITING_DECISION,
        AWAITING_AUTHORITY,
        NEEDS_INFO,
        APPROVED,
        REJECTED,
        WITHDRAWN;

        /** The provider owes an answer: the deadline clock is running. */
        public boolean clockRunning() {
            return this == AWAITING_DECISION || this == AWAITING_AUTHORITY;
        }
    }

    public enum Outcome {
        APPROVE,
        REJECT,
        NEEDS_INFO
    }

    public enum GrantStatus {
        ACTIVE,
        SUSPENDED,
        REVOKED,
        EXPIRED,
        ENDED
    }

    public enum Direction {
        INCOMING,
        OUTGOING
    }
}
