package io.interchange.catalog;

import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.platform.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an update changes, and whether that change may go live at once (descriptive metadata), needs the authority's
 * review (items and sharing attributes) or would break grants in force (removing or narrowing a granted item,
 * changing the sharing type).
 */
final class ResourceChanges {

    /** Members whose change alters what is shared or on which terms: reviewed again before they apply. */
    static final Set<String> REVIEWED = Set.of(
            "items",
            "sharingType",
            "sharingConditions",
            "notSharedReason",
            "legalBasis",
            "sharingModes",
            "format",
            "usageConditions",
            "openToPublic",
            "openCondition",
            "source");

    private static final Map<String, Function<ResourceCommand, Object>> MEMBERS = Map.ofEntries(
            Map.entry("name", ResourceCommand::name),
            Map.entry("nameEn", ResourceCommand::nameEn),
            Map.entry("summary", ResourceCommand::summary),
            Map.entry("summaryEn", ResourceCommand::summaryEn),
            Map.entry("classification", ResourceCommand::classification),
            Map.entry("format", ResourceCommand::format),
            Map.entry("items", ResourceCommand::items),
            Map.entry("sharingType", ResourceCommand::sharingType),
            Map.entry("sharingConditions", ResourceCommand::sharingConditions),
            Map.entry("notSharedReason", ResourceCommand::notSharedReason),
            Map.entry("legalBasis", ResourceCommand::legalBasis),
            Map.entry("sharingModes", ResourceCommand::sharingModes),
            Map.entry("openToPublic", c -> Boolean.TRUE.equals(c.openToPublic())),
            Map.entry("openCondition", ResourceCommand::openCondition),
            Map.entry("updateCycle", ResourceCommand::updateCycle),
            Map.entry("usageConditions", ResourceCommand::usageConditions),
            Map.entry("relatedCodes", c -> c.relatedCodes() == null ? List.of() : c.relatedCodes()),
            Map.entry("tags", c -> c.tags() == null ? List.of() : c.tags()),
            Map.entry("contact", ResourceCommand::contact),
            // the whole source: kind, endpoint and the sealed credential (a newly sent credential is a change)
            Map.entry("source", c -> c.source() == null ? null : c.source()));

    private ResourceChanges() {}

    /** Names of the members that differ, sorted. Both commands must be normalised (items with flags filled in). */
    static List<String> changed(ResourceCommand before, ResourceCommand after) {
        return MEMBERS.entrySet().stream()
                .filter(e ->
                        !Objects.equals(e.getValue().apply(before), e.getValue().apply(after)))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    static boolean needsReview(List<String> changed) {
        return changed.stream().anyMatch(REVIEWED::contains);
    }

    /**
     * The refusals a change meets from grants in force: each names the grant and what it would lose. {@code granted}
     * maps a live grant id to the items it covers.
     */
    static List<FieldError> breaks(ResourceCommand before, ResourceCommand after, Map<String, List<String>> granted) {
        List<FieldError> problems = new ArrayList<>();
        if (granted.isEmpty()) {
            return problems;
        }
        if (before.sharingType() != after.sharingType()) {
            granted.keySet().stream()
                    .sorted()
                    .forEach(grant -> problems.add(new FieldError(
                            "sharingType", "grant " + grant + " is in force under " + before.sharingType())));
        }
        Map<String, DataItem> next = after.items().stream().collect(Collectors.toMap(DataItem::name, i -> i));
        for (DataItem item : before.items()) {
            DataItem changedItem = next.get(item.name());
            String problem = changedItem == null ? "removes" : narrows(item, changedItem) ? "narrows" : null;
            if (problem == null) {
                continue;
            }
            granted.entrySet().stream()
                    .filter(e -> e.getValue().contains(item.name()))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .forEach(grant -> problems.add(new FieldError(
                            "items." + item.name(), "the change " + problem + " an item granted by grant " + grant)));
        }
        return problems;
    }

    /** A different type, or a shorter length, may cut values a grantee already receives. */
    static boolean narrows(DataItem before, DataItem after) {
        if (before.type() != after.type()) {
            return true;
        }
        if (before.length() == null) {
            return after.length() != null;
        }
        return after.length() != null && after.length() < before.length();
    }
}
