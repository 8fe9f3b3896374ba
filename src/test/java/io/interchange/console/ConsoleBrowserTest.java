package io.interchange.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's journeys in a real headless Chromium: every click, form and script runs in the browser as a person
 * would use it. Each journey leaves screenshots under {@code target/screenshots/}.
 */
@QuarkusTest
@Tag("browser")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleBrowserTest {

    private static final Pattern RESOURCE_ID = Pattern.compile("/console/steward/([0-9]{6}-[0-9]{6})$");
    private static final Pattern REQUEST_ID = Pattern.compile("/console/requests/([0-9a-f-]{36})$");

    @TestHTTPResource("/")
    URL base;

    @Test
    void a_resource_goes_from_draft_to_catalogue_to_grant_to_a_verified_receipt() throws Exception {
        String name = Api.unique("浏览器旅程资源");
        String resourceId;
        String requestId;
        try (Chromium browser = Chromium.start(base.toString())) {
            // 1. The public-security steward drafts the resource in the item editor and submits it.
            browser.signInAs("psb-steward").open("/console/steward/new");
            browser.type("name", name)
                    .type("nameEn", "Browser journey resource")
                    .type("summary", "浏览器端到端测试创建的资源")
                    .type("classification.item", "09")
                    .type("classification.subItem", "001")
                    .choose("updateCycle", "DAILY")
                    .choose("sharingType", "CONDITIONAL")
                    .type("sharingConditions.scope", "县级以上政府部门")
                    .type("sharingConditions.purpose", "资格审查")
                    .type("usageConditions", "仅限申请事项使用")
                    .type("items[0].name", "id_number")
                    .type("items[0].label", "公民身份号码")
                    .choose("items[0].type", "C")
                    .type("items[0].length", "18")
                    .choose("items[0].mask", "ID_NUMBER")
                    .choose("items[0].level", "IMPORTANT")
                    .click(By.name("items[0].primaryKey"))
                    .click(By.name("items[0].sensitive"))
                    .type("items[1].name", "household_size")
                    .type("items[1].label", "家庭人口")
                    .choose("items[1].type", "I");
            // A mistake first: the error shows next to the field and what was typed stays.
            browser.type("items[1].length", "many");
            browser.screenshot("01-steward-editor");
            browser.click(By.id("save-resource"));
            assertTrue(browser.text(By.cssSelector(".form-errors")).length() > 0);
            assertEquals(name, browser.find(By.id("name")).getAttribute("value"));
            assertTrue(browser.page().contains("must be a whole number"));
            browser.screenshot("02-steward-editor-error");
            browser.type("items[1].length", "2").click(By.id("save-resource"));
            browser.waitFor(d -> RESOURCE_ID.matcher(d.getCurrentUrl()).find());
            Matcher m = RESOURCE_ID.matcher(browser.driver.getCurrentUrl());
            assertTrue(m.find());
            resourceId = m.group(1);
            browser.click(By.id("submit-for-review"));
            browser.waitFor(d ->
                    "SUBMITTED".equals(d.findElement(By.id("resource-status")).getAttribute("data-status")));
            browser.signOut();

            // 2. The authority publishes it from the review queue.
            browser.signInAs("dsb-admin").open("/console/authority/review");
            browser.find(By.id("review-" + resourceId));
            browser.screenshot("03-authority-review");
            browser.click(By.cssSelector("#review-" + resourceId + " button.publish"));
            browser.waitFor(d -> d.findElements(By.id("review-" + resourceId)).isEmpty());
            browser.signOut();

            // 3. The HR department's application finds it, puts it in the cart and files the request.
            browser.signInAs("hrss-app").open("/console/catalogue");
            browser.type("q", name);
            browser.find(By.id("q")).submit();
            browser.click(By.cssSelector("a[href='/console/resources/" + resourceId + "']"));
            browser.screenshot("04-resource-page");
            browser.click(By.id("add-to-cart"));
            browser.open("/console/cart");
            for (WebElement item : browser.driver.findElements(By.name("items-" + resourceId))) {
                item.click();
            }
            browser.type("legalBasis", "《社会保险法》第五十八条")
                    .type("scenario", "社保参保资格核验")
                    .type("purpose", "核验参保人身份")
                    .choose("mode", "API");
            browser.screenshot("05-cart");
            browser.click(By.id("submit-cart"));
            browser.waitFor(d -> d.getCurrentUrl().contains("/console/requests"));
            browser.click(By.xpath("//table[@class='requests']//a[contains(., '" + name + "')]"));
            browser.waitFor(d -> REQUEST_ID.matcher(d.getCurrentUrl()).find());
            Matcher r = REQUEST_ID.matcher(browser.driver.getCurrentUrl());
            assertTrue(r.find());
            requestId = r.group(1);
            browser.signOut();

            // 4. The requester's officer endorses it from the inbox; the provider's officer approves it.
            browser.signInAs("hrss-officer").open("/console/inbox");
            browser.click(By.cssSelector("a[href='/console/requests/" + requestId + "']"));
            browser.screenshot("06-officer-endorse");
            browser.click(By.id("endorse"));
            browser.waitFor(d -> d.findElements(By.id("endorse")).isEmpty());
            browser.signOut();
            browser.signInAs("psb-officer").open("/console/inbox");
            browser.click(By.cssSelector("a[href='/console/requests/" + requestId + "']"));
            browser.click(By.cssSelector("input[name='outcome'][value='APPROVE']"));
            browser.screenshot("07-officer-decide");
            browser.click(By.id("submit-decision"));
            browser.waitFor(d -> d.findElements(By.id("submit-decision")).isEmpty());
            browser.signOut();

            // 5. The requester sees the grant on the request.
            browser.signInAs("hrss-app").open("/console/requests/" + requestId);
            String grant = browser.text(By.id("grant"));
            assertTrue(grant.contains("ACTIVE") || grant.contains("有效"), grant);
            browser.screenshot("08-requester-grant");
            browser.signOut();
        }

        // 6. The application queries the data through the API (machines do not use the console); it is ledgered.
        String exchangeId = Api.as("hrss-app")
                .queryParam("id_number", "11010519491231002X")
                .get("/api/v1/exchange/" + resourceId + "/records")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Exchange-Id");
        Api.as("hrss-app")
                .queryParam("household_size", "2")
                .get("/api/v1/exchange/" + resourceId + "/records")
                .then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));

        // 7. The provider's auditor finds the exchange in the ledger and the browser verifies its receipt.
        try (Chromium browser = Chromium.start(base.toString())) {
            browser.signInAs("psb-auditor").open("/console/ledger");
            browser.type("resource", resourceId);
            browser.click(By.cssSelector("form.filters button[type='submit']"));
            browser.waitFor(d -> d.getCurrentUrl().contains("resource=" + resourceId));
            browser.waitFor(
                    d -> "true".equals(d.findElement(By.id("chart-days")).getAttribute("data-rendered")));
            browser.waitFor(
                    d -> "true".equals(d.findElement(By.id("chart-refusals")).getAttribute("data-rendered")));
            assertFalse(
                    browser.driver
                            .findElements(By.cssSelector("#chart-days svg"))
                            .isEmpty(),
                    "chart drawn");
            browser.screenshot("09-ledger");
            String receipt = "/console/ledger/receipts/" + exchangeId;
            browser.click(By.cssSelector("a[href='" + receipt + "']"));
            for (int i = 0;
                    i < 60
                            && browser.driver
                                    .findElements(By.id("receipt-result"))
                                    .isEmpty();
                    i++) {
                Thread.sleep(500); // the sealer publishes a checkpoint within a few seconds
                browser.open(receipt);
            }
            String verified = browser.waitFor(d -> {
                String state = d.findElement(By.id("receipt-result")).getAttribute("data-verified");
                return state == null ? null : state;
            });
            assertEquals("true", verified, browser.text(By.id("receipt-result")));
            assertTrue(browser.text(By.id("signature-result")).length() > 0);
            assertTrue(browser.find(By.id("signature-result"))
                    .getAttribute("class")
                    .contains("ok"));
            browser.screenshot("10-receipt-verified");
        }
    }

    @Test
    void the_authority_edits_an_allow_list_and_an_auditor_filters_the_ledger_for_refusals() {
        String resourceId = Api.published(Api.resource(Api.unique("浏览器白名单")));
        String refused = Api.as("mca-app") // no grant: refused, and ledgered
                .queryParam("id_number", "11010519491231002X")
                .get("/api/v1/exchange/" + resourceId + "/records")
                .then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .extract()
                .header("X-Exchange-Id");
        String host = "api-" + Long.toString(System.nanoTime(), 36) + ".amr.example.gov.cn";
        By add = By.cssSelector("#dept-zj-amr form.add-host button[type='submit']");
        try (Chromium browser = Chromium.start(base.toString())) {
            // 1. The authority tries a cloud metadata host: refused next to the field, what was typed stays.
            browser.signInAs("dsb-admin").open("/console/authority/upstream-hosts");
            browser.choose("scheme-zj-amr", "http")
                    .type("host-zj-amr", "metadata.google.internal")
                    .type("port-zj-amr", "80")
                    .click(add);
            assertTrue(browser.text(By.id("host-zj-amr-error")).contains("元数据"), browser.page());
            assertEquals(
                    "metadata.google.internal",
                    browser.find(By.id("host-zj-amr")).getAttribute("value"));
            browser.screenshot("16-allow-list-refused");
            // 2. A proper host is added, then removed again.
            browser.choose("scheme-zj-amr", "https")
                    .type("host-zj-amr", host)
                    .type("port-zj-amr", "8443")
                    .click(add);
            browser.waitFor(d -> d.getCurrentUrl().contains("saved=zj-amr"));
            assertTrue(browser.text(By.id("dept-zj-amr")).contains(host));
            browser.screenshot("17-allow-list-added");
            browser.click(By.cssSelector("#dept-zj-amr button[aria-label$='" + host + ":8443']"));
            browser.waitFor(d -> !d.findElement(By.id("dept-zj-amr")).getText().contains(host));
            browser.signOut();

            // 3. The provider's auditor narrows the ledger to the resource's refused exchanges.
            browser.signInAs("psb-auditor").open("/console/ledger");
            browser.type("resource", resourceId).choose("outcome", "REFUSED");
            browser.click(By.cssSelector("form.filters button[type='submit']"));
            browser.waitFor(d -> d.getCurrentUrl().contains("outcome=REFUSED"));
            browser.find(By.cssSelector("a[href='/console/ledger/receipts/" + refused + "']"));
            assertEquals(
                    "REFUSED",
                    new org.openqa.selenium.support.ui.Select(browser.find(By.id("outcome")))
                            .getFirstSelectedOption()
                            .getAttribute("value"));
            browser.screenshot("18-ledger-refused");
        }
    }

    @Test
    void a_steward_loads_a_file_and_watches_the_progress_until_the_problems_are_listed() throws Exception {
        String id = Api.published(Api.resource(Api.unique("浏览器加载")));
        Path csv = Files.createTempFile("rows-", ".csv");
        Files.writeString(
                csv,
                "id_number,full_name,mobile,household_size\n"
                        + "11010519491231002X,张三,13800000000,3\n"
                        + "110105194912310021,李四,13800000001,three\n",
                StandardCharsets.UTF_8);
        try (Chromium browser = Chromium.start(base.toString())) {
            browser.signInAs("psb-steward").open("/console/steward/" + id + "/load");
            browser.find(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
            browser.click(By.cssSelector("form[enctype='multipart/form-data'] button[type='submit']"));
            browser.waitFor(
                    d -> !"RUNNING".equals(d.findElement(By.id("load-progress")).getAttribute("data-status")));
            assertEquals("FAILED", browser.find(By.id("load-progress")).getAttribute("data-status"));
            assertTrue(browser.text(By.cssSelector(".problems")).contains("line 3"));
            browser.screenshot("11-load-problems");

            Files.writeString(
                    csv,
                    "id_number,full_name,mobile,household_size\n11010519491231002X,张三,13800000000,3\n",
                    StandardCharsets.UTF_8);
            browser.open("/console/steward/" + id + "/load");
            browser.find(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
            browser.click(By.cssSelector("form[enctype='multipart/form-data'] button[type='submit']"));
            browser.waitFor(d ->
                    "SUCCEEDED".equals(d.findElement(By.id("load-progress")).getAttribute("data-status")));
            browser.screenshot("12-load-done");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void forbidden_pages_are_403_and_404_pages_without_a_stack_trace() {
        String request = Api.file("mca-app", Api.RESIDENTS, List.of("id_number"));
        try (Chromium browser = Chromium.start(base.toString())) {
            // A consumer of another department cannot open the civil-affairs department's request.
            browser.signInAs("hrss-app").open("/console/requests/" + request);
            String page = browser.page();
            assertTrue(page.contains("404"), page);
            assertFalse(page.contains("Exception") || page.contains("at io.interchange"), page);
            // Only consumers file requests; a steward's browser gets the 403 page.
            browser.signOut().signInAs("mca-steward").open("/console/resources/" + Api.RESIDENTS + "/request");
            page = browser.page();
            assertTrue(page.contains("403"), page);
            assertFalse(page.contains("Exception"), page);
            browser.screenshot("13-forbidden");
        }
    }

    @Test
    void the_language_switch_changes_the_words_and_is_remembered() {
        try (Chromium browser = Chromium.start(base.toString())) {
            browser.signInAs("mca-app").open("/console/catalogue");
            assertEquals("zh-CN", browser.find(By.tagName("html")).getAttribute("lang"));
            browser.click(By.cssSelector("a[lang='en']"));
            browser.waitFor(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            assertTrue(browser.text(By.cssSelector("h1")).contains("Catalogue"));
            browser.screenshot("14-catalogue-en");
            browser.open("/console/requests");
            assertEquals("en", browser.find(By.tagName("html")).getAttribute("lang"));
            browser.click(By.cssSelector("a[lang='zh-CN']"));
            browser.waitFor(
                    d -> "zh-CN".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        }
    }

    /**
     * The catalogue page's weight (bytes of HTML, CSS and JS as the browser received them) and its time to first
     * render, from the Navigation and Paint Timing APIs; printed and written to {@code target/console-metrics.txt}.
     */
    @Test
    void the_catalogue_page_is_light_and_renders_fast() throws Exception {
        try (Chromium browser = Chromium.start(base.toString())) {
            browser.signInAs("mca-app").open("/console/catalogue"); // warm the server
            // Every run fetches everything, as a first visit would.
            var cdp = (org.openqa.selenium.chrome.ChromeDriver) browser.driver;
            cdp.executeCdpCommand("Network.enable", Map.of());
            cdp.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            StringBuilder report = new StringBuilder();
            long worstBytes = 0;
            double worstPaint = 0;
            for (int run = 0; run < 5; run++) {
                browser.open("/console/catalogue?q=" + run);
                browser.waitFor(d -> (Boolean)
                        browser.script("return performance.getEntriesByName('first-contentful-paint').length > 0"));
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) browser.script("""
                        const nav = performance.getEntriesByType('navigation')[0];
                        const res = performance.getEntriesByType('resource');
                        const paint = performance.getEntriesByName('first-contentful-paint')[0];
                        const size = e => e.decodedBodySize || 0;
                        return {
                          html: size(nav),
                          css: res.filter(r => r.name.endsWith('.css')).reduce((a, r) => a + size(r), 0),
                          js: res.filter(r => r.name.endsWith('.js')).reduce((a, r) => a + size(r), 0),
                          ttfb: nav.responseStart - nav.startTime,
                          fcp: paint ? paint.startTime : -1,
                          dcl: nav.domContentLoadedEventEnd - nav.startTime
                        };""");
                long bytes = ((Number) m.get("html")).longValue()
                        + ((Number) m.get("css")).longValue()
                        + ((Number) m.get("js")).longValue();
                double fcp = ((Number) m.get("fcp")).doubleValue();
                worstBytes = Math.max(worstBytes, bytes);
                worstPaint = Math.max(worstPaint, fcp);
                report.append("run ")
                        .append(run)
                        .append(": ")
                        .append(m)
                        .append(" total=")
                        .append(bytes)
                        .append('\n');
            }
            browser.screenshot("15-catalogue");
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "console-metrics.txt"), report.toString());
            System.out.println("Catalogue page metrics (decoded bytes, ms):\n" + report);
            assertTrue(worstBytes > 0 && worstBytes < 200_000, "catalogue weight " + worstBytes);
            assertTrue(worstPaint > 0 && worstPaint < 10_000, "first contentful paint " + worstPaint);
        }
    }
}
