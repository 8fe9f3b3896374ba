package io.interchange.catalog;

import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SharingType;

/** Filters of the catalogue list. */
public record ResourceQuery(
        String q, String provider, SharingType sharingType, ResourceStatus status, int limit, String cursor) {}
