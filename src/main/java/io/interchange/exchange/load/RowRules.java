package io.interchange.exchange.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.ItemType;
import io.interchange.catalog.MaskRule;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.CheckCharacters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** What every loaded row must satisfy: known items only, values of the item's type and length, valid ID numbers. */
public final class RowRules {

    /** One problem of one row: the item (or null for the row) and what is wrong. */
    public record Problem(String item, String message) {}

    private RowRules() {}

    public static List<Problem> check(ResourceView resource, ObjectNode row) {
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (resource.item(name).isEmpty()) {
                problems.add(new Problem(name, "is not an item of resource " + resource.id()));
            }
        }
        for (DataItem item : resource.items()) {
            JsonNode value = row.get(item.name());
            item.type().check(value, item.length()).ifPresent(m -> problems.add(new Problem(item.name(), m)));
            if (item.isPrimaryKey() && (value == null || value.isNull())) {
                problems.add(new Problem(item.name(), "is the primary key and is required"));
            }
            if (value != null
                    && value.isTextual()
                    && item.type() == ItemType.C
                    && item.maskOrNone().kind() == MaskRule.Kind.ID_NUMBER
                    && !CheckCharacters.isValidIdNumber(value.asText())) {
                problems.add(new Problem(item.name(), "is not a valid ID number (check character or birth date)"));
            }
        }
        return problems;
    }

    /** The row's key: its primary-key value, or null when the resource has none. */
    public static String key(ResourceView resource, ObjectNode row) {
        return resource.items().stream()
                .filter(DataItem::isPrimaryKey)
                .findFirst()
                .map(item -> row.get(item.name()))
                .filter(v -> v != null && !v.isNull())
                .map(JsonNode::asText)
                .orElse(null);
    }
}
