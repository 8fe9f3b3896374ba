// An example department API for the Interchange demo: what a provider's own system looks like from the hub.
// JDK only, single-file source launch:
//
//     java demo-upstream/DemoUpstream.java --port 8091
//
// Serves, on 127.0.0.1 only, the synthetic records of catalog-seed (every person and company is invented; ID numbers
// and credit codes carry valid check characters):
//   GET /nrd/real-estate?owner_id_number=<ID number>   浙江省自然资源厅: real estate held by a person (JSON array)
//   GET /tax/credit-ratings/<taxpayer id>              浙江省税务局: a taxpayer's credit rating (JSON object, 404 if none)
//   GET /health                                        "ok", no credential needed
//   POST /webhooks/<department>                        a department's webhook receiver: checks the hub's
//                                                      X-Interchange-Signature and prints each event
//   GET /webhooks                                      the events received so far (newest last)
// Each department API wants its own bearer credential (below); the hub sends it from the resource's sealed
// credential, never the caller's token. Options: --port N (default 8091), --host ADDRESS (default 127.0.0.1),
// --webhook-secret S (default demo-webhook-secret, the secret to register with the hub's webhook).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

public class DemoUpstream {

    /** The credentials the two demo APIs accept (demo values; a real department issues its own). */
    static final String NRD_CREDENTIAL = "Bearer demo-nrd-upstream-token";
    static final String TAX_CREDENTIAL = "Bearer demo-tax-upstream-token";

