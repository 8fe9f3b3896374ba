// The benchmark's in-repo driver: JDK 17 only, one source file, no dependencies, so the hub and every baseline are
// measured by the same code. Run it as `java bench/driver/Load.java <command> ...` (bench/run compiles it once into
// bench/work/classes and runs `java -cp bench/work/classes Load ...`, which is the same program without the
// per-call compile).
//
// Commands (all talk only to 127.0.0.1 addresses they are given):
//   token HUB CLIENT                              print a demo client-credentials token
//   setup-hosted HUB ROWS OUTDIR                  steward drafts + submits a hosted resource, dsb-admin publishes,
//                                                 rows are loaded (JSON arrays, batched), mca-app requests access,
//                                                 mca-officer endorses, psb-officer approves; writes OUTDIR/hosted.env
//                                                 and OUTDIR/hosted-urls.txt (keyed lookups, deterministic keys)
//   catalog HUB COUNT THREADS OUTDIR              COUNT resources through the API (create, submit, publish), Chinese
//                                                 and English names from fixed word lists; writes search URL files
//   upstream HUB STUB_URL OUTDIR                  tries to declare an UPSTREAM resource pointing at the stub and query
//                                                 it through a grant; exit 0 + OUTDIR/upstream.env when it works
//   http --urls FILE [--token T] --conns C --seconds S [--warmup W] [--max-requests N]
//                                                 closed-loop load: C threads, one keep-alive connection each, every
//                                                 URL of FILE in turn; prints one `key=value` line (latencies in ms)
//   sealing --hub HUB --token T --url URL --seconds S [--receipts-out FILE]
//                                                 sealing lag: one query every 100 ms, then its receipt is polled
//                                                 every 5 ms until 200; prints lag percentiles (ms)
//   ledger-files HUB DIR                          what an auditor fetches before verifying offline, as the README's jq
//                                                 lines do: DIR/ledger-key.pem (public-key .pem), DIR/checkpoint.txt
//                                                 (checkpoint .note); prints the checkpoint's tree size
//   proof-urls HUB SIZE COUNT FILE                COUNT inclusion-proof URLs of leaves spread over [0, SIZE) (fixed
//                                                 seed, so every run asks for the same leaves)
//   csv FILE ROWS                                 the bulk-load CSV (same keys as setup-hosted)
//   post-file URL TOKEN CONTENT_TYPE FILE         POSTs a file, prints `status=.. seconds=.. body=..`
//   report MEASUREMENTS STATUS META OUT_JSON OUT_MD
//                                                 medians and spreads per figure, ratios, targets -> latest.json/md
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Load {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Load <token|setup-hosted|catalog|upstream|http|sealing|csv|post-file|report> ...");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "token" -> System.out.println(token(rest[0], rest[1]));
            case "setup-hosted" -> setupHosted(rest[0], Integer.parseInt(rest[1]), Path.of(rest[2]));
            case "catalog" -> catalog(rest[0], Integer.parseInt(rest[1]), Integer.parseInt(rest[2]), Path.of(rest[3]));
            case "upstream" -> System.exit(upstream(rest[0], rest[1], Path.of(rest[2])));
            case "http" -> http(options(rest));
            case "sealing" -> sealing(options(rest));
            case "ledger-files" -> ledgerFiles(rest[0], Path.of(rest[1]));
            case "proof-urls" -> proofUrls(rest[0], Long.parseLong(rest[1]), Integer.parseInt(rest[2]),
                    Path.of(rest[3]));
            case "csv" -> csv(Path.of(rest[0]), Integer.parseInt(rest[1]));
            case "post-file" -> postFile(rest[0], rest[1], rest[2], Path.of(rest[3]));
            case "report" -> Report.run(Path.of(rest[0]), Path.of(rest[1]), Path.of(rest[2]), Path.of(rest[3]),
                    Path.of(rest[4]));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- API calls

    record Reply(int status, String body, HttpResponse<String> raw) {}

    static String token(String hub, String client) {
        Reply r = send(HttpRequest.newBuilder(URI.create(hub + "/demo/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=" + client + "&client_secret=" + client + "-secret"))
                .build());
        expect(r, 200, "token for " + client);
        return member(r.body(), "access_token");
    }

    static Reply call(String method, String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(b.build());
    }

    static Reply send(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.body(), r);
            } catch (IOException e) {
                if (attempt >= 3) {
                    throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static Reply expect(Reply r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + ": HTTP " + r.status() + " " + abbreviate(r.body()));
        }
        return r;
    }

    /** The {@code detail} of a problem+json answer, or the start of the body. */
    static String problem(String body) {
        try {
            return member(body, "detail");
        } catch (IllegalStateException e) {
            return abbreviate(body).replace('\n', ' ');
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    /** The first string member called {@code name} (enough for ids and tokens; no JSON library on purpose). */
    static String member(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no member " + name + " in " + abbreviate(json));
        }
        return m.group(1);
    }

    /** A distinct, valid 居民身份证号 per i (the hub checks ISO 7064 MOD 11-2 on load): 1,000 per birth date. */
    static String key(int i) {
        String birth = java.time.LocalDate.of(1950, 1, 1)
                .plusDays(i / 1000)
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "330106" + birth + String.format(Locale.ROOT, "%03d", i % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (first17.charAt(k) - '0') * weights[k];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static final String HOSTED_ITEMS = """
            [{"name": "id_number", "label": "公民身份号码", "labelEn": "ID number", "type": "C", "length": 18,
              "primaryKey": true, "filterable": true, "subjectIdentifier": true, "sensitive": true,
              "mask": {"kind": "ID_NUMBER"}, "level": "IMPORTANT"},
             {"name": "full_name", "label": "姓名", "labelEn": "Name", "type": "C", "length": 50, "sensitive": true,
              "mask": {"kind": "NAME"}},
             {"name": "mobile", "label": "手机号码", "labelEn": "Mobile", "type": "C", "length": 11, "sensitive": true,
              "mask": {"kind": "MOBILE"}},
             {"name": "region_code", "label": "居住地区划", "labelEn": "Region", "type": "C", "length": 6,
              "filterable": true}]""";

    static String resourceJson(String name, String nameEn, String items, String source) {
        return """
                {"name": "%s", "nameEn": "%s",
                 "summary": "%s（基准测试数据）", "summaryEn": "%s (benchmark data)",
                 "classification": {"category": "3", "item": "01", "subItem": "002"},
                 "format": {"category": "DATABASE", "type": "PostgreSQL"},
                 "items": %s,
                 "sharingType": "CONDITIONAL", "sharingConditions": {"scope": "县级以上政府部门", "purpose": "资格审查"},
                 "sharingModes": ["API", "BULK"], "updateCycle": "DAILY", "usageConditions": "仅限基准测试使用"%s}"""
                .formatted(name, nameEn, name, nameEn, items, source == null ? "" : ", \"source\": " + source);
    }

    /** steward → submit → dsb-admin publish; returns the resource id. */
    static String publish(String hub, String steward, String admin, String json) {
        String id = member(expect(call("POST", hub + "/api/v1/resources", steward, json), 201, "create").body(), "id");
        expect(call("POST", hub + "/api/v1/resources/" + id + "/submit", steward, null), 200, "submit " + id);
        expect(call("POST", hub + "/api/v1/resources/" + id + "/publish", admin, null), 200, "publish " + id);
        return id;
    }

    /** mca-app files, mca-officer endorses, psb-officer approves with the highest rate limit the API accepts. */
    static void grant(String hub, String resourceId) {
        String app = token(hub, "mca-app");
        String req = member(expect(call("POST", hub + "/api/v1/access-requests", app, """
                {"resourceId": "%s", "items": ["id_number", "full_name"], "legalBasis": "《社会救助暂行办法》第十一条",
                 "scenario": "基准测试", "purpose": "benchmark", "mode": "API", "validUntil": "2030-12-31"}"""
                .formatted(resourceId)), 201, "access request").body(), "id");
        expect(call("POST", hub + "/api/v1/access-requests/" + req + "/endorse", token(hub, "mca-officer"), null),
                200, "endorse");
        expect(call("POST", hub + "/api/v1/access-requests/" + req + "/decision", token(hub, "psb-officer"), """
                {"outcome": "APPROVE", "reason": "基准测试", "rateLimitPerMinute": 1000000}"""), 200, "decision");
    }

    static void setupHosted(String hub, int rows, Path out) throws IOException {
        String steward = token(hub, "psb-steward");
        String admin = token(hub, "dsb-admin");
        String res = publish(hub, steward, admin,
                resourceJson("基准常住人口", "Benchmark residents", HOSTED_ITEMS, null));
        int batch = 5000;
        for (int from = 0; from < rows; from += batch) {
            StringBuilder body = new StringBuilder(batch * 110).append('[');
            for (int i = from; i < Math.min(rows, from + batch); i++) {
                if (i > from) {
                    body.append(',');
                }
                body.append("{\"id_number\":\"").append(key(i)).append("\",\"full_name\":\"测试")
                        .append(i).append("\",\"mobile\":\"138").append(String.format(Locale.ROOT, "%08d", i))
                        .append("\",\"region_code\":\"3301").append(String.format(Locale.ROOT, "%02d", i % 100))
                        .append("\"}");
            }
            body.append(']');
            expect(call("POST", hub + "/api/v1/resources/" + res + "/records?mode=" + (from == 0 ? "replace" : "upsert"),
                    steward, body.toString()), 200, "load rows " + from);
        }
        grant(hub, res);
        List<String> urls = new ArrayList<>();
        int n = Math.min(rows, 10_000);
        for (int j = 0; j < n; j++) {
            // Deterministic spread over all keys: a multiplicative step co-prime with most sizes.
            int i = (int) ((j * 7919L) % rows);
            urls.add(hub + "/api/v1/exchange/" + res + "/records?id_number=" + key(i));
        }
        Files.createDirectories(out);
        Files.write(out.resolve("hosted-urls.txt"), urls);
        Files.writeString(out.resolve("hosted.env"), "HOSTED_RES=" + res + "\nHOSTED_ROWS=" + rows + "\n");
        System.out.println("hosted resource " + res + " with " + rows + " rows, grant to zj-mca");
    }

    static final String[][] TOPICS = {
        {"户籍", "household registration"}, {"社会保险", "social insurance"}, {"婚姻", "marriage"},
        {"企业", "enterprise"}, {"不动产", "real estate"}, {"医疗保障", "medical insurance"}, {"学历", "education"},
        {"纳税", "tax payment"}, {"机动车", "motor vehicle"}, {"残疾人", "disability"}, {"法律援助", "legal aid"},
        {"道路运输", "road transport"}, {"养老", "pension"}, {"就业", "employment"}, {"住房公积金", "housing fund"},
        {"身份", "identity"}, {"出生医学", "birth medical"}, {"低保", "subsistence allowance"},
        {"食品经营", "food business"}, {"建筑资质", "construction qualification"}
    };
    static final String[][] QUALIFIERS = {
        {"登记信息", "registration"}, {"缴费记录", "payment records"}, {"变更信息", "change history"},
        {"证明", "certificate"}, {"统计", "statistics"}, {"名单", "roster"}, {"明细", "details"},
        {"许可", "licence"}, {"核验", "verification"}, {"档案", "archive"}
    };
    static final String[] STEWARDS = {"psb-steward", "mca-steward", "hrss-steward", "amr-steward"};

    static void catalog(String hub, int count, int threads, Path out) throws Exception {
        String admin = token(hub, "dsb-admin");
        Map<String, String> stewards = new LinkedHashMap<>();
        for (String s : STEWARDS) {
            stewards.put(s, token(hub, s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        String tag = Long.toString(System.currentTimeMillis() % 100000, 36);
        for (int i = 0; i < count; i++) {
            int n = i;
            pool.submit(() -> {
                if (failure.get() != null) {
                    return;
                }
                try {
                    String[] t = TOPICS[n % TOPICS.length];
                    String[] q = QUALIFIERS[(n / TOPICS.length) % QUALIFIERS.length];
                    String items = """
                            [{"name": "record_no", "label": "记录编号", "labelEn": "Record number", "type": "C",
                              "length": 32, "primaryKey": true, "filterable": true}]""";
                    publish(hub, stewards.get(STEWARDS[n % STEWARDS.length]), admin, resourceJson(
                            t[0] + q[0] + "（基准" + tag + "-" + n + "）",
                            t[1] + " " + q[1] + " (bench " + tag + "-" + n + ")", items, null));
                    done.incrementAndGet();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        if (failure.get() != null) {
            throw failure.get();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "catalog: %d resources published in %.1f s (%.0f/s)%n", done.get(), s,
                done.get() / s);
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (String[] t : TOPICS) {
            zh.add(hub + "/api/v1/resources?limit=20&q=" + URLEncoder.encode(t[0], StandardCharsets.UTF_8));
            en.add(hub + "/api/v1/resources?limit=20&q=" + URLEncoder.encode(t[1], StandardCharsets.UTF_8));
        }
        for (String[] q : QUALIFIERS) {
            zh.add(hub + "/api/v1/resources?limit=20&q=" + URLEncoder.encode(q[0], StandardCharsets.UTF_8));
            en.add(hub + "/api/v1/resources?limit=20&q=" + URLEncoder.encode(q[1], StandardCharsets.UTF_8));
        }
        Files.createDirectories(out);
        Files.write(out.resolve("search-zh.txt"), zh);
        Files.write(out.resolve("search-en.txt"), en);
    }

    /** 0 when the hub accepts an UPSTREAM resource at the stub and answers a query through it; 3 when it does not. */
    static int upstream(String hub, String stub, Path out) throws IOException {
        try {
            URI u = URI.create(stub);
            String admin = token(hub, "dsb-admin");
            // Allow-list entry for the stub (exact scheme, host, port); ignored when the endpoint does not exist yet.
            call("PUT", hub + "/api/v1/departments/zj-psb/upstream-hosts", admin,
                    "[{\"scheme\": \"http\", \"host\": \"%s\", \"port\": %d}]".formatted(u.getHost(), u.getPort()));
            String source = """
                    {"kind": "UPSTREAM", "endpoint": {"urlTemplate": "%s/api/residents/{id_number}", "method": "GET",
                     "headers": {}, "timeoutMs": 3000, "maxResponseBytes": 1048576}}""".formatted(stub);
            String steward = token(hub, "psb-steward");
            // an UPSTREAM resource is shared in API mode only (the hub does not page a department's API for exports)
            Reply created = call("POST", hub + "/api/v1/resources", steward,
                    resourceJson("基准上游人口", "Benchmark upstream residents", HOSTED_ITEMS, source)
                            .replace("\"sharingModes\": [\"API\", \"BULK\"]", "\"sharingModes\": [\"API\"]"));
            if (created.status() != 201) {
                System.out.println("create answered " + created.status() + ": " + problem(created.body()));
                return 3;
            }
            String id = member(created.body(), "id");
            expect(call("POST", hub + "/api/v1/resources/" + id + "/submit", steward, null), 200, "submit");
            expect(call("POST", hub + "/api/v1/resources/" + id + "/publish", admin, null), 200, "publish");
            grant(hub, id);
            // The stub echoes the asked ID number into its record, so the hub's own check of the answer against
            // the query (it releases only records matching what was asked) keeps every row.
            List<String> urls = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                urls.add(hub + "/api/v1/exchange/" + id + "/records?id_number=" + key(i));
            }
            String url = urls.get(0);
            Reply q = call("GET", url, token(hub, "mca-app"), null);
            if (q.status() != 200 || !q.body().contains("\"items\":[{")) {
                System.out.println("query answered " + q.status() + ": " + problem(q.body()));
                return 3;
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("upstream.env"), "UPSTREAM_RES=" + id + "\n");
            Files.write(out.resolve("upstream-urls.txt"), urls);
            System.out.println("upstream resource " + id + " answers through the hub");
            return 0;
        } catch (RuntimeException e) {
            System.out.println(e.getMessage().replace('\n', ' '));
            return 3;
        }
    }

    // --------------------------------------------------------------------------------------------------------- load

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }

    /** A growable array of latencies in nanoseconds, one per thread (no sharing on the hot path). */
    static final class Samples {
        long[] values = new long[1 << 14];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    static double percentileMs(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static void http(Map<String, String> o) throws Exception {
        List<String> urls = Files.readAllLines(Path.of(o.get("urls"))).stream().filter(s -> !s.isBlank()).toList();
        String token = o.get("token");
        int conns = Integer.parseInt(o.getOrDefault("conns", "1"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "5"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "1"));
        long maxRequests = Long.parseLong(o.getOrDefault("max-requests", "50000000"));
        List<URI> uris = urls.stream().map(URI::create).toList();
        // One client per thread: each keeps its own keep-alive connection, as wrk's connections do.
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(conns);
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong issued = new java.util.concurrent.atomic.AtomicLong();
        List<Future<Samples>> futures = new ArrayList<>();
        for (int t = 0; t < conns; t++) {
            int offset = (int) ((long) t * uris.size() / conns);
            futures.add(pool.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                Samples s = new Samples();
                int i = offset;
                while (true) {
                    long before = System.nanoTime();
                    if (before >= end || issued.incrementAndGet() > maxRequests) {
                        break;
                    }
                    HttpRequest.Builder b = HttpRequest.newBuilder(uris.get(i++ % uris.size()))
                            .timeout(Duration.ofSeconds(30));
                    if (token != null) {
                        b.header("Authorization", "Bearer " + token);
                    }
                    int status;
                    String body = null;
                    try {
                        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        status = r.statusCode();
                        body = r.body();
                    } catch (IOException e) {
                        status = -1;
                        body = e.toString();
                    }
                    long after = System.nanoTime();
                    if (before < measureFrom) {
                        continue;
                    }
                    if (status / 100 != 2) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, status + " " + abbreviate(body));
                    } else {
                        s.add(after - before);
                    }
                }
                return s;
            }));
        }
        int total = 0;
        List<Samples> all = new ArrayList<>();
        for (Future<Samples> f : futures) {
            Samples s = f.get();
            all.add(s);
            total += s.size;
        }
        pool.shutdown();
        long[] merged = new long[total];
        int at = 0;
        for (Samples s : all) {
            System.arraycopy(s.values, 0, merged, at, s.size);
            at += s.size;
        }
        Arrays.sort(merged);
        double elapsed = Math.min(System.nanoTime(), end) - measureFrom;
        double rps = total / (elapsed / 1e9);
        if (firstError.get() != null) {
            System.err.println("first error: " + firstError.get());
        }
        System.out.printf(Locale.ROOT,
                "requests=%d errors=%d rps=%.1f p50=%.3f p95=%.3f p99=%.3f max=%.3f%n",
                total, errors.get(), rps, percentileMs(merged, 0.50), percentileMs(merged, 0.95),
                percentileMs(merged, 0.99), percentileMs(merged, 1.0));
    }

    /** Time from a query's answer to its receipt being served (the sealer's lag as a client sees it). */
    static void sealing(Map<String, String> o) throws Exception {
        String hub = o.get("hub");
        String token = o.get("token");
        URI url = URI.create(o.get("url"));
        long end = System.nanoTime() + (long) (Double.parseDouble(o.getOrDefault("seconds", "5")) * 1e9);
        Samples lags = new Samples();
        List<String> receipts = new ArrayList<>();
        int unsealed = 0;
        while (System.nanoTime() < end) {
            HttpResponse<String> q = CLIENT.send(
                    HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            String id = q.headers().firstValue("X-Exchange-Id").orElseThrow();
            URI receipt = URI.create(hub + "/api/v1/ledger/receipts/" + id);
            boolean sealed = false;
            while (System.nanoTime() - answered < 10_000_000_000L) {
                HttpResponse<String> r = CLIENT.send(
                        HttpRequest.newBuilder(receipt).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    lags.add(System.nanoTime() - answered);
                    receipts.add(receipt.toString());
                    sealed = true;
                    break;
                }
                Thread.sleep(5);
            }
            if (!sealed) {
                unsealed++;
            }
            Thread.sleep(100);
        }
        if (o.containsKey("receipts-out")) {
            Files.write(Path.of(o.get("receipts-out")), receipts);
        }
        long[] sorted = Arrays.copyOf(lags.values, lags.size);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "samples=%d unsealed=%d p50=%.3f p99=%.3f max=%.3f%n", sorted.length, unsealed,
                percentileMs(sorted, 0.5), percentileMs(sorted, 0.99), percentileMs(sorted, 1.0));
    }

    /** The public key and the signed checkpoint, written exactly as {@code jq -r .pem} / {@code jq -r .note} would. */
    static void ledgerFiles(String hub, Path dir) throws IOException {
        Files.createDirectories(dir);
        String key = expect(call("GET", hub + "/api/v1/ledger/public-key", null, null), 200, "public key").body();
        String checkpoint = expect(call("GET", hub + "/api/v1/ledger/checkpoint", null, null), 200, "checkpoint")
                .body();
        Files.writeString(dir.resolve("ledger-key.pem"), jsonString(key, "pem") + "\n");
        String note = jsonString(checkpoint, "note");
        Files.writeString(dir.resolve("checkpoint.txt"), note + "\n");
        System.out.println(note.split("\n")[1]);
    }

    /** A string member, unescaped (the note and the PEM hold newlines; {@link #member} is for plain ids). */
    static String jsonString(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no member " + name + " in " + abbreviate(json));
        }
        StringBuilder out = new StringBuilder();
        for (int i = m.end(); i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
        throw new IllegalStateException("unterminated string " + name);
    }

    static void proofUrls(String hub, long size, int count, Path file) throws IOException {
        java.util.Random random = new java.util.Random(7);
        List<String> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            urls.add(hub + "/api/v1/ledger/entries/" + random.nextLong(size) + "/proof");
        }
        Files.write(file, urls);
    }

    static void csv(Path file, int rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id_number,full_name,mobile,region_code\n");
            for (int i = 0; i < rows; i++) {
                w.write(key(i) + ",测试" + i + ",138" + String.format(Locale.ROOT, "%08d", i) + ",3301"
                        + String.format(Locale.ROOT, "%02d", i % 100) + "\n");
            }
        }
    }

    static void postFile(String url, String token, String contentType, Path file) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", contentType)
                        .timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // An asynchronous load (202 + Location) is followed until it is done.
        String location = r.headers().firstValue("Location").orElse(null);
        String body = r.body();
        int status = r.statusCode();
        if (status == 202 && location != null) {
            URI poll = URI.create(url).resolve(location);
            while (true) {
                Thread.sleep(100);
                HttpResponse<String> p = CLIENT.send(
                        HttpRequest.newBuilder(poll).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                body = p.body();
                if (p.statusCode() != 200 || !body.matches("(?s).*\"status\"\\s*:\\s*\"(QUEUED|RUNNING|PENDING)\".*")) {
                    status = p.statusCode();
                    break;
                }
            }
        }
        System.out.printf(Locale.ROOT, "status=%d seconds=%.3f body=%s%n", status, (System.nanoTime() - t0) / 1e9,
                abbreviate(body).replace('\n', ' '));
    }

    // ------------------------------------------------------------------------------------------------------- report

    /** Turns the harness's measurements into latest.json and latest.md. */
    static final class Report {

        /** One line of the table. kind: RATIO (hub/base), INV_RATIO (base/hub), DIFF (hub - base), ABS (hub only). */
        record Figure(String row, String figure, String unit, String hubKey, String baseKey, String kind,
                String target, String check) {}

        static final List<Figure> FIGURES = List.of(
                new Figure("B1a", "upstream query, 1 conn: added p50", "ms", "B1a.hub.p50", "B1a.stub.p50", "DIFF",
                        "≤ 1 ms", "diff<=1"),
                new Figure("B1a", "upstream query, 1 conn: added p99", "ms", "B1a.hub.p99", "B1a.stub.p99", "DIFF",
                        "≤ 5 ms", "diff<=5"),
                new Figure("B1a", "commit flush (pg_test_fsync, one 8 kB write, default method)", "ms/op",
                        "B1a.fsync.ms", null, "INFO", "(context)", null),
                new Figure("B1b", "upstream query, 16 conns: throughput", "req/s", "B1b.hub.rps", "B1b.stub.rps",
                        "RATIO", "≥ 0.35×", "ratio>=0.35"),
                new Figure("B1b", "ledgered exchanges/s (≈ 3,000 expected)", "exch/s", "B1b.hub.rps", null, "INFO",
                        "≈ 3000", null),
                new Figure("B2", "hosted keyed lookup vs pgbench SELECT+ledger INSERT (prepared)", "req/s",
                        "B2.hub.rps", "B2.pgbench.tps", "RATIO", "≥ 0.33×", "ratio>=0.33"),
                new Figure("B2", "hosted keyed lookup vs plain pgbench -S", "req/s", "B2.hub.rps", "B2.pgbenchS.tps",
                        "RATIO", "(context)", null),
                new Figure("B2", "hosted keyed lookup p99 (hub)", "ms", "B2.hub.p99", null, "INFO", "(context)", null),
                new Figure("B3", "catalogue search, Chinese: p50", "ms", "B3.zh.p50", null, "ABS", "(context)", null),
                new Figure("B3", "catalogue search, Chinese: p95", "ms", "B3.zh.p95", null, "ABS", "≤ 20 ms",
                        "hub<=20"),
                new Figure("B3", "catalogue search, English: p50", "ms", "B3.en.p50", null, "ABS", "(context)", null),
                new Figure("B3", "catalogue search, English: p95", "ms", "B3.en.p95", null, "ABS", "≤ 20 ms",
                        "hub<=20"),
                new Figure("B4", "bulk load CSV through the API vs COPY", "rows/s", "B4.hub.rowsps",
                        "B4.copy.rowsps", "RATIO", "≥ 0.5×", "ratio>=0.5"),
                new Figure("B5", "sealing lag p99 under B1b load (answer → receipt served)", "ms", "B5.seal.p99",
                        null, "ABS", "≤ 1000 ms", "hub<=1000"),
                new Figure("B5", "B1b throughput, sealing on vs paused (hub restarted with the switch)", "req/s",
                        "B5.on.rps", "B5.paused.rps", "RATIO", "≥ 0.9×", "ratio>=0.9"),
                new Figure("B5", "offline verify of the grown ledger's export (README command, JVM start included)",
                        "s", "B5.verify.s", null, "ABS", "≤ 5 s", "hub<=5"),
                new Figure("B5", "inclusion-proof request p95, random leaves of the grown ledger, 1 conn", "ms",
                        "B5.proof.p95", null, "ABS", "≤ 5 ms", "hub<=5"),
                new Figure("B5", "inclusion-proof request p50", "ms", "B5.proof.p50", null, "INFO", "(context)",
                        null),
                new Figure("B5", "receipt request p95 (the lag probe's exchanges), 1 conn", "ms", "B5.receipt.p95",
                        null, "INFO", "(context)", null),
                new Figure("B5", "grow the ledger: bulk INSERT of exchange entries + ANALYZE", "s", "B5.grow.s", null,
                        "INFO", "(context)", null),
                new Figure("B5", "sealing that backlog (insert done → all sealed)", "s", "B5.sealBacklog.s", null,
                        "INFO", "(context)", null),
                new Figure("B5", "sealing rate on that backlog", "entries/s", "B5.sealRate", null, "INFO",
                        "(context)", null),
                new Figure("B5", "export of the grown ledger over the API (NDJSON to a file)", "s", "B5.export.s",
                        null, "INFO", "(context)", null),
                new Figure("B6", "start to ready, external PostgreSQL (restart)", "s", "B6.external.s", null, "ABS", "≤ 3 s",
                        "hub<=3"),
                new Figure("B6", "start to ready, external PostgreSQL, first start (migrations + seed)", "s",
                        "B6.externalCold.s", null, "INFO", "(context)", null),
                new Figure("B6", "start to ready, embedded PostgreSQL (restart)", "s", "B6.embedded.s", null, "ABS",
                        "(context)", null),
                new Figure("B6", "start to ready, first start (embedded, initdb + migrations)", "s",
                        "B6.embeddedCold.s", null, "INFO", "(context)", null),
                new Figure("B6", "hub JVM RSS after load (shipped JVM flags)", "MB", "B6.rss.hub.mb", null, "ABS",
                        "≤ 300 MB", "hub<=300"),
                new Figure("B6", "embedded PostgreSQL processes, PSS sum (reported separately)", "MB",
                        "B6.rss.pg.mb", null, "INFO", "(context)", null));

        record Stat(double median, double min, double max, int n, List<Double> samples) {
            String spread() {
                if (n <= 1) {
                    return "n=1";
                }
                double pct = median == 0 ? 0 : (max - min) / Math.abs(median) * 100;
                return fmt(min) + "–" + fmt(max) + " (±" + String.format(Locale.ROOT, "%.0f", pct / 2) + "%, n=" + n
                        + ")";
            }
        }

        static String fmt(double v) {
            if (Double.isNaN(v)) {
                return "—";
            }
            double a = Math.abs(v);
            String f = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f";
            return String.format(Locale.ROOT, f, v);
        }

        static Stat stat(List<Double> v) {
            if (v == null || v.isEmpty()) {
                return null;
            }
            double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
            return new Stat(median, s[0], s[s.length - 1], s.length, v);
        }

        static void run(Path measurements, Path status, Path meta, Path outJson, Path outMd) throws IOException {
            Map<String, List<Double>> values = new TreeMap<>();
            for (String line : Files.readAllLines(measurements)) {
                String[] f = line.split("\t");
                if (f.length < 3 || f[2].isBlank() || f[2].equals("nan")) {
                    continue;
                }
                values.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[2]));
            }
            Map<String, String> rowStatus = new LinkedHashMap<>();
            for (String line : Files.readAllLines(status)) {
                String[] f = line.split("\t", 2);
                if (f.length == 2) {
                    rowStatus.merge(f[0], f[1], (a, b) -> a + "; " + b);
                }
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(meta)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            StringBuilder json = new StringBuilder("{\n  \"meta\": {");
            boolean first = true;
            for (var e : m.entrySet()) {
                json.append(first ? "\n" : ",\n").append("    ").append(q(e.getKey())).append(": ")
                        .append(q(e.getValue()));
                first = false;
            }
            json.append("\n  },\n  \"figures\": [");
            StringBuilder md = new StringBuilder();
            md.append("# Interchange benchmark — ").append(m.getOrDefault("mode", "?")).append(" run\n\n");
            md.append("> ").append(m.getOrDefault("label", "")).append("\n\n");
            md.append("Run ").append(m.getOrDefault("date", "")).append(", commit `")
                    .append(m.getOrDefault("commit", "?")).append("`, ").append(m.getOrDefault("rounds", "?"))
                    .append(" A/B round(s), database: ").append(m.getOrDefault("database", "?")).append(", ")
                    .append(m.getOrDefault("machine", "")).append(".\n\n");
            md.append("| row | figure | hub | baseline | ratio | target | spread (hub) | status |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < FIGURES.size(); i++) {
                Figure f = FIGURES.get(i);
                String st = rowStatus.getOrDefault(f.row(), "ok");
                Stat hub = stat(values.get(f.hubKey()));
                Stat base = f.baseKey() == null ? null : stat(values.get(f.baseKey()));
                boolean available = !st.startsWith("not available");
                String note = rowStatus.containsKey(f.row()) && !st.equals("ok") ? " (note " + f.row() + ")" : "";
                String ratioText = "";
                Double ratio = null;
                Double diff = null;
                if (hub != null && base != null) {
                    switch (f.kind()) {
                        case "RATIO" -> ratio = hub.median() / base.median();
                        case "DIFF" -> diff = hub.median() - base.median();
                        default -> { }
                    }
                }
                if (ratio != null) {
                    ratioText = String.format(Locale.ROOT, ratio < 0.1 ? "%.4f×" : "%.2f×", ratio);
                } else if (diff != null) {
                    ratioText = (diff >= 0 ? "+" : "") + fmt(diff) + " " + f.unit();
                }
                String met = "";
                boolean judged = !"smoke".equals(m.get("mode"));  // a smoke run proves the harness, not the hub
                if (judged && f.check() != null && hub != null) {
                    String[] c = f.check().split("<=|>=");
                    double limit = Double.parseDouble(c[1]);
                    Double x = c[0].equals("ratio") ? ratio : c[0].equals("diff") ? diff : Double.valueOf(hub.median());
                    if (x != null) {
                        met = (f.check().contains("<=") ? x <= limit : x >= limit) ? "meets" : "misses";
                    }
                }
                String statusText;
                if (hub != null) {
                    statusText = met.isEmpty() ? (judged ? "measured" : "measured (smoke: not judged)") : met;
                } else if (!available) {
                    statusText = "not available" + note;
                } else if (f.baseKey() != null && base != null) {
                    statusText = "hub side not measured" + note;
                } else {
                    statusText = "not measured" + note;
                }
                String hubText = hub == null ? (available ? "—" : "not available") : fmt(hub.median()) + " " + f.unit();
                String baseText = f.baseKey() == null ? "" : base == null ? "—" : fmt(base.median()) + " " + f.unit();
                md.append("| ").append(f.row()).append(" | ").append(f.figure()).append(" | ").append(hubText)
                        .append(" | ").append(baseText).append(" | ").append(ratioText).append(" | ")
                        .append(f.target()).append(" | ").append(hub == null ? "" : hub.spread()).append(" | ")
                        .append(statusText).append(" |\n");
                json.append(i == 0 ? "\n" : ",\n").append("    {\"row\": ").append(q(f.row()))
                        .append(", \"figure\": ").append(q(f.figure())).append(", \"unit\": ").append(q(f.unit()))
                        .append(", \"hub\": ").append(statJson(hub)).append(", \"baseline\": ")
                        .append(statJson(base)).append(", \"ratio\": ").append(num(ratio))
                        .append(", \"difference\": ").append(num(diff)).append(", \"target\": ").append(q(f.target()))
                        .append(", \"verdict\": ").append(met.isEmpty() ? "null" : q(met)).append(", \"status\": ")
                        .append(q(statusText)).append("}");
            }
            json.append("\n  ],\n  \"rowStatus\": {");
            first = true;
            for (var e : rowStatus.entrySet()) {
                json.append(first ? "\n" : ",\n").append("    ").append(q(e.getKey())).append(": ")
                        .append(q(e.getValue()));
                first = false;
            }
            json.append("\n  },\n  \"measurements\": {");
            first = true;
            for (var e : values.entrySet()) {
                json.append(first ? "\n" : ",\n").append("    ").append(q(e.getKey())).append(": ")
                        .append(e.getValue().stream().map(Report::num).toList());
                first = false;
            }
            json.append("\n  }\n}\n");
            md.append("\nRatios are hub ÷ baseline of the medians over the rounds (for latencies: hub − baseline). ")
                    .append("Spread is min–max of the hub's per-round values (± half the range as % of the median). ")
                    .append("A/B order alternates every round. See bench/README.md.\n");
            if (!rowStatus.isEmpty()) {
                md.append("\nRow notes:\n\n");
                rowStatus.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
            }
            Files.createDirectories(outJson.toAbsolutePath().getParent());
            Files.writeString(outJson, json.toString());
            Files.writeString(outMd, md.toString());
            System.out.print(md);
        }

        static String statJson(Stat s) {
            if (s == null) {
                return "null";
            }
            return "{\"median\": " + num(s.median()) + ", \"min\": " + num(s.min()) + ", \"max\": " + num(s.max())
                    + ", \"n\": " + s.n() + "}";
        }

        static String num(Double d) {
            return d == null || d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.4f", d);
        }

        static String q(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
    }
}
