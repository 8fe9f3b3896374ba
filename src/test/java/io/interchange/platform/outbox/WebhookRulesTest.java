package io.interchange.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The pure rules of webhooks: which URLs the hub calls, the signature, the retry schedule. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookRulesTest {

    /** Host names resolve from this table, never from the network. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.zj-mca.gov.cn", "203.0.113.10",
            "intranet.zj-mca", "10.20.30.40",
            "rebind.example", "169.254.169.254",
            "aliyun-meta.example", "100.100.100.200",
            "localhost", "127.0.0.1");

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        String address = DNS.getOrDefault(host, host);
        if (!Character.isDigit(address.charAt(0)) && !address.contains(":")) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    }

    private static Optional<String> check(String url, boolean loopbackHttp) {
        return WebhookUrls.problem(url, loopbackHttp, WebhookRulesTest::resolve);
    }

    @Test
    void an_allowed_url_names_the_address_that_was_checked_so_the_call_connects_there() {
        WebhookUrls.Checked checked =
                WebhookUrls.check("https://intranet.zj-mca:8443/hooks", false, WebhookRulesTest::resolve);
        assertTrue(checked.allowed());
        assertEquals("10.20.30.40", checked.address().getHostAddress());
        assertEquals(8443, checked.port());
        assertEquals(
                443,
                WebhookUrls.check("https://hooks.zj-mca.gov.cn/x", false, WebhookRulesTest::resolve)
                        .port());
        // A literal never goes to the resolver; the checks still apply to it.
        WebhookUrls.Checked literal = WebhookUrls.check("https://203.0.113.9/x", false, host -> {
            throw new AssertionError("resolver asked for " + host);
        });
        assertEquals("203.0.113.9", literal.address().getHostAddress());
        assertFalse(WebhookUrls.check("https://[fe80::1]/x", false, host -> {
                    throw new AssertionError("resolver asked for " + host);
                })
                .allowed());
    }

    @Test
    void an_https_url_on_a_public_or_intranet_address_is_accepted() {
        assertEquals(Optional.empty(), check("https://hooks.zj-mca.gov.cn/interchange", false));
        assertEquals(Optional.empty(), check("https://intranet.zj-mca:8443/hooks?team=share", false));
    }

    @Test
    void plain_http_is_refused_except_to_loopback_when_allowed() {
        assertEquals(Optional.of("must be an https URL"), check("http://hooks.zj-mca.gov.cn/x", true));
        assertEquals(Optional.of("must be an https URL"), check("http://127.0.0.1:8080/x", false));
        assertEquals(Optional.empty(), check("http://127.0.0.1:8080/x", true));
        assertEquals(Optional.empty(), check("http://localhost:8080/x", true));
        assertTrue(check("https://127.0.0.1/x", false).isPresent(), "the hub's own machine needs the demo switch");
    }

    @Test
    void link_local_and_cloud_metadata_addresses_are_never_accepted() {
        for (String url : new String[] {
            "https://169.254.169.254/latest/meta-data",
            "https://rebind.example/x",
            "https://aliyun-meta.example/x",
            "https://100.100.100.200/latest",
            "https://[fe80::1]/x",
            "https://[fd00:ec2::254]/x",
            "https://[::ffff:169.254.169.254]/x",
            "https://metadata.google.internal/computeMetadata",
            "https://0.0.0.0/x"
        }) {
            assertTrue(check(url, true).isPresent(), url + " must be refused");
        }
    }

    @Test
    void malformed_urls_credentials_other_schemes_and_unknown_hosts_are_refused() {
        assertTrue(check(null, false).isPresent());
        assertTrue(check("", false).isPresent());
        assertTrue(check("hooks.zj-mca.gov.cn/x", false).isPresent());
        assertTrue(check("ftp://hooks.zj-mca.gov.cn/x", false).isPresent());
        assertTrue(check("https://user:pw@hooks.zj-mca.gov.cn/x", false).isPresent());
        assertTrue(check("https://hooks.zj-mca.gov.cn/x#part", false).isPresent());
        assertTrue(check("https://nowhere.invalid/x", false).isPresent());
        assertTrue(
                check("https://hooks.zj-mca.gov.cn/" + "a".repeat(2000), false).isPresent());
    }

    @Test
    void the_signature_is_hmac_sha256_over_timestamp_dot_body_in_hex() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret-of-sixteen+'
        String expected = "sha256=86329fdf0f217fbf20aeaa59669081f1b0bc9efc2baa1775d979c0f90c1b5943";
        assertEquals(expected, WebhookSignature.sign("secret-of-sixteen+", 1700000000L, body));
        assertTrue(WebhookSignature.verify("secret-of-sixteen+", 1700000000L, body, expected));
        assertFalse(WebhookSignature.verify("secret-of-sixteen+", 1700000001L, body, expected), "other timestamp");
        assertFalse(WebhookSignature.verify("another-secret-16", 1700000000L, body, expected), "other secret");
        assertFalse(
                WebhookSignature.verify(
                        "secret-of-sixteen+", 1700000000L, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), expected),
                "other body");
        assertFalse(WebhookSignature.verify("secret-of-sixteen+", 1700000000L, body, null));
    }

    @Test
    void the_wait_doubles_per_failure_with_jitter_and_stops_growing_at_the_cap() {
        Duration base = Duration.ofSeconds(30);
        Duration max = Duration.ofHours(2);
        for (int failed = 1; failed <= 12; failed++) {
            long full = Math.min(base.toMillis() << (failed - 1), max.toMillis());
            for (int i = 0; i < 50; i++) {
                long wait = WebhookDelivery.backoff(failed, base, max).toMillis();
                assertTrue(wait >= full / 2 && wait <= full, "attempt " + failed + ": " + wait + " vs " + full);
            }
        }
        assertTrue(WebhookDelivery.backoff(1000, base, max).toMillis() <= max.toMillis(), "no overflow");
    }
}
