package io.interchange.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.CatalogService;
import io.interchange.catalog.CatalogTypes.ResourceStatus;
import io.interchange.catalog.CatalogTypes.SourceKind;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import io.interchange.platform.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Loads rows into a HOSTED resource: all rows are checked against the item types first; one bad row refuses the load. */
@ApplicationScoped
public class HostedDataService {

    /** Enough to fix a file in one pass without a megabyte of problem JSON. */
    static final int MAX_REPORTED_PROBLEMS = 100;

    public enum LoadMode {
        REPLACE,
        UPSERT
    }

    public record LoadResult(UUID loadId, int rows) {}

    @Inject
    CatalogService catalog;

    @Inject
    HostedRows rows;

    @Inject
    LedgerService ledger;

    @Transactional
    public LoadResult load(Caller caller, String resourceId, LoadMode mode, JsonNode body) {
        ResourceView resource = catalog.find(resourceId)
                .filter(r -> r.provider().id().equals(caller.department())
                        || r.status() == ResourceStatus.PUBLISHED
                        || r.status() == ResourceStatus.RETIRED)
                .orElseThrow(() -> ApiException.notFound("resource", resourceId));
        if (!resource.provider().id().equals(caller.department()) || !caller.is(Roles.STEWARD)) {
            throw ApiException.forbidden(
                    ErrorCode.NOT_OWNER,
                    "only a steward of " + resource.provider().id() + " loads its data");
        }
        if (resource.status() == ResourceStatus.RETIRED) {
            throw ApiException.conflict(ErrorCode.INVALID_STATUS, "resource " + resourceId + " is retired");
        }
        if (resource.source().kind() != SourceKind.HOSTED) {
            throw ApiException.conflict(
                    ErrorCode.NOT_HOSTED, "resource " + resourceId + " is served by its upstream API");
        }
        if (body == null || !body.isArray()) {
            throw ApiException.badRequest("the body must be a JSON array of row objects", "body");
        }
        List<HostedRows.Row> parsed = parse(resource, body);
        if (mode == LoadMode.UPSERT) {
            rows.upsert(resourceId, parsed);
        } else {
            rows.replace(resourceId, parsed);
        }
        OffsetDateTime now = OffsetDateTime.now();
        catalog.markDataUpdated(resourceId, now);
        UUID loadId = UUID.randomUUID();
        ledger.appendAdmin(
                caller.actor(),
                caller.department(),
                "DATA_LOAD",
                "resource",
                resourceId,
                Map.of("loadId", loadId.toString(), "mode", mode.name(), "rows", parsed.size()));
        return new LoadResult(loadId, parsed.size());
    }

    /** Seed import: the demo rows of a freshly seeded resource, checked like any load. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int loadSeed(String resourceId, JsonNode body) {
        ResourceView resource = catalog.find(resourceId).orElseThrow();
        List<HostedRows.Row> parsed = parse(resource, body);
        rows.replace(resourceId, parsed);
        catalog.markDataUpdated(resourceId, OffsetDateTime.now());
        ledger.appendAdmin(
                "seed",
                resource.provider().id(),
                "DATA_LOAD",
                "resource",
                resourceId,
                Map.of("mode", LoadMode.REPLACE.name(), "rows", parsed.size()));
        return parsed.size();
    }

    private static List<HostedRows.Row> parse(ResourceView resource, JsonNode body) {
        List<FieldError> problems = new ArrayList<>();
        List<HostedRows.Row> parsed = new ArrayList<>(body.size());
        Optional<DataItem> key =
                resource.items().stream().filter(DataItem::isPrimaryKey).findFirst();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < body.size() && problems.size() < MAX_REPORTED_PROBLEMS; i++) {
            JsonNode row = body.get(i);
            String at = "rows[" + i + "]";
            if (!row.isObject()) {
                problems.add(new FieldError(at, "must be an object"));
                continue;
            }
            ObjectNode data = (ObjectNode) row;
            for (Iterator<String> names = data.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (resource.item(name).isEmpty()) {
                    problems.add(new FieldError(at + "." + name, "is not an item of resource " + resource.id()));
                }
            }
            for (DataItem item : resource.items()) {
                JsonNode value = data.get(item.name());
                item.type()
                        .check(value, item.length())
                        .ifPresent(message -> problems.add(new FieldError(at + "." + item.name(), message)));
            }
            String rowKey;
            if (key.isPresent()) {
                JsonNode value = data.get(key.get().name());
                if (value == null || value.isNull()) {
                    problems.add(new FieldError(at + "." + key.get().name(), "is the primary key and is required"));
                    continue;
                }
                rowKey = value.asText();
                if (!keys.add(rowKey)) {
                    problems.add(new FieldError(at + "." + key.get().name(), "repeats the key of an earlier row"));
                }
            } else {
                rowKey = UUID.randomUUID().toString();
            }
            parsed.add(new HostedRows.Row(rowKey, data));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return parsed;
    }
}
