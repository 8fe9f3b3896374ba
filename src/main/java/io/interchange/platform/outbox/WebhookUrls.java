package io.interchange.platform.outbox;

import io.interchange.platform.net.HostResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which webhook URLs the hub will call. The hub POSTs from inside the government network, so a URL is a way to make
 * it reach addresses the caller cannot: https only, no credentials in the URL, never link-local or cloud-metadata
 * addresses (checked on every resolved address, at registration and again before each delivery), plain http only
 * to loopback and only when {@code interchange.notify.allow-loopback-http} is on. Private addresses stay allowed:
 * departments' receivers live on the government intranet. A delivery connects to the address that was checked
 * ({@link Checked#address()}), never to a second resolution of the name, so a name that changes its answer between
 * the check and the call (DNS rebinding) cannot steer the hub elsewhere.
 */
public final class WebhookUrls {

    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

    /**
     * The outcome of a check: either {@code problem} (why the URL is refused) or the parsed URL with the checked
     * address to connect to.
     */
    public record Checked(String problem, URI uri, InetAddress address) {

        static Checked refused(String problem) {
            return new Checked(problem, null, null);
        }

        public boolean allowed() {
            return problem == null;
        }

        /** The port to connect to: the URL's, or its scheme's default. */
        public int port() {
            return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        }
    }

    private WebhookUrls() {}

    /** Why the URL is refused, or empty when the hub may call it. */
    public static Optional<String> problem(String url, boolean allowLoopbackHttp, HostResolver resolver) {
        return Optional.ofNullable(check(url, allowLoopbackHttp, resolver).problem());
    }

    /** Checks the URL and every address its host resolves to; an allowed result names the address to connect to. */
    public static Checked check(String url, boolean allowLoopbackHttp, HostResolver resolver) {
        if (url == null || url.isBlank()) {
            return Checked.refused("is required");
        }
        if (url.length() > 2000) {
            return Checked.refused("must be at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Checked.refused("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Checked.refused("must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Checked.refused("must not carry credentials; the signature authenticates the hub");
        }
        if (uri.getRawFragment() != null) {
            return Checked.refused("must not have a fragment");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Checked.refused("must name a host");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (METADATA_HOSTS.contains(bare.toLowerCase(Locale.ROOT))) {
            return Checked.refused("names a cloud metadata service");
        }
        List<InetAddress> addresses;
        try {
            addresses = literal(bare).map(List::of).orElse(null);
            if (addresses == null) {
                addresses = resolver.resolve(bare);
            }
        } catch (UnknownHostException e) {
            return Checked.refused("host " + bare + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return Checked.refused("host " + bare + " does not resolve");
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            Optional<String> refused = refusedAddress(address);
            if (refused.isPresent()) {
                return Checked.refused(refused.get());
            }
            allLoopback &= address.isLoopbackAddress();
        }
        if (scheme.equals("http") && !(allowLoopbackHttp && allLoopback)) {
            return Checked.refused("must be an https URL");
        }
        if (scheme.equals("https") && allLoopback && !allowLoopbackHttp) {
            return Checked.refused("must not point at the hub's own machine");
        }
        return new Checked(null, uri, addresses.get(0));
    }

    /**
     * An IP literal is its own address and never reaches the resolver (whose contract is DNS names). Other spellings
     * ({@code 127.1}, {@code 0x7f000001}) go to the resolver like a name; the system one reads them as the address
     * they spell, and the address checks above then apply to it all the same.
     */
    private static Optional<InetAddress> literal(String host) {
        boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static Optional<String> refusedAddress(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("resolves to " + address.getHostAddress() + ", which is not a receiver's address");
        }
        if (address.isLinkLocalAddress() || isMetadata(address)) {
            return Optional.of("resolves to " + address.getHostAddress() + ", a link-local or cloud metadata address");
        }
        return Optional.empty();
    }

    private static boolean isMetadata(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            // 169.254.0.0/16 is link-local already; 100.100.100.200 is Alibaba Cloud's metadata service.
            return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
        }
        if (address instanceof Inet6Address) {
            // fd00:ec2::254 (AWS IMDS over IPv6) and IPv4-mapped/compatible forms of the IPv4 ones.
            if ((b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff))) {
                try {
                    InetAddress v4 = InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                    return v4.isLinkLocalAddress() || isMetadata(v4) || v4.isAnyLocalAddress();
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