    /** {owner ID number, record} — the same invented holders as catalog-seed/resources/31. */
    static final String[][] REAL_ESTATE = {
        {"330102197010312689", "{\"certificate_no\":\"浙(2020)杭州市不动产权第4644291号\",\"unit_number\":\"330102006189GB76387F24931771\",\"owner_id_number\":\"330102197010312689\",\"owner_name\":\"欧阳晓婷\",\"location\":\"浙江省杭州市上城区清泰街196号21幢3单元1603室\",\"region_code\":\"330102\",\"usage\":\"住宅\",\"building_area\":52.24,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2020-11-25\",\"mortgaged\":true,\"seized\":false}"},
        {"330105198607212449", "{\"certificate_no\":\"浙(2020)杭州市不动产权第1197129号\",\"unit_number\":\"330105012051GB66492F86762892\",\"owner_id_number\":\"330105198607212449\",\"owner_name\":\"司马若琳\",\"location\":\"浙江省杭州市拱墅区大关路252号4幢2单元2003室\",\"region_code\":\"330105\",\"usage\":\"住宅\",\"building_area\":174.98,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2020-05-30\",\"mortgaged\":false,\"seized\":false}"},
        {"330106197804150410", "{\"certificate_no\":\"浙(2023)杭州市不动产权第4739362号\",\"unit_number\":\"330106018078GB44127F89609966\",\"owner_id_number\":\"330106197804150410\",\"owner_name\":\"诸葛文涛\",\"location\":\"浙江省杭州市西湖区文三路38号12幢1单元904室\",\"region_code\":\"330106\",\"usage\":\"住宅\",\"building_area\":170.09,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2023-03-26\",\"mortgaged\":false,\"seized\":false}"},
        {"330108199609219015", "{\"certificate_no\":\"浙(2025)杭州市不动产权第0483633号\",\"unit_number\":\"330108008127GB72300F02019263\",\"owner_id_number\":\"330108199609219015\",\"owner_name\":\"上官一鸣\",\"location\":\"浙江省杭州市滨江区滨盛路72号15幢1单元602室\",\"region_code\":\"330108\",\"usage\":\"商业\",\"building_area\":99.7,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2025-09-14\",\"mortgaged\":true,\"seized\":false}"},
        {"330110197009270338", "{\"certificate_no\":\"浙(2020)杭州市不动产权第9425527号\",\"unit_number\":\"330110020102GB26635F06836897\",\"owner_id_number\":\"330110197009270338\",\"owner_name\":\"陈思远\",\"location\":\"浙江省杭州市余杭区五常大道295号14幢2单元104室\",\"region_code\":\"330110\",\"usage\":\"办公\",\"building_area\":49.9,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2020-09-13\",\"mortgaged\":false,\"seized\":false}"},
        {"330203198403202823", "{\"certificate_no\":\"浙(2020)宁波市不动产权第9215984号\",\"unit_number\":\"330203009173GB15781F79626456\",\"owner_id_number\":\"330203198403202823\",\"owner_name\":\"林雨桐\",\"location\":\"浙江省宁波市海曙区望春路379号3幢1单元501室\",\"region_code\":\"330203\",\"usage\":\"住宅\",\"building_area\":103.49,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2020-07-02\",\"mortgaged\":false,\"seized\":false}"},
        {"330302198305257897", "{\"certificate_no\":\"浙(2025)温州市不动产权第7016369号\",\"unit_number\":\"330302006039GB74692F78995580\",\"owner_id_number\":\"330302198305257897\",\"owner_name\":\"王建宇\",\"location\":\"浙江省温州市鹿城区锦绣路363号7幢3单元2803室\",\"region_code\":\"330302\",\"usage\":\"住宅\",\"building_area\":60.89,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2025-06-08\",\"mortgaged\":true,\"seized\":false}"},
        {"330402197606096960", "{\"certificate_no\":\"浙(2021)嘉兴市不动产权第8294182号\",\"unit_number\":\"330402004043GB86395F00305243\",\"owner_id_number\":\"330402197606096960\",\"owner_name\":\"张慧敏\",\"location\":\"浙江省嘉兴市南湖区东栅街327号24幢2单元1004室\",\"region_code\":\"330402\",\"usage\":\"住宅\",\"building_area\":157.09,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2021-05-12\",\"mortgaged\":false,\"seized\":true}"},
        {"330502196912108596", "{\"certificate_no\":\"浙(2024)湖州市不动产权第1739208号\",\"unit_number\":\"330502019013GB63095F21951496\",\"owner_id_number\":\"330502196912108596\",\"owner_name\":\"李卓然\",\"location\":\"浙江省湖州市吴兴区青铜路293号24幢3单元303室\",\"region_code\":\"330502\",\"usage\":\"商业\",\"building_area\":105.49,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2024-11-23\",\"mortgaged\":false,\"seized\":false}"},
        {"330602198908166384", "{\"certificate_no\":\"浙(2016)绍兴市不动产权第5373553号\",\"unit_number\":\"330602014022GB47800F66513414\",\"owner_id_number\":\"330602198908166384\",\"owner_name\":\"赵书瑶\",\"location\":\"浙江省绍兴市越城区解放北路73号27幢1单元2701室\",\"region_code\":\"330602\",\"usage\":\"办公\",\"building_area\":144.28,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2016-04-18\",\"mortgaged\":true,\"seized\":false}"},
        {"330102198802277855", "{\"certificate_no\":\"浙(2019)杭州市不动产权第1733423号\",\"unit_number\":\"330102012133GB38895F44284613\",\"owner_id_number\":\"330102198802277855\",\"owner_name\":\"周浩宁\",\"location\":\"浙江省杭州市上城区望江路12号28幢1单元403室\",\"region_code\":\"330102\",\"usage\":\"住宅\",\"building_area\":68.49,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2019-06-23\",\"mortgaged\":false,\"seized\":false}"},
        {"330105198603304389", "{\"certificate_no\":\"浙(2017)杭州市不动产权第7532166号\",\"unit_number\":\"330105020161GB34380F24039083\",\"owner_id_number\":\"330105198603304389\",\"owner_name\":\"吴佳怡\",\"location\":\"浙江省杭州市拱墅区湖墅南路138号19幢2单元2002室\",\"region_code\":\"330105\",\"usage\":\"住宅\",\"building_area\":120.27,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2017-06-17\",\"mortgaged\":false,\"seized\":false}"},
        {"330106197012217293", "{\"certificate_no\":\"浙(2016)杭州市不动产权第8958245号\",\"unit_number\":\"330106014177GB03455F24648203\",\"owner_id_number\":\"330106197012217293\",\"owner_name\":\"郑明轩\",\"location\":\"浙江省杭州市西湖区文三路96号8幢3单元2603室\",\"region_code\":\"330106\",\"usage\":\"住宅\",\"building_area\":103.36,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2016-11-12\",\"mortgaged\":true,\"seized\":false}"},
        {"330108197110139965", "{\"certificate_no\":\"浙(2026)杭州市不动产权第5759099号\",\"unit_number\":\"330108012025GB60890F62504499\",\"owner_id_number\":\"330108197110139965\",\"owner_name\":\"孙静雯\",\"location\":\"浙江省杭州市滨江区长河路385号28幢2单元1702室\",\"region_code\":\"330108\",\"usage\":\"商业\",\"building_area\":60.74,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2026-02-04\",\"mortgaged\":false,\"seized\":false}"},
        {"330110198601274850", "{\"certificate_no\":\"浙(2018)杭州市不动产权第0105711号\",\"unit_number\":\"330110008101GB48570F04733875\",\"owner_id_number\":\"330110198601274850\",\"owner_name\":\"钱立群\",\"location\":\"浙江省杭州市余杭区五常大道317号25幢2单元2402室\",\"region_code\":\"330110\",\"usage\":\"办公\",\"building_area\":47.07,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2018-12-05\",\"mortgaged\":false,\"seized\":false}"},
        {"330203197306030682", "{\"certificate_no\":\"浙(2019)宁波市不动产权第8813656号\",\"unit_number\":\"330203012019GB88982F11412096\",\"owner_id_number\":\"330203197306030682\",\"owner_name\":\"何梦洁\",\"location\":\"浙江省宁波市海曙区望春路367号20幢2单元303室\",\"region_code\":\"330203\",\"usage\":\"住宅\",\"building_area\":47.85,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2019-10-21\",\"mortgaged\":true,\"seized\":false}"},
        {"330302195403263234", "{\"certificate_no\":\"浙(2020)温州市不动产权第6506400号\",\"unit_number\":\"330302006154GB74998F03748543\",\"owner_id_number\":\"330302195403263234\",\"owner_name\":\"沈家豪\",\"location\":\"浙江省温州市鹿城区车站大道380号20幢2单元402室\",\"region_code\":\"330302\",\"usage\":\"住宅\",\"building_area\":72.45,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2020-12-17\",\"mortgaged\":false,\"seized\":false}"},
        {"330402197708144943", "{\"certificate_no\":\"浙(2021)嘉兴市不动产权第2678819号\",\"unit_number\":\"330402014023GB53442F68276009\",\"owner_id_number\":\"330402197708144943\",\"owner_name\":\"杨秀兰\",\"location\":\"浙江省嘉兴市南湖区中山东路174号25幢1单元1302室\",\"region_code\":\"330402\",\"usage\":\"住宅\",\"building_area\":115.55,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2021-05-25\",\"mortgaged\":false,\"seized\":false}"},
        {"330502199307121374", "{\"certificate_no\":\"浙(2025)湖州市不动产权第8242596号\",\"unit_number\":\"330502003027GB79153F47441127\",\"owner_id_number\":\"330502199307121374\",\"owner_name\":\"徐志平\",\"location\":\"浙江省湖州市吴兴区凤凰路250号7幢1单元2201室\",\"region_code\":\"330502\",\"usage\":\"商业\",\"building_area\":90.18,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2025-04-09\",\"mortgaged\":true,\"seized\":true}"},
        {"330105195404279148", "{\"certificate_no\":\"浙(2021)杭州市不动产权第0008804号\",\"unit_number\":\"330105016069GB28956F77765541\",\"owner_id_number\":\"330105195404279148\",\"owner_name\":\"高美玲\",\"location\":\"浙江省杭州市拱墅区大关路44号9幢3单元1202室\",\"region_code\":\"330105\",\"usage\":\"办公\",\"building_area\":159.8,\"right_type\":\"国有建设用地使用权/房屋所有权\",\"registered_on\":\"2021-08-24\",\"mortgaged\":false,\"seized\":false}"},
    };

