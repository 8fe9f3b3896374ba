package io.interchange.exchange.upstream;

import io.interchange.catalog.ResourceParts.DataItem;
import io.interchange.catalog.ResourceParts.Endpoint;
import io.interchange.platform.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed upstream URL template: {@code scheme://host[:port]/path?query} where only the path and query may hold
 * {@code {item}} placeholders. Parsing is strict on purpose — no user info, no fragment, a canonical host, characters
 * of RFC 3986 only — so what the allow-list is compared with is exactly where the hub connects.
 */
public record EndpointTemplate(String scheme, String host, int port, String pathAndQuery, List<String> parameters) {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]{0,62})\\}");
    private static final Pattern ALLOWED_CHARS = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%{}]+");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    /** Headers the endpoint may not set: they belong to the connection, to the hub, or to the credential. */
    static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "authorization",
            "proxy-authorization",
            "cookie",
            "content-length",
            "content-type",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "expect",
            "forwarded",
            "via");

    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$");
    static final int MAX_HEADERS = 20;
    static final int MAX_CREDENTIAL = 4096;

    /** The template as written, or a description of what is wrong with it. */
    public static EndpointTemplate parse(String template) throws InvalidTemplate {
        if (template == null || template.isBlank()) {
            throw new InvalidTemplate("is required");
        }
        if (template.length() > 2000) {
            throw new InvalidTemplate("must be at most 2000 characters");
        }
        if (!ALLOWED_CHARS.matcher(template).matches()) {
            throw new InvalidTemplate("may hold only URL characters (RFC 3986): no spaces, backslashes or controls");
        }
        Matcher scheme = SCHEME.matcher(template);
        if (!scheme.find()) {
            throw new InvalidTemplate("must start with http:// or https://");
        }
        String schemeName = scheme.group(1);
        if (!schemeName.equals("http") && !schemeName.equals("https")) {
            throw new InvalidTemplate("scheme " + schemeName.toLowerCase(Locale.ROOT)
                    + ": is not allowed; only http and https (lower case)");
        }
        String rest = template.substring(scheme.end());
        if (!rest.startsWith("//")) {
            throw new InvalidTemplate("must be an absolute URL (" + schemeName + "://host/…)");
        }
        rest = rest.substring(2);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        String tail = rest.substring(end);
        if (authority.contains("@")) {
            throw new InvalidTemplate("must not hold user info (user@host)");
        }
        if (authority.contains("{") || authority.contains("}") || authority.contains("%")) {
            throw new InvalidTemplate("the host and port cannot be templated or percent-encoded");
        }
        if (tail.contains("#")) {
            throw new InvalidTemplate("must not have a fragment (#…)");
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidTemplate("has an unclosed IPv6 bracket");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidTemplate("has characters after the IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        Optional<String> hostProblem = HostRules.problem(host);
        if (hostProblem.isPresent()) {
            throw new InvalidTemplate("host " + host + " " + hostProblem.get());
        }
        int port = schemeName.equals("https") ? 443 : 80;
        if (portText != null) {
            if (!portText.matches("[1-9][0-9]{0,4}") || Integer.parseInt(portText) > 65535) {
                throw new InvalidTemplate("port must be a number from 1 to 65535 without leading zeros");
            }
            port = Integer.parseInt(portText);
        }
        if (tail.isEmpty()) {
            tail = "/";
        }
        if (!tail.startsWith("/")) {
            throw new InvalidTemplate("the path must start with /");
        }
        List<String> parameters = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(tail);
        while (m.find()) {
            parameters.add(m.group(1));
        }
        String stripped = PLACEHOLDER.matcher(tail).replaceAll("x");
        if (stripped.contains("{") || stripped.contains("}")) {
            throw new InvalidTemplate("placeholders are written {item_name}");
        }
        if (stripped.contains("/../") || stripped.endsWith("/..") || stripped.contains("/./")) {
            throw new InvalidTemplate("the path must not contain . or .. segments");
        }
        try {
            new URI(schemeName + "://" + authority + stripped);
        } catch (URISyntaxException e) {
            throw new InvalidTemplate("is not a valid URL: " + e.getReason());
        }
        return new EndpointTemplate(schemeName, host, port, tail, List.copyOf(new LinkedHashSet<>(parameters)));
    }

    /** The path and query with each placeholder replaced by its value, percent-encoded (only letters and digits stay). */
    public String expand(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(pathAndQuery);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** Where to connect, as an allow-list entry reads. */
    public HostEntry origin() {
        return new HostEntry(scheme, host, port);
    }

    /** Thrown for a template the hub will not call; the message completes "urlTemplate …". */
    public static final class InvalidTemplate extends Exception {
        public InvalidTemplate(String message) {
            super(message, null, false, false);
        }
    }

    /** Limits an endpoint is held to, from configuration. */
    public record Limits(int maxTimeoutMs, long maxResponseBytes) {}

    /**
     * Every problem of an endpoint as a steward wrote it, checked against the resource's items and the provider's
     * allow-list. Field names are relative to {@code source.endpoint}.
     */
    public static List<FieldError> problems(
            Endpoint endpoint, List<DataItem> items, List<HostEntry> allowList, Limits limits) {
        List<FieldError> problems = new ArrayList<>();
        String at = "source.endpoint";
        if (endpoint == null) {
            problems.add(new FieldError(at, "is required for an UPSTREAM source"));
            return problems;
        }
        try {
            EndpointTemplate template = parse(endpoint.urlTemplate());
            for (String parameter : template.parameters()) {
                boolean filterable = items != null
                        && items.stream().anyMatch(i -> i != null && parameter.equals(i.name()) && i.isFilterable());
                if (!filterable) {
                    problems.add(new FieldError(
                            at + ".urlTemplate", "{" + parameter + "} must name a filterable item of the resource"));
                }
            }
            HostEntry origin = template.origin();
            if (!allowList.contains(origin)) {
                problems.add(new FieldError(
                        at + ".urlTemplate",
                        origin + " is not on the provider's upstream-host allow-list (scheme, host and port must"
                                + " match an entry exactly; the authority edits the list)"));
            }
        } catch (InvalidTemplate e) {
            problems.add(new FieldError(at + ".urlTemplate", e.getMessage()));
        }
        if (endpoint.method() != null && !endpoint.method().equals("GET")) {
            problems.add(new FieldError(at + ".method", "only GET is supported"));
        }
        if (endpoint.timeoutMs() != null
                && (endpoint.timeoutMs() < 1 || endpoint.timeoutMs() > limits.maxTimeoutMs())) {
            problems.add(new FieldError(at + ".timeoutMs", "must be between 1 and " + limits.maxTimeoutMs()));
        }
        if (endpoint.maxResponseBytes() != null
                && (endpoint.maxResponseBytes() < 1 || endpoint.maxResponseBytes() > limits.maxResponseBytes())) {
            problems.add(
                    new FieldError(at + ".maxResponseBytes", "must be between 1 and " + limits.maxResponseBytes()));
        }
        Map<String, String> headers = endpoint.headers() == null ? Map.of() : endpoint.headers();
        if (headers.size() > MAX_HEADERS) {
            problems.add(new FieldError(at + ".headers", "at most " + MAX_HEADERS + " headers"));
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (!HEADER_NAME.matcher(name).matches()) {
                problems.add(new FieldError(at + ".headers", "'" + abbreviate(name) + "' is not a header name"));
            } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                    || name.toLowerCase(Locale.ROOT).startsWith("x-forwarded-")) {
                problems.add(new FieldError(
                        at + ".headers." + name, "is set by the hub (Authorization comes only from the credential)"));
            } else if (!headerValue(header.getValue(), 1024)) {
                problems.add(
                        new FieldError(at + ".headers." + name, "must be printable text of at most 1024 characters"));
            }
        }
        if (endpoint.credential() != null
                && !endpoint.credential().isEmpty()
                && !headerValue(endpoint.credential(), MAX_CREDENTIAL)) {
            problems.add(new FieldError(
                    at + ".credential", "must be printable text of at most " + MAX_CREDENTIAL + " characters"));
        }
        return problems;
    }

    private static boolean headerValue(String value, int max) {
        return value != null && value.length() <= max && value.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
