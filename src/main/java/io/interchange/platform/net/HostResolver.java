package io.interchange.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution for the hub's outbound calls (upstream sources, webhooks). The hub checks every address a name resolves to before it connects, and then
 * connects to the address it checked (never resolving twice), so a replaced resolver is all a test needs to make
 * "a name that resolves to a private address" happen without public DNS.
 */
public interface HostResolver {

    /** Every address of {@code host} (a DNS name, never an IP literal). */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (system DNS, {@code /etc/hosts}), subject to the JVM's DNS cache settings. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
