package io.interchange.catalog;

import io.interchange.catalog.CatalogTypes.FormatCategory;
import io.interchange.catalog.CatalogTypes.Level;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.platform.Validation;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The catalogue-entry rules of DOMAIN.md (R25 Art. 13–15, 1272, DSL Art. 21), checked all at once. */
final class ResourceRules {

    static final Pattern ITEM_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    /** Query parameters of the exchange API; an item with one of these names could not be filtered on. */
    static final Set<String> RESERVED_ITEM_NAMES = Set.of("fields", "limit", "cursor", "sort");

    private ResourceRules() {}

    static void validate(ResourceCommand c) {
        Validation v = new Validation();
        v.requireText(c.name(), "name", 200);
        v.requireText(c.summary(), "summary", 4000);
        v.requireText(c.usageConditions(), "usageConditions", 4000);
        v.require(c.updateCycle() != null, "updateCycle", "is required");
        v.require(
                !Boolean.TRUE.equals(c.secret()),
                "secret",
                "entries holding state or work secrets cannot be catalogued for sharing (R25 Art. 3)");
        validateClassification(c, v);
        v.require(c.format() != null && c.format().category() != null, "format.category", "is required");
        validateSource(c, v);
        validateItems(c.items(), v);
        validateSharing(c, v);
        v.throwIfInvalid();
    }

    /**
     * HOSTED takes no endpoint; UPSTREAM needs one (checked in full, with the allow-list, by the upstream rules) and is
     * shared in API mode only: the hub does not page a department's API for bulk exports.
     */
    private static void validateSource(ResourceCommand c, Validation v) {
        if (c.source() == null || c.source().kind() != CatalogTypes.SourceKind.UPSTREAM) {
            v.require(
                    c.source() == null || c.source().endpoint() == null,
                    "source.endpoint",
                    "is only for UPSTREAM sources");
            return;
        }
        v.require(c.source().endpoint() != null, "source.endpoint", "is required for an UPSTREAM source");
        List<SharingMode> modes = c.sharingModes() == null ? List.of() : c.sharingModes();
        for (int i = 0; i < modes.size(); i++) {
            v.require(
                    modes.get(i) == SharingMode.API,
                    "sharingModes[" + i + "]",
                    "an UPSTREAM resource is shared in API mode only");
        }
    }

    private static void validateClassification(ResourceCommand c, Validation v) {
        var k = c.classification();
        if (k == null) {
            v.add("classification", "is required");
            return;
        }
        v.require(
                k.category() != null && k.category().matches("[123]"),
                "classification.category",
                "must be 1 (基础), 2 (主题) or 3 (部门)");
        v.require(k.item() != null && k.item().matches("\\d{2}"), "classification.item", "must be two digits");
        v.require(
                k.subItem() != null && k.subItem().matches("\\d{3}"), "classification.subItem", "must be three digits");
        v.require(
                k.detail() == null || k.detail().matches("\\d{1,3}"),
                "classification.detail",
                "must be up to three digits");
    }

    private static void validateItems(List<DataItem> items, Validation v) {
        if (items == null || items.isEmpty()) {
            v.add("items", "a structured resource needs at least one data item");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            DataItem item = items.get(i);
            String at = "items[" + i + "]";
            if (item == null) {
                v.add(at, "must be an object");
                continue;
            }
            if (item.name() == null || !ITEM_NAME.matcher(item.name()).matches()) {
                v.add(at + ".name", "must match " + ITEM_NAME.pattern());
            } else if (RESERVED_ITEM_NAMES.contains(item.name())) {
                v.add(at + ".name", "'" + item.name() + "' is reserved by the query API");
            } else if (!names.add(item.name())) {
                v.add(at + ".name", "duplicates another item's name");
            }
            v.requireText(item.label(), at + ".label", 200);
            if (item.type() == null) {
                v.add(at + ".type", "is required (one of C N Y D T L M G B I F)");
            } else if (item.type() == ItemType.C) {
                v.require(
                        item.length() != null && item.length() > 0 && item.length() <= 4000,
                        at + ".length",
                        "type C needs a length between 1 and 4000");
            }
            v.require(item.length() == null || item.length() > 0, at + ".length", "must be positive");
            v.require(
                    !item.isPrimaryKey() || item.isFilterable(),
                    at + ".filterable",
                    "a primary-key item must be filterable");
            MaskRule mask = item.mask();
            if (mask != null && mask.kind() == null) {
                v.add(at + ".mask.kind", "is required");
            }
        }
        long keys = items.stream().filter(i -> i != null && i.isPrimaryKey()).count();
        v.require(keys <= 1, "items", "at most one item may be the primary key");
    }

