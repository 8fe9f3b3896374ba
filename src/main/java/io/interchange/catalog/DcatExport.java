package io.interchange.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.CatalogTypes.SharingMode;
import io.interchange.catalog.CatalogTypes.SharingType;
import io.interchange.catalog.CatalogTypes.UpdateCycle;
import io.interchange.catalog.ResourceParts.Contact;
import io.interchange.directory.DepartmentView;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The published catalogue as DCAT-AP 3.0.1 JSON-LD: one flat {@code @graph} whose nodes refer to each other by IRI.
 * The {@code @context} is inlined so a harvester never has to fetch anything to read it, and every node a DCAT-AP
 * shape constrains by class (agents, contact points, standards, frequencies, rights, media types…) is typed
 * explicitly, since validators do not infer classes from vocabularies they have not loaded.
 */
public final class DcatExport {

    /** EU controlled vocabularies (publications.europa.eu authority tables) that DCAT-AP expects values from. */
    static final String EU_AUTHORITY = "http://publications.europa.eu/resource/authority/";

    static final String IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Names of the 类 of 信息资源分类 (1272): 1 基础, 2 主题, 3 部门. */
    private static final Map<String, String[]> CLASSES = Map.of(
            "1", new String[] {"基础信息资源", "Basic information resources"},
            "2", new String[] {"主题信息资源", "Thematic information resources"},
            "3", new String[] {"部门信息资源", "Departmental information resources"});

