package io.interchange.exchange.upstream;

/** One allow-list entry: an upstream origin a department may register, matched exactly. */
public record HostEntry(String scheme, String host, Integer port) {

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
