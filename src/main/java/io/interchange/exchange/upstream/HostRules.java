package io.interchange.exchange.upstream;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an upstream host may be, written and resolved. Pure rules, no I/O: a host is written in exactly one canonical
 * form (lower-case DNS name, dotted-quad IPv4 without leading zeros, bracketed RFC 5952 IPv6), so an allow-list entry
 * and a URL compare as text and no alternative spelling of an address ({@code 127.1}, {@code 0x7f000001},
 * {@code 2130706433}, {@code [::ffff:127.0.0.1]}) can slip past an entry or a refusal.
 */
public final class HostRules {

    private HostRules() {}

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    /** A label inet_aton would read as a number: decimal, octal or hex. Hosts made only of these are IP spellings. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("^(0x[0-9a-f]*|[0-9]+)$");

    /** Cloud metadata services by name; they are never an upstream whatever they resolve to. */
    static final Set<String> METADATA_NAMES = Set.of(
            "metadata",
            "metadata.google.internal",
            "metadata.goog",
            "metadata.azure.com",
            "instance-data",
            "instance-data.ec2.internal",
            "metadata.tencentyun.com",
            "metadata.platformequinix.com");

    /** Cloud metadata services by address (those outside 169.254.0.0/16, which is refused as link-local anyway). */
    static final Set<String> METADATA_ADDRESSES = Set.of("100.100.100.200", "[fd00:ec2::254]", "192.0.0.192");

    /** How a canonical host is written. */
    public enum Kind {
        NAME,
        IPV4,
        IPV6
    }

    /**
     * The problem with {@code host} as an allow-list entry or URL host, or empty when it is canonical and may be
     * allow-listed. Loopback and private literals are allowed here (on-premises APIs, the demo upstream); link-local,
     * metadata, unspecified and multicast addresses never are.
     */
    public static Optional<String> problem(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.of("is required");
        }
        if (host.length() > 255) {
            return Optional.of("is longer than 253 characters");
        }
        if (host.startsWith("[")) {
            return ipv6Problem(host);
        }
        if (!host.equals(host.toLowerCase(Locale.ROOT))) {
            return Optional.of("must be written in lower case");
        }
        if (host.endsWith(".")) {
            return Optional.of("must not end with a dot (write the name without the root label)");
        }
        String[] labels = host.split("\\.", -1);
        boolean numeric = true;
        for (String label : labels) {
            numeric &= NUMERIC_LABEL.matcher(label).matches();
        }
        if (numeric) {
            if (!DOTTED_QUAD.matcher(host).matches()) {
                return Optional.of("is an IP address in a non-canonical spelling; write it as four decimal numbers"
                        + " without leading zeros (e.g. 127.0.0.1)");
            }
            return addressProblem(literal(host));
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("is not a valid host name (letters, digits and hyphens per label)");
            }
        }
        if (labels[labels.length - 1].matches("[0-9]+")
                || NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return Optional.of("must not end in a numeric label");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return Optional.of("names the local machine; allow-list the loopback address 127.0.0.1 instead");
        }
        if (METADATA_NAMES.contains(host)) {
            return Optional.of("is a cloud metadata service and can never be an upstream");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6Problem(String host) {
        if (!host.endsWith("]") || host.length() < 4) {
            return Optional.of("is not a bracketed IPv6 address");
        }
        String inner = host.substring(1, host.length() - 1);
        if (!inner.matches("[0-9a-f:.]+")) {
            return Optional.of("is not an IPv6 address in lower-case hex (no zone ids)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(inner); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return Optional.of("is not a valid IPv6 address");
        }
        if (address instanceof Inet4Address) {
            return Optional.of("is an IPv4-mapped IPv6 address; write the IPv4 address instead");
        }
        Optional<String> embedded = embeddedIpv4((Inet6Address) address);
        if (embedded.isPresent()) {
            return Optional.of("embeds the IPv4 address " + embedded.get() + "; write the IPv4 address instead");
        }
        String canonical = "[" + rfc5952((Inet6Address) address) + "]";
        if (!canonical.equals(host)) {
            return Optional.of("is not in canonical form; write it as " + canonical);
        }
        return addressProblem(address);
    }

    /** Why an address can never be an upstream, whatever entry names it; empty when it may be (given an entry). */
    public static Optional<String> addressProblem(InetAddress address) {
        if (address.isLinkLocalAddress() || inRange(address, "169.254.0.0", 16)) {
            return Optional.of("is a link-local address and can never be an upstream");
        }
        if (METADATA_ADDRESSES.contains(written(address))) {
            return Optional.of("is a cloud metadata address and can never be an upstream");
        }
        if (address.isAnyLocalAddress() || inRange(address, "0.0.0.0", 8)) {
            return Optional.of("is an unspecified address");
        }
        if (address.isMulticastAddress()
                || inRange(address, "240.0.0.0", 4)
                || written(address).equals("255.255.255.255")) {
            return Optional.of("is a multicast, broadcast or reserved address");
        }
        if (address instanceof Inet6Address v6 && embeddedIpv4(v6).isPresent()) {
            return Optional.of("embeds an IPv4 address");
        }
        return Optional.empty();
    }

    /**
     * Whether an address is on the public internet: what a DNS name in an entry may resolve to. Loopback, private
     * (RFC 1918, unique-local), shared (100.64/10), benchmarking, documentation and every refused address are not.
     */
    public static boolean isPublic(InetAddress address) {
        if (addressProblem(address).isPresent()
                || address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()) {
            return false;
        }
        if (address instanceof Inet4Address) {
            return !(inRange(address, "100.64.0.0", 10)
                    || inRange(address, "192.0.0.0", 24)
                    || inRange(address, "192.0.2.0", 24)
                    || inRange(address, "198.18.0.0", 15)
                    || inRange(address, "198.51.100.0", 24)
                    || inRange(address, "203.0.113.0", 24)
                    || inRange(address, "127.0.0.0", 8));
        }
        byte[] b = address.getAddress();
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
        boolean documentation =
                (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
        boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
        boolean teredo = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0;
        return !(uniqueLocal || documentation || sixToFour || teredo);
    }

    /** The kind of a canonical host. */
    public static Kind kind(String host) {
        if (host.startsWith("[")) {
            return Kind.IPV6;
        }
        return DOTTED_QUAD.matcher(host).matches() ? Kind.IPV4 : Kind.NAME;
    }

    /** The address a canonical IP literal names (no lookup). */
    public static InetAddress literal(String host) {
        String text = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!text.contains(":") && !DOTTED_QUAD.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IP literal: " + host);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + host, e);
        }
    }

    /** An address as a URL host: dotted quad, or bracketed RFC 5952. */
    public static String written(InetAddress address) {
        return address instanceof Inet6Address v6 ? "[" + rfc5952(v6) + "]" : address.getHostAddress();
    }

    /** IPv4 embedded in IPv6 forms that reach an IPv4 host: compatible (::a.b.c.d), NAT64 (64:ff9b::/96). */
    private static Optional<String> embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        boolean zeros = true;
        for (int i = 0; i < 12; i++) {
            zeros &= b[i] == 0;
        }
        boolean compatible = zeros && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (compatible || nat64) {
            return Optional.of((b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff));
        }
        return Optional.empty();
    }

    private static boolean inRange(InetAddress address, String network, int bits) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] n = literal(network).getAddress();
        int value = ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        int net = ((n[0] & 0xff) << 24) | ((n[1] & 0xff) << 16) | ((n[2] & 0xff) << 8) | (n[3] & 0xff);
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return (value & mask) == (net & mask);
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run (≥ 2) of zero groups as {@code ::}. */
    static String rfc5952(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