    /** {taxpayer id, record} — the same invented companies as catalog-seed/resources/28. */
    static final String[][] TAX_CREDIT = {
        {"91330100MA2GJY3194", "{\"taxpayer_id\":\"91330100MA2GJY3194\",\"taxpayer_name\":\"杭州青岚演示科技有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":74.9,\"assessed_on\":\"2026-04-28\",\"tax_office_region\":\"330100\"}"},
        {"91330106MA2TECH63M", "{\"taxpayer_id\":\"91330106MA2TECH63M\",\"taxpayer_name\":\"杭州澜汐演示贸易有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":81.7,\"assessed_on\":\"2026-04-20\",\"tax_office_region\":\"330106\"}"},
        {"91330108MA2233MW9E", "{\"taxpayer_id\":\"91330108MA2233MW9E\",\"taxpayer_name\":\"杭州禾木演示餐饮管理有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":87.4,\"assessed_on\":\"2026-04-24\",\"tax_office_region\":\"330108\"}"},
        {"91330110MA25CYH1X6", "{\"taxpayer_id\":\"91330110MA25CYH1X6\",\"taxpayer_name\":\"杭州星棠演示建筑工程有限公司\",\"rating_year\":2025,\"credit_rating\":\"A\",\"score\":93.5,\"assessed_on\":\"2026-04-27\",\"tax_office_region\":\"330110\"}"},
        {"91330200MA2DKF4N6Y", "{\"taxpayer_id\":\"91330200MA2DKF4N6Y\",\"taxpayer_name\":\"宁波云杪演示物流有限公司\",\"rating_year\":2025,\"credit_rating\":\"C\",\"score\":55.3,\"assessed_on\":\"2026-04-28\",\"tax_office_region\":\"330200\"}"},
        {"91330203MA28YF020L", "{\"taxpayer_id\":\"91330203MA28YF020L\",\"taxpayer_name\":\"宁波峤南演示纺织有限公司\",\"rating_year\":2025,\"credit_rating\":\"M\",\"score\":62.2,\"assessed_on\":\"2026-04-20\",\"tax_office_region\":\"330203\"}"},
        {"91330302MA2H8K2K02", "{\"taxpayer_id\":\"91330302MA2H8K2K02\",\"taxpayer_name\":\"温州溪砚演示健康管理有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":74.0,\"assessed_on\":\"2026-04-23\",\"tax_office_region\":\"330302\"}"},
        {"91330402MA21K5LT5T", "{\"taxpayer_id\":\"91330402MA21K5LT5T\",\"taxpayer_name\":\"嘉兴朔风演示科技有限公司\",\"rating_year\":2025,\"credit_rating\":\"A\",\"score\":91.6,\"assessed_on\":\"2026-04-28\",\"tax_office_region\":\"330402\"}"},
        {"91330502MA2CLKG61H", "{\"taxpayer_id\":\"91330502MA2CLKG61H\",\"taxpayer_name\":\"湖州栖梧演示贸易有限公司\",\"rating_year\":2025,\"credit_rating\":\"A\",\"score\":96.0,\"assessed_on\":\"2026-04-23\",\"tax_office_region\":\"330502\"}"},
        {"91330602MA23K7C67W", "{\"taxpayer_id\":\"91330602MA23K7C67W\",\"taxpayer_name\":\"绍兴珩川演示餐饮管理有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":72.5,\"assessed_on\":\"2026-04-26\",\"tax_office_region\":\"330602\"}"},
        {"91330100MA2KLC4B1G", "{\"taxpayer_id\":\"91330100MA2KLC4B1G\",\"taxpayer_name\":\"杭州槿华演示建筑工程有限公司\",\"rating_year\":2025,\"credit_rating\":\"M\",\"score\":62.5,\"assessed_on\":\"2026-04-25\",\"tax_office_region\":\"330100\"}"},
        {"91330106MA232FHT0E", "{\"taxpayer_id\":\"91330106MA232FHT0E\",\"taxpayer_name\":\"杭州沐屿演示物流有限公司\",\"rating_year\":2025,\"credit_rating\":\"C\",\"score\":59.8,\"assessed_on\":\"2026-04-21\",\"tax_office_region\":\"330106\"}"},
        {"91330108MA2EFFLN82", "{\"taxpayer_id\":\"91330108MA2EFFLN82\",\"taxpayer_name\":\"杭州岚湾演示纺织有限公司\",\"rating_year\":2025,\"credit_rating\":\"M\",\"score\":61.6,\"assessed_on\":\"2026-04-24\",\"tax_office_region\":\"330108\"}"},
        {"91330110MA2K083Y8U", "{\"taxpayer_id\":\"91330110MA2K083Y8U\",\"taxpayer_name\":\"杭州砚池演示健康管理有限公司\",\"rating_year\":2025,\"credit_rating\":\"C\",\"score\":56.2,\"assessed_on\":\"2026-04-23\",\"tax_office_region\":\"330110\"}"},
        {"91330200MA2RJL0P02", "{\"taxpayer_id\":\"91330200MA2RJL0P02\",\"taxpayer_name\":\"宁波晴川演示科技有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":70.4,\"assessed_on\":\"2026-04-25\",\"tax_office_region\":\"330200\"}"},
        {"91330203MA2CWPG22A", "{\"taxpayer_id\":\"91330203MA2CWPG22A\",\"taxpayer_name\":\"宁波篁岭演示贸易有限公司\",\"rating_year\":2025,\"credit_rating\":\"M\",\"score\":70.0,\"assessed_on\":\"2026-04-27\",\"tax_office_region\":\"330203\"}"},
        {"91330302MA2E1D1945", "{\"taxpayer_id\":\"91330302MA2E1D1945\",\"taxpayer_name\":\"温州杳霭演示餐饮管理有限公司\",\"rating_year\":2025,\"credit_rating\":\"A\",\"score\":96.2,\"assessed_on\":\"2026-04-22\",\"tax_office_region\":\"330302\"}"},
        {"91330402MA2A138W69", "{\"taxpayer_id\":\"91330402MA2A138W69\",\"taxpayer_name\":\"嘉兴曜石演示建筑工程有限公司\",\"rating_year\":2025,\"credit_rating\":\"M\",\"score\":69.9,\"assessed_on\":\"2026-04-26\",\"tax_office_region\":\"330402\"}"},
        {"91330502MA274D5Q9A", "{\"taxpayer_id\":\"91330502MA274D5Q9A\",\"taxpayer_name\":\"湖州汀兰演示物流有限公司\",\"rating_year\":2025,\"credit_rating\":\"A\",\"score\":94.2,\"assessed_on\":\"2026-04-25\",\"tax_office_region\":\"330502\"}"},
        {"91330602MA2MH7A9XP", "{\"taxpayer_id\":\"91330602MA2MH7A9XP\",\"taxpayer_name\":\"绍兴桐舟演示纺织有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":75.0,\"assessed_on\":\"2026-04-25\",\"tax_office_region\":\"330602\"}"},
        {"91330100MA2Q1FDW51", "{\"taxpayer_id\":\"91330100MA2Q1FDW51\",\"taxpayer_name\":\"杭州苒苒演示健康管理有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":72.3,\"assessed_on\":\"2026-04-27\",\"tax_office_region\":\"330100\"}"},
        {"91330106MA2WK59R0U", "{\"taxpayer_id\":\"91330106MA2WK59R0U\",\"taxpayer_name\":\"杭州蔚蓝港演示科技有限公司\",\"rating_year\":2025,\"credit_rating\":\"B\",\"score\":87.2,\"assessed_on\":\"2026-04-26\",\"tax_office_region\":\"330106\"}"},
    };

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = 8091;
        String host = "127.0.0.1";
        String webhookSecret = "demo-webhook-secret";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--webhook-secret" -> webhookSecret = args[++i];
                default -> {
                    System.err.println("usage: java demo-upstream/DemoUpstream.java [--port 8091] [--host 127.0.0.1] [--webhook-secret S]");
                    System.exit(2);
                }
            }
        }
        Map<String, List<String>> estates = new HashMap<>();
        for (String[] r : REAL_ESTATE) {
            estates.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
        }
        Map<String, String> ratings = new HashMap<>();
        for (String[] r : TAX_CREDIT) {
            ratings.put(r[0], r[1]);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        server.createContext("/health", exchange -> send(exchange, 200, "\"ok\""));
        server.createContext("/nrd/real-estate", exchange -> {
            if (!authorised(exchange, NRD_CREDENTIAL)) {
                return;
            }
            String owner = query(exchange).get("owner_id_number");
            if (owner == null) {
                send(exchange, 400, "{\"error\":\"owner_id_number is required\"}");
                return;
            }
            send(exchange, 200, "[" + String.join(",", estates.getOrDefault(owner, List.of())) + "]");
        });
        server.createContext("/tax/credit-ratings/", exchange -> {
            if (!authorised(exchange, TAX_CREDENTIAL)) {
                return;
            }
            String id = exchange.getRequestURI().getPath().substring("/tax/credit-ratings/".length());
            String record = ratings.get(id);
            if (record == null) {
                send(exchange, 404, "{\"error\":\"no such taxpayer\"}");
            } else {
                send(exchange, 200, record);
            }
        });
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        String secret = webhookSecret;
        server.createContext("/webhooks", exchange -> {
            if (exchange.getRequestMethod().equals("GET")) {
                synchronized (received) {
                    send(exchange, 200, "[" + String.join(",", received) + "]");
                }
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Interchange-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Interchange-Signature");
            boolean valid = timestamp != null && signature != null && java.security.MessageDigest.isEqual(
                    signature.getBytes(StandardCharsets.UTF_8), sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8));
            String event = exchange.getRequestHeaders().getFirst("X-Interchange-Event");
            System.out.println("webhook " + exchange.getRequestURI().getPath() + " " + event + " signature "
                    + (valid ? "valid" : "INVALID"));
            if (!valid) {
                send(exchange, 401, "{\"error\":\"bad signature\"}");
                return;
            }
            received.add("{\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"event\":"
                    + new String(body, StandardCharsets.UTF_8) + "}");
            while (received.size() > 100) {
                received.remove(0);
            }
            send(exchange, 200, "{\"received\":true}");
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("demo upstream ready on http://" + host + ":" + port);
    }

    /** Only GET, and only with this API's credential; a 401 otherwise. */
    static boolean authorised(HttpExchange exchange, String credential) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, "{\"error\":\"GET only\"}");
            return false;
        }
        if (!credential.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":\"missing or wrong credential\"}");
            return false;
        }
        return true;
    }

    /** The hub signs {@code timestamp + "." + body} with HMAC-SHA256 under the department's webhook secret. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