    private static void validateSharing(ResourceCommand c, Validation v) {
        SharingType type = c.sharingType();
        if (type == null) {
            v.add("sharingType", "is required (UNCONDITIONAL, CONDITIONAL or NOT_SHARED)");
            return;
        }
        var conditions = c.sharingConditions();
        switch (type) {
            case CONDITIONAL -> {
                v.require(
                        conditions != null && notBlank(conditions.scope()),
                        "sharingConditions.scope",
                        "is required for CONDITIONAL sharing (R25 Art. 15)");
                v.require(
                        conditions != null && notBlank(conditions.purpose()),
                        "sharingConditions.purpose",
                        "is required for CONDITIONAL sharing (R25 Art. 15)");
            }
            case NOT_SHARED -> {
                v.require(notBlank(c.notSharedReason()), "notSharedReason", "is required for NOT_SHARED (R25 Art. 15)");
                v.require(
                        notBlank(c.legalBasis()),
                        "legalBasis",
                        "NOT_SHARED needs the law, regulation or State Council decision that forbids sharing");
            }
            case UNCONDITIONAL ->
                v.require(
                        conditions == null || (!notBlank(conditions.scope()) && !notBlank(conditions.purpose())),
                        "sharingConditions",
                        "UNCONDITIONAL sharing takes no extra conditions (R25 Art. 15)");
        }
        List<SharingMode> modes = c.sharingModes() == null ? List.of() : c.sharingModes();
        if (type != SharingType.NOT_SHARED) {
            v.require(!modes.isEmpty(), "sharingModes", "at least one sharing mode is required unless NOT_SHARED");
        }
        if (c.format() != null && c.format().category() != null) {
            Set<SharingMode> allowed = allowedModes(c.format().category());
            for (int i = 0; i < modes.size(); i++) {
                v.require(
                        modes.get(i) != null && allowed.contains(modes.get(i)),
                        "sharingModes[" + i + "]",
                        "format " + c.format().category() + " is shared as " + allowed);
            }
        }
        if (type == SharingType.UNCONDITIONAL && c.items() != null && level(c.items()) == Level.CORE) {
            v.add("sharingType", "CORE data can never be shared unconditionally (DSL Art. 21)");
        }
    }

    /** DOMAIN.md: files, images and media are shared as FILE; tables as BULK or API; services as API. */
    static Set<SharingMode> allowedModes(FormatCategory category) {
        return switch (category) {
            case ELECTRONIC_FILE, IMAGE, STREAMING_MEDIA -> EnumSet.of(SharingMode.FILE);
            case DATABASE, SPREADSHEET, SELF_DESCRIBING -> EnumSet.of(SharingMode.BULK, SharingMode.API);
            case SERVICE_API -> EnumSet.of(SharingMode.API);
        };
    }

    /** 就高从严: the resource's level is its highest item level. */
    static Level level(List<DataItem> items) {
        return items.stream()
                .filter(java.util.Objects::nonNull)
                .map(i -> i.level() == null ? Level.GENERAL : i.level())
                .max(Comparator.naturalOrder())
                .orElse(Level.GENERAL);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
