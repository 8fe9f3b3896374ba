package io.interchange.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for the code-flow test: {@code org.keycloak:keycloak-quarkus-dist} from the local Maven repository
 * (fetched by its coordinates when missing), unpacked under {@code target/}, started with {@code kc.sh start-dev} on
 * free ports with the JDK 25 it needs, importing {@code deploy/keycloak/interchange-realm.json}. When the distribution
 * cannot be fetched or started, the hub boots in demo mode with {@code interchange.test.keycloak} saying why, and the
 * test skips with that message.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    static final String VERSION = "26.5.6";
    static final String UNAVAILABLE = "interchange.test.keycloak-unavailable";
    static final Path JAVA_25 =
            Path.of(System.getenv().getOrDefault("KEYCLOAK_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private Process keycloak;

    @Override
    public Map<String, String> start() {
        try {
            Path dist = distribution();
            if (dist == null) {
                return Map.of(UNAVAILABLE, "the Keycloak " + VERSION + " distribution could not be fetched");
            }
            if (!Files.isExecutable(JAVA_25.resolve("bin/java"))) {
                return Map.of(UNAVAILABLE, "no JDK 25 for Keycloak at " + JAVA_25 + " (set KEYCLOAK_JAVA_HOME)");
            }
            Path home = Path.of("target", "keycloak-" + VERSION).toAbsolutePath();
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                Files.createDirectories(home.getParent());
                run(new ProcessBuilder(
                        "tar", "-xzf", dist.toString(), "-C", home.getParent().toString()));
            }
            int port = freePort();
            int management = freePort();
            String realm = Files.readString(Path.of("deploy", "keycloak", "interchange-realm.json"))
                    .replace("http://127.0.0.1:8080/", "http://127.0.0.1:" + ConsoleKeycloakTest.HUB_PORT + "/")
                    .replace("http://localhost:8080/", "http://localhost:" + ConsoleKeycloakTest.HUB_PORT + "/");
            Files.createDirectories(home.resolve("data/import"));
            Files.writeString(home.resolve("data/import/interchange-realm.json"), realm);
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--http-host=127.0.0.1",
                            "--http-port=" + port,
                            "--http-management-port=" + management,
                            "--import-realm",
                            "--db=dev-mem",
                            "--cache=local")
                    .redirectErrorStream(true)
                    .redirectOutput(home.getParent().resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", JAVA_25.toString());
            keycloak = builder.start();
            String issuer = "http://127.0.0.1:" + port + "/realms/interchange";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!ready(issuer + "/.well-known/openid-configuration")) {
                if (!keycloak.isAlive() || System.nanoTime() > deadline) {
                    stop();
                    return Map.of(UNAVAILABLE, "Keycloak did not start (see target/keycloak.log)");
                }
                Thread.sleep(1000);
            }
            return Map.of(
                    "quarkus.oidc.auth-server-url", issuer,
                    "quarkus.oidc.client-id", "interchange-console",
                    "interchange-console.oidc.client-id", "interchange-console",
                    "interchange-console.oidc.secret", "interchange-console-demo-secret",
                    "interchange.demo.active", "false",
                    "quarkus.http.test-port", Integer.toString(ConsoleKeycloakTest.HUB_PORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The distribution in the local Maven repository, fetched by its coordinates when it is not there yet. */
    private static Path distribution() throws IOException, InterruptedException {
        Path repo =
                Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path file = repo.resolve(
                "org/keycloak/keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-" + VERSION + ".tar.gz");
        if (!Files.isRegularFile(file)) {
            String mvn = System.getProperty("maven.home") == null
                    ? "mvn"
                    : Path.of(System.getProperty("maven.home"), "bin", "mvn").toString();
            try {
                run(new ProcessBuilder(
                        mvn,
                        "-B",
                        "-q",
                        "dependency:get",
                        "-Dtransitive=false",
                        "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":tar.gz"));
            } catch (IOException | IllegalStateException e) {
                return null;
            }
        }
        return Files.isRegularFile(file) ? file : null;
    }

    private static void run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed: " + out);
        }
    }

    private static boolean ready(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            try {
                keycloak.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
            keycloak.destroyForcibly();
            keycloak = null;
        }
    }
}
