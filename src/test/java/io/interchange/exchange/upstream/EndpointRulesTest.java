package io.interchange.exchange.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.catalog.ItemType;
import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceParts.Endpoint;
import io.interchange.platform.FieldError;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EndpointRulesTest {

    static final int PORT = 8091;
    static final List<HostEntry> ALLOWED = List.of(new HostEntry("http", "127.0.0.1", PORT));
    static final List<DataItem> ITEMS = List.of(
            new DataItem("id_number", "公民身份号码", null, ItemType.C, 18, true, true, true, true, null, null, true),
            new DataItem("full_name", "姓名", null, ItemType.C, 50, false, false, false, true, null, null, true));
    static final EndpointTemplate.Limits LIMITS = new EndpointTemplate.Limits(10_000, 10_485_760);

    static List<FieldError> problems(String url) {
        return EndpointTemplate.problems(
                new Endpoint(url, "GET", Map.of(), null, 3000, 1_048_576L), ITEMS, ALLOWED, LIMITS);
    }

    static List<String> hostile() {
        return HostileUrls.at(PORT);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_urls_are_refused_at_registration(String url) {
        List<FieldError> problems = problems(url);
        assertFalse(problems.isEmpty(), url + " must be refused");
        assertTrue(
                problems.stream().allMatch(p -> p.field().equals("source.endpoint.urlTemplate")), problems.toString());
    }

    @Test
    void there_are_at_least_twenty_hostile_urls() {
        assertTrue(hostile().size() >= 20);
    }

    @Test
    void the_exactly_allow_listed_origin_is_accepted() {
        assertEquals(List.of(), problems("http://127.0.0.1:8091/residents/{id_number}?full=true"));
    }

    @Test
    void a_placeholder_must_be_a_filterable_item() {
        List<FieldError> problems = problems("http://127.0.0.1:8091/residents/{full_name}");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("filterable"));
        assertFalse(problems("http://127.0.0.1:8091/residents/{nope}").isEmpty());
    }

    @Test
    void headers_cannot_override_host_or_authorization_and_values_cannot_break_lines() {
        String url = "http://127.0.0.1:8091/residents/{id_number}";
        for (String name : List.of("Host", "authorization", "Cookie", "X-Forwarded-For", "Transfer-Encoding")) {
            assertFalse(
                    EndpointTemplate.problems(
                                    new Endpoint(url, "GET", Map.of(name, "x"), null, null, null),
                                    ITEMS,
                                    ALLOWED,
                                    LIMITS)
                            .isEmpty(),
                    name);
        }
        assertFalse(EndpointTemplate.problems(
                        new Endpoint(url, "GET", Map.of("X-Dept", "a\r\nHost: evil"), null, null, null),
                        ITEMS,
                        ALLOWED,
                        LIMITS)
                .isEmpty());
        assertFalse(EndpointTemplate.problems(
                        new Endpoint(url, "GET", Map.of(), "Bearer a\nb", null, null), ITEMS, ALLOWED, LIMITS)
                .isEmpty());
        assertEquals(
                List.of(),
                EndpointTemplate.problems(
                        new Endpoint(url, "GET", Map.of("X-Dept-Client", "interchange"), "Bearer t", null, null),
                        ITEMS,
                        ALLOWED,
                        LIMITS));
    }

    @Test
    void timeout_size_and_method_are_bounded() {
        String url = "http://127.0.0.1:8091/residents/{id_number}";
        assertFalse(
                EndpointTemplate.problems(new Endpoint(url, "GET", null, null, 60_000, null), ITEMS, ALLOWED, LIMITS)
                        .isEmpty());
        assertFalse(EndpointTemplate.problems(
                        new Endpoint(url, "GET", null, null, null, 100_000_000L), ITEMS, ALLOWED, LIMITS)
                .isEmpty());
        assertFalse(
                EndpointTemplate.problems(new Endpoint(url, "DELETE", null, null, null, null), ITEMS, ALLOWED, LIMITS)
                        .isEmpty());
    }

    @Test
    void values_are_percent_encoded_so_they_cannot_change_the_path() throws Exception {
        EndpointTemplate t = EndpointTemplate.parse("http://127.0.0.1:8091/residents/{id_number}?q={id_number}");
        assertEquals(
                "/residents/..%2F..%2Fadmin%3Fx%3D1%23?q=..%2F..%2Fadmin%3Fx%3D1%23",
                t.expand(Map.of("id_number", "../../admin?x=1#")).replace("%2E", "."));
        assertEquals("/residents/%2E%2E?q=%2E%2E", t.expand(Map.of("id_number", "..")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.1",
                "0x7f000001",
                "017700000001",
                "2130706433",
                "127.0.0.01",
                "localhost",
                "localhost.",
                "sub.localhost",
                "Example.GOV.cn",
                "169.254.169.254",
                "169.254.0.1",
                "metadata.google.internal",
                "metadata",
                "100.100.100.200",
                "[fd00:ec2::254]",
                "[fe80::1]",
                "[::ffff:127.0.0.1]",
                "[::ffff:7f00:1]",
                "[0:0:0:0:0:0:0:1]",
                "[::127.0.0.1]",
                "[64:ff9b::7f00:1]",
                "0.0.0.0",
                "[::]",
                "224.0.0.1",
                "255.255.255.255",
                "[fe80::1%25eth0]",
                "a..b",
                "-a.example",
                ""
            })
    void non_canonical_link_local_and_metadata_hosts_can_never_be_allow_listed(String host) {
        assertTrue(HostRules.problem(host).isPresent(), host);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"127.0.0.1", "10.1.2.3", "192.168.10.5", "[::1]", "[2001:db8::1]", "api.tax.example.gov.cn"})
    void canonical_hosts_including_private_literals_may_be_allow_listed(String host) {
        assertFalse(HostRules.problem(host).isPresent(), host + ": " + HostRules.problem(host));
    }

    @Test
    void a_name_may_reach_only_public_addresses() throws Exception {
        for (String a : List.of(
                "127.0.0.1",
                "10.0.0.5",
                "172.16.3.4",
                "192.168.1.1",
                "100.64.0.1",
                "169.254.169.254",
                "::1",
                "fd12::1",
                "fe80::1",
                "0.0.0.0",
                "192.0.2.7",
                "2002:7f00:1::1")) {
            assertFalse(HostRules.isPublic(InetAddress.getByName(a)), a);
        }
        for (String a : List.of("8.8.8.8", "114.114.114.114", "2400:3200::1")) {
            assertTrue(HostRules.isPublic(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void the_breaker_opens_on_failures_lets_one_trial_through_after_its_delay_and_closes_on_success() {
        long[] now = {0};
        CircuitBreaker breaker = new CircuitBreaker(10, 0.5, 1_000, () -> now[0]);
        for (int i = 0; i < 4; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure();
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "fewer than 5 calls never open it");
        assertTrue(breaker.tryAcquire());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        now[0] = 1_000;
        assertTrue(breaker.tryAcquire(), "one trial after the delay");
        assertFalse(breaker.tryAcquire(), "only one");
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now[0] = 2_000;
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        for (int i = 0; i < 20; i++) {
            assertTrue(breaker.tryAcquire());
            if (i % 3 == 0) {
                breaker.onFailure();
            } else {
                breaker.onSuccess();
            }
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "a third failing stays below one half");
    }
}
