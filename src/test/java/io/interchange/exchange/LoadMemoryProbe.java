package io.interchange.exchange;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceView;
import io.interchange.exchange.load.CsvReader;
import io.interchange.exchange.load.RowCopier;
import io.interchange.exchange.load.RowReader;
import io.interchange.exchange.load.RowRules;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Run in a JVM of its own by {@link LoadMemoryTest}: the load path (CSV reader, row rules, COPY into a fresh table,
 * key check, index build, swap) over a generated CSV, sampling the live heap (after a full GC) as it goes.
 *
 * <p>Arguments: JDBC URL, user, password, rows, resource id. Prints {@code rows=… liveMaxBytes=…}.
 */
public final class LoadMemoryProbe {

    static final String ITEMS = """
            [{"name": "id_number", "label": "公民身份号码", "type": "C", "length": 18, "primaryKey": true,
              "filterable": true, "subjectIdentifier": true, "mask": {"kind": "ID_NUMBER"}},
             {"name": "full_name", "label": "姓名", "type": "C", "length": 50},
             {"name": "mobile", "label": "手机号码", "type": "C", "length": 11},
             {"name": "household_size", "label": "家庭人口", "type": "I", "filterable": true}]""";

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[3]);
        ResourceView resource = JsonMapper.builder()
                .findAndAddModules()
                .build()
                .readValue("{\"id\": \"" + args[4] + "\", \"items\": " + ITEMS + "}", ResourceView.class);
        Map<String, DataItem> items =
                resource.items().stream().collect(Collectors.toMap(DataItem::name, Function.identity()));
        long liveMax = 0;
        long loaded = 0;
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            connection.setAutoCommit(false);
            RowRules rules = new RowRules(resource);
            try (CsvReader csv = new CsvReader(HostedLargeLoadTest.generated(rows), items);
                    RowCopier copier = new RowCopier(connection, resource, true, "64MB")) {
                RowReader.Next next;
                while ((next = csv.next()) != null) {
                    if (next.problem() != null || !rules.check(next.row()).isEmpty()) {
                        throw new IllegalStateException("line " + next.line() + " refused");
                    }
                    copier.add(next.line(), rules.key(next.row()), next.row());
                    if (++loaded % 20_000 == 0) {
                        liveMax = Math.max(liveMax, live());
                    }
                }
                List<RowCopier.Duplicate> duplicates = copier.finish(100, false);
                if (!duplicates.isEmpty()) {
                    throw new IllegalStateException("duplicates " + duplicates);
                }
                copier.apply();
                liveMax = Math.max(liveMax, live());
            }
            connection.commit();
        }
        System.out.println("rows=" + loaded + " liveMaxBytes=" + liveMax);
    }

    private static long live() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private LoadMemoryProbe() {}
}
