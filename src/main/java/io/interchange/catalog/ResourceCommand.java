package io.interchange.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.CatalogTypes.UpdateCycle;
import io.interchange.catalog.ResourceParts.Classification;
import io.interchange.catalog.ResourceParts.Contact;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceParts.Format;
import io.interchange.catalog.ResourceParts.SharingConditions;
import io.interchange.catalog.ResourceParts.Source;
import java.util.List;

/**
 * The body of {@code POST /api/v1/resources}. What a GET returns can be posted back: the server-set members are
 * listed here and ignored; any other unknown member is refused.
 */
@JsonIgnoreProperties({
    "id",
    "code",
    "status",
    "version",
    "level",
    "provider",
    "publishedAt",
    "updatedAt",
    "lastDataUpdateAt",
    "stale",
    "underVerification",
    "rejectReason",
    "createdAt",
    "submittedAt",
    "pendingChange",
    "reviewDueAt",
    "retiredAt",
    "retireReason"
})
public record ResourceCommand(
        String name,
        String nameEn,
        String summary,
        String summaryEn,
        Classification classification,
        Format format,
        List<DataItem> items,
        SharingType sharingType,
        SharingConditions sharingConditions,
        String notSharedReason,
        String legalBasis,
        List<SharingMode> sharingModes,
        Boolean openToPublic,
        String openCondition,
        UpdateCycle updateCycle,
        String usageConditions,
        Boolean secret,
        List<String> relatedCodes,
        List<String> tags,
        Contact contact,
        Source source) {

    /** The same command with another source (the catalogue swaps a plaintext credential for its sealed form). */
    public ResourceCommand withSource(Source replacement) {
        return new ResourceCommand(
                name,
                nameEn,
                summary,
                summaryEn,
                classification,
                format,
                items,
                sharingType,
                sharingConditions,
                notSharedReason,
                legalBasis,
                sharingModes,
                openToPublic,
                openCondition,
                updateCycle,
                usageConditions,
                secret,
                relatedCodes,
                tags,
                contact,
                replacement);
    }
}
