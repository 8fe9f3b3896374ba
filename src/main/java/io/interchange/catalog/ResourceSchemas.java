package io.interchange.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.interchange.catalog.ResourceParts.DataItem;

/**
 * Machine-readable descriptions of one resource: a JSON Schema (2020-12) of its records, generated from the items, and
 * an OpenAPI 3.1 document of its exchange endpoint typed by that schema. Clients generate code from them.
 */
public final class ResourceSchemas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResourceSchemas() {}

    public static ObjectNode jsonSchema(ResourceView r, String baseUri) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", baseUri + "api/v1/resources/" + r.id() + "/schema");
        schema.put("title", r.name() + (r.nameEn() == null ? "" : " / " + r.nameEn()));
        schema.put("description", r.summary());
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (DataItem item : r.items()) {
            if (!item.isShared()) {
                continue;
            }
            properties.set(item.name(), property(item));
            if (item.isPrimaryKey()) {
                required.add(item.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** Values may arrive masked (e.g. {@code 330106********1236}), so masked items are strings of any form. */
    private static ObjectNode property(DataItem item) {
        ObjectNode p = JSON.objectNode();
        p.put("title", item.label());
        if (item.labelEn() != null) {
            p.put("description", item.labelEn());
        }
        ArrayNode type = p.putArray("type");
        switch (item.type()) {
            case C, M -> {
                type.add("string");
                if (item.length() != null && item.maskOrNone().kind() == MaskRule.Kind.NONE) {
                    p.put("maxLength", item.length());
                }
            }
            case N, F -> type.add("number");
            case Y -> {
                type.add("number");
                p.put("multipleOf", 0.0001);
            }
            case I -> type.add("integer");
            case L -> type.add("boolean");
            case D -> {
                type.add("string");
                p.put("format", "date");
            }
            case T -> {
                type.add("string");
                p.put("format", "date-time");
            }
            case B, G -> {
                type.add("string");
                p.put("contentEncoding", "base64");
            }
        }
        if (item.maskOrNone().kind() != MaskRule.Kind.NONE && !type.toString().contains("string")) {
            type.add("string"); // a masked number or date is released as text
        }
        type.add("null");
        p.put("x-item-type", item.type().name());
        p.put("x-mask", item.maskOrNone().kind().name());
        return p;
    }

    static ObjectNode openApi(ResourceView r, String baseUri) {
        ObjectNode doc = JSON.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", r.name() + " — exchange API");
        info.put("version", Integer.toString(r.version()));
        info.put(
                "description",
                (r.nameEn() == null ? "" : r.nameEn() + ". ") + "Queries run under a grant of " + "resource " + r.code()
                        + "; items are masked unless the grant releases them raw.");
        doc.putArray("servers").addObject().put("url", baseUri.replaceAll("/$", ""));
        ObjectNode get = doc.putObject("paths")
                .putObject("/api/v1/exchange/" + r.id() + "/records")
                .putObject("get");
        get.put("operationId", "query_" + r.id().replace('-', '_'));
        get.put("summary", "Query " + r.name());
        ArrayNode parameters = get.putArray("parameters");
        for (DataItem item : r.items()) {
            if (item.isFilterable() && item.isShared()) {
                ObjectNode param = parameters.addObject();
                param.put("name", item.name());
                param.put("in", "query");
                param.put("description", item.label() + " — equality (prefix eq: to escape an operator word)");
                param.putObject("schema").put("type", "string");
            }
        }
        parameter(parameters, "fields", "Comma-separated items to return (a subset of the granted items)", "string");
        parameter(parameters, "limit", "Page size", "integer");
        parameter(parameters, "cursor", "nextCursor of the previous page", "string");
        ObjectNode ok = get.putObject("responses").putObject("200");
        ok.put("description", "A page of records; X-Exchange-Id names the ledger entry");
        ObjectNode page = ok.putObject("content").putObject("application/json").putObject("schema");
        page.put("type", "object");
        ObjectNode pageProps = page.putObject("properties");
        pageProps.putObject("items").put("type", "array").putObject("items").put("$ref", "#/components/schemas/Record");
        pageProps.putObject("nextCursor").put("type", "string");
        get.withObject("/responses").putObject("403").put("description", "Refused under the grant (problem+json)");
        get.putArray("security").addObject().putArray("bearer");
        ObjectNode components = doc.putObject("components");
        ObjectNode record = jsonSchema(r, baseUri);
        record.remove("$schema");
        components.putObject("schemas").set("Record", record);
        ObjectNode bearer = components.putObject("securitySchemes").putObject("bearer");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        return doc;
    }

    private static void parameter(ArrayNode parameters, String name, String description, String type) {
        ObjectNode param = parameters.addObject();
        param.put("name", name);
        param.put("in", "query");
        param.put("description", description);
        param.putObject("schema").put("type", type);
    }
}
