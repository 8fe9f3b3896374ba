package io.interchange.catalog;

import io.interchange.catalog.CatalogTypes.FormatCategory;
import io.interchange.catalog.CatalogTypes.Level;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.CatalogTypes.UpdateCycle;

/** Filters, order and page of the catalogue search. */
public record ResourceQuery(
        String q,
        String provider,
        SharingType sharingType,
        FormatCategory format,
        SharingMode mode,
        UpdateCycle updateCycle,
        Level level,
        ResourceStatus status,
        Sort sort,
        int limit,
        String cursor) {

    public enum Sort {
        RELEVANCE,
        UPDATED
    }
}
