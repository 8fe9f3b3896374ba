package io.interchange.platform.net;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces the hub's {@link HostResolver} in tests: names put here resolve to the given addresses (so "a DNS name that
 * resolves to a private address" needs no public DNS); any other name goes to the system resolver.
 */
@ApplicationScoped
public class TestResolver implements HostResolver {

    static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();

    public static void answer(String name, String... addresses) {
        try {
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]);
            }
            NAMES.put(name, List.of(resolved));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> fixed = NAMES.get(host);
        return fixed != null ? fixed : HostResolver.system().resolve(host);
    }
}