    /** Well-known file types of FILE resources, by the upper-cased {@code format.type}: EU file type, IANA type. */
    private static final Map<String, String[]> FILE_TYPES = Map.ofEntries(
            Map.entry("PDF", new String[] {"PDF", "application/pdf"}),
            Map.entry("CSV", new String[] {"CSV", "text/csv"}),
            Map.entry("JSON", new String[] {"JSON", "application/json"}),
            Map.entry("XML", new String[] {"XML", "application/xml"}),
            Map.entry(
                    "XLSX", new String[] {"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
            Map.entry(
                    "DOCX",
                    new String[] {"DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
            Map.entry("ZIP", new String[] {"ZIP", "application/zip"}),
            Map.entry("JPEG", new String[] {"JPEG", "image/jpeg"}),
            Map.entry("JPG", new String[] {"JPEG", "image/jpeg"}),
            Map.entry("PNG", new String[] {"PNG", "image/png"}),
            Map.entry("TIFF", new String[] {"TIFF", "image/tiff"}),
            Map.entry("MP4", new String[] {"MP4", "video/mp4"}),
            Map.entry("MP3", new String[] {"MP3", "audio/mpeg"}));

    private final String base;
    private final String publisherType;
    private final Map<String, ObjectNode> nodes = new LinkedHashMap<>();
    private Map<String, DepartmentView> departments = Map.of();

    /**
     * @param baseUri where the export mints its IRIs (a trailing slash is added when missing)
     * @param publisherType the ADMS publisher type of departments, e.g. {@code RegionalAuthority}
     */
    public DcatExport(String baseUri, String publisherType) {
        this.base = baseUri.endsWith("/") ? baseUri : baseUri + "/";
        this.publisherType = publisherType;
    }

    /** The catalogue of these published resources; its publisher is the authority department of the directory. */
    public ObjectNode build(List<ResourceView> resources, List<DepartmentView> directory) {
        nodes.clear();
        departments = directory.stream().collect(Collectors.toMap(DepartmentView::id, Function.identity()));

        ObjectNode catalog = node(base + "catalog", "dcat:Catalog");
        DepartmentView authority =
                directory.stream().filter(DepartmentView::authority).findFirst().orElse(null);
        if (authority == null) {
            catalog.set("title", lang("政务数据资源目录", "Government data resource catalogue"));
            catalog.put("publisher", hubAgent());
        } else {
            catalog.set(
                    "title",
                    lang(
                            authority.name() + "政务数据资源目录",
                            authority.nameEn() == null
                                    ? null
                                    : "Government data resource catalogue of the " + authority.nameEn()));
            catalog.put("publisher", agent(authority.id(), authority.name(), authority.nameEn(), authority.code()));
        }
        catalog.set(
                "description",
                lang(
                        "经审核发布、供政务部门依法申请共享的数据资源目录（政务数据共享条例）。",
                        "Government data resources published for sharing between departments on request, as the "
                                + "Regulations on Government Data Sharing provide."));
        catalog.set("language", iris(language("ZHO"), language("ENG")));
        catalog.put("homepage", document(base));
        catalog.put("themeTaxonomy", classificationScheme());
        resources.stream()
                .map(ResourceView::publishedAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .ifPresent(at -> catalog.put("issued", dateTime(at)));
        resources.stream()
                .map(r -> r.updatedAt() == null ? r.publishedAt() : r.updatedAt())
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .ifPresent(at -> catalog.put("modified", dateTime(at)));

        ArrayNode datasets = catalog.putArray("dataset");
        ArrayNode services = catalog.putArray("service");
        for (ResourceView resource : resources) {
            datasets.add(dataset(resource, services));
        }
        if (services.isEmpty()) {
            catalog.remove("service");
        }

        ObjectNode document = JSON.objectNode();
        document.set("@context", context());
        ArrayNode graph = document.putArray("@graph");
        nodes.values().forEach(graph::add);
        return document;
    }

    private String dataset(ResourceView r, ArrayNode services) {
        String iri = base + "resources/" + r.id();
        ObjectNode dataset = node(iri, "dcat:Dataset");
        dataset.put("identifier", r.code());
        dataset.set("title", lang(r.name(), r.nameEn()));
        dataset.set("description", lang(r.summary(), r.summaryEn()));
        dataset.put("publisher", provider(r));
        String contact = contactPoint(iri, r.contact());
        if (contact != null) {
            dataset.put("contactPoint", contact);
        }
        ObjectNode keywords = keywords(r.tags());
        if (!keywords.isEmpty()) {
            dataset.set("keyword", keywords);
        }
        dataset.put("accessRights", accessRights(r));
        if (r.updateCycle() != null) {
            dataset.put("accrualPeriodicity", frequency(r.updateCycle()));
        }
        dataset.put("conformsTo", schema(r));
        dataset.set("language", iris(language("ZHO")));
        if (r.classification() != null && CLASSES.containsKey(r.classification().category())) {
            dataset.put("theme", classificationConcept(r.classification().category()));
        }
        dataset.put("landingPage", document(base + "api/v1/resources/" + r.id()));
        dataset.put("version", String.valueOf(r.version()));
        if (r.publishedAt() != null) {
            dataset.put("issued", dateTime(r.publishedAt()));
        }
        if (r.updatedAt() != null) {
            dataset.put("modified", dateTime(r.updatedAt()));
        }

        ArrayNode distributions = dataset.putArray("distribution");
        List<SharingMode> modes =
                r.sharingType() == SharingType.NOT_SHARED || r.sharingModes() == null ? List.of() : r.sharingModes();
        for (SharingMode mode : modes) {
            distributions.add(distribution(r, iri, mode, services));
        }
        if (distributions.isEmpty()) {
            dataset.remove("distribution");
        }
        return iri;
    }

    private String distribution(ResourceView r, String dataset, SharingMode mode, ArrayNode services) {
        String iri = dataset + "/distributions/" + mode.name().toLowerCase(Locale.ROOT);
        ObjectNode distribution = node(iri, "dcat:Distribution");
        String exchange = base + "api/v1/exchange/" + r.id();
        String[] fileType;
        switch (mode) {
            case API -> {
                distribution.set("title", lang(r.name() + "（接口）", en(r, " (API)")));
                distribution.set(
                        "description",
                        lang(
                                "经授权后按记录查询，敏感信息项默认脱敏。",
                                "Record queries under a grant; sensitive items are masked by default."));
                distribution.put("accessURL", exchange + "/records");
                distribution.put("accessService", dataService(r, dataset, exchange + "/records", services));
                fileType = new String[] {"JSON", "application/json"};
            }
            case BULK -> {
                distribution.set("title", lang(r.name() + "（批量导出）", en(r, " (bulk export)")));
                distribution.set(
                        "description",
                        lang("持批量授权导出全部授权记录（CSV）。", "Export of all granted records as CSV under a bulk grant."));
                distribution.put("accessURL", exchange + "/export?format=csv");
                fileType = new String[] {"CSV", "text/csv"};
            }
            default -> {
                distribution.set("title", lang(r.name() + "（文件）", en(r, " (file)")));
                distribution.set("description", lang("持文件授权获取文件。", "The files, under a grant for file delivery."));
                distribution.put("accessURL", exchange + "/export");
                String type = r.format() == null || r.format().type() == null
                        ? ""
                        : r.format().type().trim().toUpperCase(Locale.ROOT);
                fileType = FILE_TYPES.get(type);
            }
        }
        if (fileType != null) {
            distribution.put("format", typed(EU_AUTHORITY + "file-type/" + fileType[0], "dct:MediaTypeOrExtent"));
            distribution.put("mediaType", typed(IANA_MEDIA_TYPES + fileType[1], "dct:MediaType"));
        }
        distribution.put("conformsTo", schema(r));
        distribution.put("availability", availability());
        if (r.usageConditions() != null && !r.usageConditions().isBlank()) {
            distribution.put("rights", usageConditions(r, dataset));
        }
        return iri;
    }

    private String dataService(ResourceView r, String dataset, String endpoint, ArrayNode services) {
        String iri = dataset + "/service";
        ObjectNode service = node(iri, "dcat:DataService");
        service.set("title", lang(r.name() + "数据查询接口", en(r, " query API")));
        service.set(
                "description",
                lang(
                        "按授权的信息项、行范围和用途查询" + r.name() + "，每次交换记入账本。",
                        "Queries within the granted items, rows and purpose; every exchange is recorded in the ledger."));
        service.put("endpointURL", endpoint);
        service.put("endpointDescription", base + "api/v1/resources/" + r.id() + "/openapi");
        service.put("servesDataset", dataset);
        service.put("publisher", provider(r));
        String contact = contactPoint(dataset, r.contact());
        if (contact != null) {
            service.put("contactPoint", contact);
        }
        service.put("accessRights", accessRights(r));
        service.put("conformsTo", schema(r));
        ObjectNode keywords = keywords(r.tags());
        if (!keywords.isEmpty()) {
            service.set("keyword", keywords);
        }
        if (r.classification() != null && CLASSES.containsKey(r.classification().category())) {
            service.put("theme", classificationConcept(r.classification().category()));
        }
        services.add(iri);
        return iri;
    }

    /** The provider department as a foaf:Agent; the directory supplies its English name. */
    private String provider(ResourceView r) {
        DepartmentView department = departments.get(r.provider().id());
        return agent(
                r.provider().id(),
                r.provider().name(),
                department == null ? null : department.nameEn(),
                r.provider().code());
    }

    private String agent(String id, String name, String nameEn, String code) {
        String iri = base + "departments/" + id;
        if (!nodes.containsKey(iri)) {
            ObjectNode agent = node(iri, "foaf:Agent", "foaf:Organization");
            agent.set("name", lang(name, nameEn));
            if (code != null) {
                // 统一社会信用代码: the identifier every Chinese public body is registered under.
                agent.put("identifier", code);
            }
            agent.put("type", publisherType());
        }
        return iri;
    }

    private String hubAgent() {
        String iri = base + "#hub";
        if (!nodes.containsKey(iri)) {
            node(iri, "foaf:Agent").set("name", lang("政务数据共享平台", "Government data-sharing hub"));
        }
        return iri;
    }

    private String publisherType() {
        return concept(
                "http://purl.org/adms/publishertype/" + publisherType,
                null,
                publisherType.replaceAll("([a-z])([A-Z])", "$1 $2"));
    }

    /** 联系方式 as a vCard organisation; typed vcard:Kind too, which is what DCAT-AP's range asks for. */
    private String contactPoint(String dataset, Contact contact) {
        if (contact == null || (contact.email() == null && contact.phone() == null && contact.name() == null)) {
            return null;
        }
        String iri = dataset + "#contact";
        if (!nodes.containsKey(iri)) {
            ObjectNode card = node(iri, "vcard:Kind", "vcard:Organization");
            if (contact.name() != null) {
                card.put("fn", contact.name());
            }
            if (contact.email() != null && !contact.email().isBlank()) {
                card.put("hasEmail", "mailto:" + contact.email().trim());
            }
            String tel = tel(contact.phone());
            if (tel != null) {
                card.put("hasTelephone", tel);
            }
        }
        return iri;
    }

    /**
     * A tel: URI (RFC 3966) needs a global number: Chinese numbers drop the trunk 0 of the area code and gain +86
     * (0571-12345678 → tel:+86-571-12345678; 13800000000 → tel:+86-13800000000).
     */
    static String tel(String phone) {
        if (phone == null) {
            return null;
        }
        String number = phone.trim().replaceAll("[\\s()]", "");
        if (!number.matches("\\+?[0-9][0-9-]*")) {
            return null;
        }
        if (number.startsWith("+")) {
            return "tel:" + number;
        }
        return "tel:+86-" + (number.startsWith("0") ? number.substring(1) : number);
    }

    /** 共享类型 and 开放属性 as EU access rights: open → PUBLIC; shared within government → RESTRICTED. */
    static String accessRightsCode(ResourceView r) {
        if (r.openToPublic()) {
            return "PUBLIC";
        }
        return r.sharingType() == SharingType.NOT_SHARED ? "NON_PUBLIC" : "RESTRICTED";
    }

    private String accessRights(ResourceView r) {
        return typed(EU_AUTHORITY + "access-right/" + accessRightsCode(r), "dct:RightsStatement");
    }

    /** 更新周期 as the EU frequency table. */
    static String frequencyCode(UpdateCycle cycle) {
        return switch (cycle) {
            case REALTIME -> "UPDATE_CONT";
            case DAILY -> "DAILY";
            case WEEKLY -> "WEEKLY";
            case MONTHLY -> "MONTHLY";
            case QUARTERLY -> "QUARTERLY";
            case HALF_YEARLY -> "ANNUAL_2";
            case YEARLY -> "ANNUAL";
            case IRREGULAR -> "IRREG";
        };
    }

    private String frequency(UpdateCycle cycle) {
        return typed(EU_AUTHORITY + "frequency/" + frequencyCode(cycle), "dct:Frequency");
    }

    /** The resource's JSON Schema is the standard its records conform to. */
    private String schema(ResourceView r) {
        String iri = base + "api/v1/resources/" + r.id() + "/schema";
        if (!nodes.containsKey(iri)) {
            ObjectNode standard = node(iri, "dct:Standard");
            standard.set("title", lang(r.name() + "数据结构（JSON Schema）", en(r, " record schema (JSON Schema)")));
        }
        return iri;
    }

    private String usageConditions(ResourceView r, String dataset) {
        String iri = dataset + "#usage-conditions";
        if (!nodes.containsKey(iri)) {
            node(iri, "dct:RightsStatement").set("label", lang(r.usageConditions(), null));
        }
        return iri;
    }

    private String language(String code) {
        return typed(EU_AUTHORITY + "language/" + code, "dct:LinguisticSystem");
    }

    private String document(String iri) {
        return typed(iri, "foaf:Document");
    }

    private String availability() {
        return concept("http://data.europa.eu/r5r/availability/STABLE", "稳定", "stable");
    }

    private String classificationScheme() {
        String iri = base + "catalog/classification";
        if (!nodes.containsKey(iri)) {
            node(iri, "skos:ConceptScheme").set("title", lang("信息资源分类", "Classification of information resources"));
        }
        return iri;
    }

    private String classificationConcept(String category) {
        String iri = base + "catalog/classification/" + category;
        if (!nodes.containsKey(iri)) {
            String[] names = CLASSES.get(category);
            concept(iri, names[0], names[1]);
            nodes.get(iri).put("inScheme", classificationScheme());
            nodes.get(iri).put("notation", category);
        }
        return iri;
    }

    private String concept(String iri, String zh, String en) {
        if (!nodes.containsKey(iri)) {
            node(iri, "skos:Concept").set("prefLabel", lang(zh, en));
        }
        return iri;
    }

    /** A node known only by IRI and class (EU authority values, documents): typed so range checks can see it. */
    private String typed(String iri, String type) {
        if (!nodes.containsKey(iri)) {
            node(iri, type);
        }
        return iri;
    }

    private ObjectNode node(String iri, String... types) {
        ObjectNode node = JSON.objectNode();
        node.put("@id", iri);
        if (types.length == 1) {
            node.put("@type", types[0]);
        } else {
            ArrayNode array = node.putArray("@type");
            for (String type : types) {
                array.add(type);
            }
        }
        nodes.put(iri, node);
        return node;
    }

    private static String en(ResourceView r, String suffix) {
        return r.nameEn() == null || r.nameEn().isBlank() ? null : r.nameEn() + suffix;
    }

    /** A language map: Chinese under {@code zh}, English under {@code en} when there is one. */
    private static ObjectNode lang(String zh, String en) {
        ObjectNode map = JSON.objectNode();
        if (zh != null && !zh.isBlank()) {
            map.put("zh", zh);
        }
        if (en != null && !en.isBlank()) {
            map.put("en", en);
        }
        return map;
    }

    /** Tags carry no language: any with a Han character is Chinese, the rest English. */
    static ObjectNode keywords(List<String> tags) {
        Map<String, List<String>> byLanguage = new LinkedHashMap<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            boolean han = tag.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            byLanguage
                    .computeIfAbsent(han ? "zh" : "en", k -> new ArrayList<>())
                    .add(tag.trim());
        }
        ObjectNode map = JSON.objectNode();
        byLanguage.forEach((language, values) -> {
            ArrayNode array = map.putArray(language);
            values.forEach(array::add);
        });
        return map;
    }

    private static ArrayNode iris(String... iris) {
        ArrayNode array = JSON.arrayNode();
        for (String iri : iris) {
            array.add(iri);
        }
        return array;
    }

    /** xsd:dateTime needs seconds, which OffsetDateTime.toString() leaves out when they are zero. */
    static String dateTime(OffsetDateTime at) {
        return at.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The inlined context: short member names, language maps for texts, IRIs where DCAT-AP expects nodes. */
    static ObjectNode context() {
        ObjectNode context = JSON.objectNode();
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("dcatap", "http://data.europa.eu/r5r/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("vcard", "http://www.w3.org/2006/vcard/ns#");
        context.put("skos", "http://www.w3.org/2004/02/skos/core#");
        context.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");

        for (String[] term : new String[][] {
            {"title", "dct:title"},
            {"description", "dct:description"},
            {"keyword", "dcat:keyword"},
            {"name", "foaf:name"},
            {"prefLabel", "skos:prefLabel"},
            {"label", "rdfs:label"}
        }) {
            context.set(term[0], term(term[1], null, "@language"));
        }
        for (String[] term : new String[][] {
            {"identifier", "dct:identifier"},
            {"version", "dcat:version"},
            {"fn", "vcard:fn"},
            {"notation", "skos:notation"}
        }) {
            context.put(term[0], term[1]);
        }
        context.set("issued", term("dct:issued", "xsd:dateTime", null));
        context.set("modified", term("dct:modified", "xsd:dateTime", null));
        for (String[] term : new String[][] {
            {"dataset", "dcat:dataset"},
            {"service", "dcat:service"},
            {"distribution", "dcat:distribution"},
            {"publisher", "dct:publisher"},
            {"contactPoint", "dcat:contactPoint"},
            {"accessRights", "dct:accessRights"},
            {"accrualPeriodicity", "dct:accrualPeriodicity"},
            {"conformsTo", "dct:conformsTo"},
            {"language", "dct:language"},
            {"theme", "dcat:theme"},
            {"themeTaxonomy", "dcat:themeTaxonomy"},
            {"inScheme", "skos:inScheme"},
            {"landingPage", "dcat:landingPage"},
            {"homepage", "foaf:homepage"},
            {"accessURL", "dcat:accessURL"},
            {"accessService", "dcat:accessService"},
            {"endpointURL", "dcat:endpointURL"},
            {"endpointDescription", "dcat:endpointDescription"},
            {"servesDataset", "dcat:servesDataset"},
            {"format", "dct:format"},
            {"mediaType", "dcat:mediaType"},
            {"availability", "dcatap:availability"},
            {"rights", "dct:rights"},
            {"type", "dct:type"},
            {"hasEmail", "vcard:hasEmail"},
            {"hasTelephone", "vcard:hasTelephone"}
        }) {
            context.set(term[0], term(term[1], "@id", null));
        }
        return context;
    }

    private static JsonNode term(String id, String type, String container) {
        ObjectNode term = JSON.objectNode();
        term.put("@id", id);
        if (type != null) {
            term.put("@type", type);
        }
        if (container != null) {
            term.put("@container", container);
        }
        return term;
    }
}
