package io.interchange.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.interchange.catalog.CatalogTypes.FormatCategory;
import io.interchange.catalog.CatalogTypes.Level;
import io.interchange.catalog.CatalogTypes.SourceKind;

/** The structured members of a catalogue resource, shared by its command, its view and its stored form. */
public final class ResourceParts {

    private ResourceParts() {}

    /** 信息资源分类 类/项/目/细目: the code prefix is category + item + subItem (e.g. 3 01 001 → 301001). */
    public record Classification(String category, String item, String subItem, String detail) {
        public String prefix() {
            return category + item + subItem + (detail == null ? "" : detail);
        }
    }

    public record Format(FormatCategory category, String type) {}

    public record SharingConditions(String scope, String purpose) {}

    public record Contact(String name, String email, String phone) {}

    /**
     * Where a resource's records come from: rows hosted by the hub, or the provider's own HTTP API ({@code endpoint},
     * UPSTREAM only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(SourceKind kind, Endpoint endpoint) {
        public Source(SourceKind kind) {
            this(kind, null);
        }
    }

    /**
     * The provider's HTTP API behind an UPSTREAM resource. {@code credential} is write-only: it is sent upstream as
     * the {@code Authorization} header, stored sealed (AES-GCM), never serialised into a response; an update that
     * omits it keeps the stored one, an empty string removes it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(
            String urlTemplate,
            String method,
            java.util.Map<String, String> headers,

            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String credential,

            Integer timeoutMs,
            Long maxResponseBytes) {

        /** The same endpoint holding {@code sealedOrNull} as its credential. */
        public Endpoint withCredential(String sealedOrNull) {
            return new Endpoint(urlTemplate, method, headers, sealedOrNull, timeoutMs, maxResponseBytes);
        }
    }

    public record ProviderRef(String id, String code, String name) {}

    /** 信息项: one data item of a resource. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DataItem(
            String name,
            String label,
            String labelEn,
            ItemType type,
            Integer length,
            Boolean primaryKey,
            Boolean filterable,
            Boolean subjectIdentifier,
            Boolean sensitive,
            MaskRule mask,
            Level level,
            Boolean shared) {

        @JsonIgnore
        public boolean isPrimaryKey() {
            return Boolean.TRUE.equals(primaryKey);
        }

        @JsonIgnore
        public boolean isFilterable() {
            return Boolean.TRUE.equals(filterable);
        }

        @JsonIgnore
        public boolean isSubjectIdentifier() {
            return Boolean.TRUE.equals(subjectIdentifier);
        }

        @JsonIgnore
        public boolean isSensitive() {
            return Boolean.TRUE.equals(sensitive);
        }

        /** Item-level NOT_SHARED: the item exists in the catalogue but is never granted. */
        @JsonIgnore
        public boolean isShared() {
            return !Boolean.FALSE.equals(shared);
        }

        /** Values that identify or describe a person never enter the ledger in clear. */
        @JsonIgnore
        public boolean isPersonal() {
            return isSensitive() || isSubjectIdentifier();
        }

        public MaskRule maskOrNone() {
            return mask == null ? MaskRule.none() : mask;
        }

        /** Normalised for storage: flags are never null once accepted. */
        DataItem normalised() {
            return new DataItem(
                    name,
                    label,
                    labelEn,
                    type,
                    length,
                    isPrimaryKey(),
                    isFilterable(),
                    isSubjectIdentifier(),
                    isSensitive(),
                    maskOrNone(),
                    level == null ? Level.GENERAL : level,
                    isShared());
        }
    }
}
