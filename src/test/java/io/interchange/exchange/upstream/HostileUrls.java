package io.interchange.exchange.upstream;

import java.util.List;

/** URLs an upstream must never be registered at, nor called at, when only {@code http://127.0.0.1:PORT} is allowed. */
public final class HostileUrls {

    private HostileUrls() {}

    /** Each with {@code PORT} standing for the allow-listed port. */
    public static final List<String> TEMPLATES = List.of(
            "http://127.1:PORT/residents/{id_number}",
            "http://0x7f000001:PORT/residents/{id_number}",
            "http://0x7f.0.0.1:PORT/residents/{id_number}",
            "http://017700000001:PORT/residents/{id_number}",
            "http://0177.0.0.1:PORT/residents/{id_number}",
            "http://2130706433:PORT/residents/{id_number}",
            "http://127.0.0.01:PORT/residents/{id_number}",
            "http://[::1]:PORT/residents/{id_number}",
            "http://[0:0:0:0:0:0:0:1]:PORT/residents/{id_number}",
            "http://[::ffff:127.0.0.1]:PORT/residents/{id_number}",
            "http://[::127.0.0.1]:PORT/residents/{id_number}",
            "http://localhost:PORT/residents/{id_number}",
            "http://localhost.:PORT/residents/{id_number}",
            "http://LOCALHOST:PORT/residents/{id_number}",
            "http://0.0.0.0:PORT/residents/{id_number}",
            "http://169.254.169.254/latest/meta-data/{id_number}",
            "http://metadata.google.internal/computeMetadata/v1/{id_number}",
            "http://metadata/computeMetadata/v1/{id_number}",
            "http://[fd00:ec2::254]/latest/meta-data/{id_number}",
            "http://100.100.100.200/latest/meta-data/{id_number}",
            "http://[fe80::1]:PORT/residents/{id_number}",
            "file:///etc/passwd?{id_number}",
            "gopher://127.0.0.1:PORT/_{id_number}",
            "ftp://127.0.0.1:PORT/{id_number}",
            "dict://127.0.0.1:PORT/{id_number}",
            "https://127.0.0.1@evil.example/residents/{id_number}",
            "http://127.0.0.1:PORT@evil.example/residents/{id_number}",
            "http://evil.example#@127.0.0.1:PORT/residents/{id_number}",
            "http://127.0.0.1:PORT/residents/{id_number}#frag",
            "http://127.0.0.1:PORT\\@evil.example/residents/{id_number}",
            "http://{id_number}.evil.example/residents",
            "http://127.0.0.1:OTHER/residents/{id_number}",
            "https://127.0.0.1:PORT/residents/{id_number}",
            "http://127.0.0.1/residents/{id_number}",
            "http://127.0.0.1:0PORT/residents/{id_number}",
            "//127.0.0.1:PORT/residents/{id_number}",
            "http://127.0.0.1:PORT/../admin/{id_number}");

    public static List<String> at(int port) {
        return TEMPLATES.stream()
                .map(t -> t.replace("OTHER", Integer.toString(port + 1)).replace("PORT", Integer.toString(port)))
                .toList();
    }
}
