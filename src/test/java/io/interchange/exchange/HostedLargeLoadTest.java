package io.interchange.exchange;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.access.RowScope;
import io.interchange.catalog.ItemType;
import io.interchange.exchange.load.HostedTable;
import io.interchange.exchange.load.HostedTable.Layout;
import io.interchange.platform.CheckCharacters;
import io.interchange.support.Api;
import io.interchange.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A large load end to end: 200,000 CSV rows generated while they are sent (chunked, so neither side can see the whole
 * file up front), then keyed lookups, filters and prefixes answered from the resource's table through its indexes.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostedLargeLoadTest {

    static final int ROWS = 200_000;

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    /** Distinct valid ID numbers: a birth date per thousand rows, the row's sequence within it. */
    static String idNumber(int i) {
        String birth = LocalDate.of(1950, 1, 1).plusDays(i / 1000).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "330106" + birth + String.format("%03d", i % 1000);
        return first17 + CheckCharacters.idNumberCheckChar(first17);
    }

    /** The CSV, produced line by line as it is read. */
    static InputStream generated(int rows) {
        return new InputStream() {
            int next = -1;
            byte[] line = new byte[0];
            int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == line.length) {
                    if (next >= rows) {
                        return -1;
                    }
                    String text = next < 0
                            ? "id_number,full_name,mobile,household_size\n"
                            : idNumber(next) + ",测试" + next + ",138" + String.format("%08d", next) + "," + (next % 500)
                                    + "\n";
                    next++;
                    line = text.getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                int n = Math.min(len, line.length - at);
                System.arraycopy(line, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    @Test
    void a_streamed_200k_row_csv_loads_and_is_queried_through_its_indexes() throws Exception {
        String id = as("psb-steward")
                .body(Api.resource(Api.unique("大批量装载")))
                .post("/api/v1/resources")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        HttpResponse<String> loaded = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("api/v1/resources/" + id + "/records"))
                                .header("Authorization", "Bearer " + Tokens.of("psb-steward"))
                                .header("Content-Type", "text/csv")
                                .timeout(Duration.ofMinutes(2))
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated(ROWS)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, loaded.statusCode(), loaded.body());
        assertTrue(loaded.body().contains("\"rows\":" + ROWS), loaded.body());

        as("psb-app")
                .queryParam("id_number", idNumber(123_457))
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].household_size", equalTo(123_457 % 500))
                .body("items[0].full_name", equalTo("测试123457"));
        as("psb-app")
                .queryParam("household_size", "in:42,43")
                .queryParam("limit", 500)
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .body("items", hasSize(500)) // 800 match; one page of the maximum size
                .body("items.household_size", everyItem(org.hamcrest.Matchers.isOneOf(42, 43)))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        as("psb-app")
                .queryParam("id_number", "prefix:33010619500102")
                .queryParam("limit", 500)
                .get("/api/v1/exchange/" + id + "/records")
                .then()
                .statusCode(200)
                .body("items", hasSize(500)) // the 1,000 born on 1950-01-02
                .body("items.id_number", everyItem(startsWith("33010619500102")));

        Layout layout = new Layout(
                "id_number", Map.of("id_number", ItemType.C, "full_name", ItemType.C, "household_size", ItemType.I));
        String table = HostedTable.table(id);
        String keyed = plan("select * from " + table + " where _key = ? order by _key limit 51", idNumber(5));
        assertTrue(keyed.contains("Index Scan using \"" + id + "~pk\""), keyed);

        List<Object> params = new ArrayList<>();
        String filter = "select * from " + table + " where true"
                + HostedRows.scopeSql(RowScope.parse("household_size = 42"), layout, params)
                + " order by _key limit 51";
        String filtered = plan(filter, params.toArray());
        assertTrue(filtered.contains("Index Cond: ((household_size)::numeric = "), filtered);

        params.clear();
        String prefix = "select * from " + table + " where true"
                + HostedRows.prefixSql("id_number", "33010619500102", layout, params) + " order by _key limit 51";
        String prefixed = plan(prefix, params.toArray());
        assertTrue(prefixed.contains("Index Cond: ((_key >= "), prefixed);
    }

    private String plan(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement explain = c.prepareStatement("explain " + sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof BigDecimal number) {
                    explain.setBigDecimal(i + 1, number);
                } else {
                    explain.setString(i + 1, (String) params[i]);
                }
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
