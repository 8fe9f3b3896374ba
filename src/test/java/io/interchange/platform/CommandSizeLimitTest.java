package io.interchange.platform;

import static io.interchange.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.interchange.support.Api;
import io.interchange.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * JSON commands are held to {@code interchange.max-command-bytes} (1 MiB) even when sent chunked, without a
 * Content-Length; streamed hosted-data loads are not.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommandSizeLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    /** POSTs {@code body} with chunked transfer encoding: the publisher does not know its length. */
    private HttpResponse<String> chunked(String client, String path, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Bearer " + Tokens.of(client))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_chunked_json_command_of_2_mib_is_413_and_creates_nothing() throws Exception {
        String name = Api.unique("过大分块");
        Map<String, Object> draft = new HashMap<>(Api.resource(name));
        draft.put("summary", "x".repeat(2 * 1024 * 1024));
        HttpResponse<String> response = chunked("psb-steward", "api/v1/resources", JSON.writeValueAsBytes(draft));
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(
                "PAYLOAD_TOO_LARGE", JSON.readTree(response.body()).get("code").asText());
        as("psb-steward")
                .queryParam("q", name)
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void a_chunked_json_command_within_the_limit_is_accepted() throws Exception {
        Map<String, Object> draft = new HashMap<>(Api.resource(Api.unique("分块草稿")));
        draft.put("summary", "测试资源（演示数据）" + "x".repeat(3_000));
        @SuppressWarnings("unchecked")
        List<Object> items = new ArrayList<>((List<Object>) draft.get("items"));
        for (int i = 0; i < 200; i++) {
            items.add(Map.of("name", "extra_" + i, "label", "附加字段" + i, "type", "C", "length", 20));
        }
        draft.put("items", items);
        byte[] body = JSON.writeValueAsBytes(draft);
        assertTrue(body.length > 16 * 1024, "larger than what the server buffers before streaming: " + body.length);
        HttpResponse<String> response = chunked("psb-steward", "api/v1/resources", body);
        assertEquals(201, response.statusCode(), response.body());
    }

    @Test
    void a_chunked_json_load_of_hosted_rows_is_not_held_to_the_command_limit() throws Exception {
        String id = Api.published(Api.resource(Api.unique("分块装载")));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            String first17 = String.format("330106%s%03d", 19800101 + (i / 900) * 10_000, i % 900 + 1);
            rows.add(Map.of(
                    "id_number",
                    first17 + CheckCharacters.idNumberCheckChar(first17),
                    "full_name",
                    "欧阳" + "娜".repeat(40),
                    "household_size",
                    i % 7));
        }
        byte[] body = JSON.writeValueAsBytes(rows);
        assertTrue(body.length > 1024 * 1024, "over the command limit: " + body.length);
        HttpResponse<String> response = chunked("psb-steward", "api/v1/resources/" + id + "/records", body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(9_000, JSON.readTree(response.body()).get("rows").asInt());
    }

    @Test
    void the_counting_stream_refuses_the_first_byte_past_the_limit() throws IOException {
        byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
        try (var exact = new CommandSizeLimit.Bounded(new ByteArrayInputStream(data), 10)) {
            assertEquals(10, exact.readAllBytes().length);
        }
        try (var over = new CommandSizeLimit.Bounded(new ByteArrayInputStream(data), 9)) {
            var refused =
                    org.junit.jupiter.api.Assertions.assertThrows(CommandSizeLimit.TooLarge.class, over::readAllBytes);
            assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, refused.refusal.code());
        }
    }
}
