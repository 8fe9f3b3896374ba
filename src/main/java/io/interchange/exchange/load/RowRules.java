package io.interchange.exchange.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.ItemType;
import io.interchange.catalog.MaskRule;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.platform.CheckCharacters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What every loaded row must satisfy: known items only, values of the item's type and length, valid ID numbers. One
 * instance serves one load, so the per-row work is lookups in maps built once.
 */
public final class RowRules {

    /** One problem of one row: the item (or null for the row) and what is wrong. */
    public record Problem(String item, String message) {}

    private final ResourceView resource;
    private final Map<String, DataItem> items = new HashMap<>();
    private final DataItem[] ordered;
    private final boolean[] idNumber;
    private final String keyItem;

    public RowRules(ResourceView resource) {
        this.resource = resource;
        this.ordered = resource.items().toArray(DataItem[]::new);
        this.idNumber = new boolean[ordered.length];
        String key = null;
        for (int i = 0; i < ordered.length; i++) {
            DataItem item = ordered[i];
            items.putIfAbsent(item.name(), item);
            idNumber[i] = item.type() == ItemType.C && item.maskOrNone().kind() == MaskRule.Kind.ID_NUMBER;
            if (key == null && item.isPrimaryKey()) {
                key = item.name();
            }
        }
        this.keyItem = key;
    }

    public List<Problem> check(ObjectNode row) {
        List<Problem> problems = null;
        if (row.size() > ordered.length) {
            problems = unknown(row, new ArrayList<>());
        } else {
            for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
                if (!items.containsKey(names.next())) {
                    problems = unknown(row, new ArrayList<>());
                    break;
                }
            }
        }
        for (int i = 0; i < ordered.length; i++) {
            DataItem item = ordered[i];
            JsonNode value = row.get(item.name());
            String problem = item.type().check(value, item.length()).orElse(null);
            if (problem == null && item.isPrimaryKey() && (value == null || value.isNull())) {
                problem = "is the primary key and is required";
            }
            if (problem == null
                    && idNumber[i]
                    && value != null
                    && value.isTextual()
                    && !CheckCharacters.isValidIdNumber(value.asText())) {
                problem = "is not a valid ID number (check character or birth date)";
            }
            if (problem != null) {
                problems = problems == null ? new ArrayList<>() : problems;
                problems.add(new Problem(item.name(), problem));
            }
        }
        return problems == null ? List.of() : problems;
    }

    private List<Problem> unknown(ObjectNode row, List<Problem> problems) {
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!items.containsKey(name)) {
                problems.add(new Problem(name, "is not an item of resource " + resource.id()));
            }
        }
        return problems;
    }

    /** The row's key: its primary-key value, or null when the resource has none. */
    public String key(ObjectNode row) {
        if (keyItem == null) {
            return null;
        }
        JsonNode value = row.get(keyItem);
        return value == null || value.isNull() ? null : value.asText();
    }
}
