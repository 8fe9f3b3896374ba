package io.interchange.catalog;

import io.interchange.catalog.CatalogTypes.Level;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.CatalogTypes.UpdateCycle;
import io.interchange.catalog.ResourceParts.Classification;
import io.interchange.catalog.ResourceParts.Contact;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceParts.Format;
import io.interchange.catalog.ResourceParts.ProviderRef;
import io.interchange.catalog.ResourceParts.SharingConditions;
import io.interchange.catalog.ResourceParts.Source;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** A catalogue resource as the API returns it (API.md "Resource"). */
public record ResourceView(
        String id,
        String code,
        ResourceStatus status,
        int version,
        String name,
        String nameEn,
        String summary,
        String summaryEn,
        Classification classification,
        ProviderRef provider,
        Format format,
        List<DataItem> items,
        Level level,
        SharingType sharingType,
        SharingConditions sharingConditions,
        String notSharedReason,
        String legalBasis,
        List<SharingMode> sharingModes,
        boolean openToPublic,
        String openCondition,
        UpdateCycle updateCycle,
        String usageConditions,
        boolean secret,
        List<String> relatedCodes,
        List<String> tags,
        Contact contact,
        Source source,
        String rejectReason,
        OffsetDateTime publishedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime lastDataUpdateAt,
        boolean stale,
        boolean underVerification,
        boolean pendingChange,
        java.time.LocalDate reviewDueAt,
        OffsetDateTime retiredAt,
        String retireReason) {

    public Optional<DataItem> item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
