package io.interchange.exchange;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The demo upstream that ships with the project ({@code demo-upstream/DemoUpstream.java}), started as the README
 * starts it, answers the two seeded UPSTREAM resources through the hub, masked. The seed points at port 8091; the test
 * starts the program on a free port and re-points the two seeded rows (and their allow-lists) there, so it never
 * collides with a demo a person is running.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoUpstreamTest {

    static final String REAL_ESTATE = "103009-000001"; // zj-nrd, CONDITIONAL, owner_id_number → holdings
    static final String TAX_CREDIT = "104009-000001"; // zj-tax, UNCONDITIONAL, taxpayer_id → rating
    static final String OWNER = "330102197010312689"; // 欧阳晓婷 of catalog-seed/resources/31

    static Process demo;
    static int port;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void startDemo() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        demo = new ProcessBuilder(java.toString(), "demo-upstream/DemoUpstream.java", "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the program compiled and listens (or died)
        assertTrue(line != null && line.contains("ready"), "demo upstream did not start: " + line);
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.destroy();
        demo.waitFor(10, TimeUnit.SECONDS);
    }

    void repoint(String id, String department) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("update catalog_resource set upstream = jsonb_set(upstream, '{urlTemplate}',"
                                + " to_jsonb(replace(upstream->>'urlTemplate', ':8091/', ?))) where id = ?")) {
            s.setString(1, ":" + port + "/");
            s.setString(2, id);
            assertEquals(1, s.executeUpdate());
        }
        as("dsb-admin")
                .body(List.of(Map.of("scheme", "http", "host", "127.0.0.1", "port", port)))
                .put("/api/v1/departments/" + department + "/upstream-hosts")
                .then()
                .statusCode(200);
    }

    @Test
    void the_seed_registers_two_upstream_resources_allow_listed_by_exact_host_and_port() {
        for (String id : List.of(REAL_ESTATE, TAX_CREDIT)) {
            as("mca-app")
                    .get("/api/v1/resources/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PUBLISHED"))
                    .body("source.kind", equalTo("UPSTREAM"))
                    .body("stale", equalTo(false)) // answered live: no copy to go stale
                    .body("source.endpoint", not(hasKey("credential")));
        }
    }

    @Test
    void a_granted_query_of_the_seeded_real_estate_resource_is_answered_by_the_demo_upstream_masked() throws Exception {
        repoint(REAL_ESTATE, "zj-nrd");
        Api.grant(
                "mca-app",
                "mca-officer",
                "nrd-officer",
                REAL_ESTATE,
                List.of("owner_id_number", "owner_name", "location", "usage", "building_area"),
                Map.of("outcome", "APPROVE"));
        as("mca-app")
                .get("/api/v1/exchange/" + REAL_ESTATE + "/records?owner_id_number=" + OWNER)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].owner_id_number", equalTo("330102********2689"))
                .body("items[0].owner_name", equalTo("欧阳**"))
                .body("items[0].usage", equalTo("住宅"))
                .body("items[0].building_area", equalTo(52.24f))
                .body("items[0]", not(hasKey("certificate_no")));
    }

    @Test
    void the_unconditional_tax_rating_is_answered_after_endorsement_alone() throws Exception {
        repoint(TAX_CREDIT, "zj-tax");
        String request = Api.file("mca-app", TAX_CREDIT, List.of("taxpayer_id", "taxpayer_name", "credit_rating"));
        as("mca-officer")
                .post("/api/v1/access-requests/" + request + "/endorse")
                .then()
                .statusCode(200);
        as("mca-app")
                .get("/api/v1/exchange/" + TAX_CREDIT + "/records?taxpayer_id=91330110MA25CYH1X6")
                .then()
                .statusCode(200)
                .body("items.credit_rating", hasItem("A"))
                .body("items[0].taxpayer_name", equalTo("杭州星棠演示建筑工程有限公司"));
        as("mca-app")
                .get("/api/v1/exchange/" + TAX_CREDIT + "/records?taxpayer_id=91330100MA2GJY3190")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }
}
