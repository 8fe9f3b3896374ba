package io.interchange.catalog;

/** The catalogue's enumerations (API.md); the console shows Chinese and English labels for them. */
public final class CatalogTypes {

    private CatalogTypes() {}

    public enum ResourceStatus {
        DRAFT,
        SUBMITTED,
        REJECTED,
        PUBLISHED,
        RETIRED
    }

    /** R25 Art. 14. */
    public enum SharingType {
        UNCONDITIONAL,
        CONDITIONAL,
        NOT_SHARED
    }

    public enum SharingMode {
        API,
        BULK,
        FILE
    }

    /** 分类分级: a resource takes the highest level of its items (就高从严). */
    public enum Level {
        GENERAL,
        IMPORTANT,
        CORE
    }

    public enum FormatCategory {
        ELECTRONIC_FILE,
        SPREADSHEET,
        DATABASE,
        IMAGE,
        STREAMING_MEDIA,
        SELF_DESCRIBING,
        SERVICE_API
    }

    public enum UpdateCycle {
        REALTIME,
        DAILY,
        WEEKLY,
        MONTHLY,
        QUARTERLY,
        HALF_YEARLY,
        YEARLY,
        IRREGULAR
    }

    public enum SourceKind {
        HOSTED,
        UPSTREAM
    }
}
