package io.interchange.access;

/** Kinds, statuses and dispute steps of objections (数据异议, R25 Art. 26 and 28). */
public final class ObjectionTypes {

    private ObjectionTypes() {}

    public enum ObjectionType {
        /** 目录错误: the catalogue entry is wrong or out of date. */
        CATALOGUE_ERROR,
        /** 申请答复: the filer disputes how one of its access requests was decided. */
        REQUEST_DECISION,
        /** 数据使用: the data received under a grant is wrong, incomplete or unusable. */
        DATA_USE,
        OTHER
    }

    /**
     * OPEN (the handling department owes a reply) → ANSWERED (the filer owes a rating) → RESOLVED, or UNRESOLVED →
     * DISPUTED (climbing the ladder) → RESOLVED. Everything but RESOLVED keeps the resource under verification.
     * The names of OPEN and RESOLVED appear as literals in partial indexes and queries: never rename them.
     */
    public enum ObjectionStatus {
        OPEN,
        ANSWERED,
        UNRESOLVED,
        DISPUTED,
        RESOLVED;

        public boolean closed() {
            return this == RESOLVED;
        }
    }

    /** R25 Art. 28, in order: a step is reached only from the one before it. */
    public enum DisputeStep {
        /** 协商: the two departments negotiate. */
        NEGOTIATION,
        /** 同级政务数据共享主管部门协调. */
        SAME_LEVEL_AUTHORITY,
        /** 共同的上一级主管部门协调. */
        COMMON_SUPERIOR_AUTHORITY,
        /** 本级人民政府决定: the last word. */
        PEOPLES_GOVERNMENT;

        public DisputeStep next() {
            DisputeStep[] all = values();
            return ordinal() + 1 < all.length ? all[ordinal() + 1] : null;
        }

        /** Outcomes of the authority steps are recorded by the authority (hub-admin), not by the parties. */
        public boolean byAuthority() {
            return this != NEGOTIATION;
        }
    }

    public enum StepOutcome {
        /** The parties agreed, or the authority's coordination settled it: the objection closes. */
        SETTLED,
        /** No agreement: either party may take the dispute one step up. */
        NOT_SETTLED,
        /** The people's government decided; only at the last step, and it closes the objection. */
        DECIDED
    }

    /** {@code role=} of the list: objections the department filed, or those it handles or handled. */
    public enum PartyRole {
        FILED,
        RECEIVED
    }
}
