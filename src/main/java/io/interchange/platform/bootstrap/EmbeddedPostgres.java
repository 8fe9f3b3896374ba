package io.interchange.platform.bootstrap;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server run from the binaries that io.zonky.test ships in a jar, so the hub starts with one command on a
 * machine without a database. Zonky's own launcher is test-oriented (throw-away data directories, no control over the
 * commands it runs), so this class does the few steps itself: unpack once, initdb once, start, stop.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root, every server command runs through {@code unshare -U}: in
 * a fresh user namespace the process is an unprivileged id that also appears to own the data directory, which is all
 * initdb and the postmaster check.
 */
public final class EmbeddedPostgres {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    static final String DATABASE = "interchange";
    static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final Path pgData;
    private final boolean fsync;
    private final int requestedPort;
    private Path binDir;
    private int port;
    private String password;
    private FileChannel lockChannel;
    private FileLock lock;
    private volatile boolean running;

    public EmbeddedPostgres(Path dataDir, int requestedPort, boolean fsync) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.pgData = this.dataDir.resolve("postgres");
        this.requestedPort = requestedPort;
        this.fsync = fsync;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            acquireLock();
            binDir = unpackBinaries();
            password = readOrCreatePassword();
            if (!Files.exists(pgData.resolve("PG_VERSION"))) {
                initdb();
            }
            clearStalePid();
            startOnAFreePort();
            running = true;
            createDatabase();
            LOG.infof(
                    "Embedded PostgreSQL ready on 127.0.0.1:%d (data %s) in %d ms",
                    port, pgData, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL could not start: " + e.getMessage(), e);
        }
    }

    /** Deletes the cluster so the next start begins empty (tests only: every run starts from the migrations). */
    public synchronized void reset() {
        if (running) {
            throw new IllegalStateException("stop the server before resetting it");
        }
        try {
            if (Files.exists(pgData)) {
                deleteTree(pgData);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            run(List.of(bin("pg_ctl"), "-D", pgData.toString(), "stop", "-m", "fast", "-w", "-t", "30"));
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warnf("Embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        } finally {
            releaseLock();
        }
    }

    /** Lets go of the data directory without stopping the server, as a killed JVM would (tests of recovery). */
    synchronized void abandon() {
        running = false;
        releaseLock();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    private void acquireLock() throws IOException {
        Path lockFile = dataDir.resolve("postgres.lock");
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this JVM already
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("another Interchange process is using " + pgData
                    + "; stop it or set interchange.data-dir to another directory");
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing the data directory lock failed", e);
        }
    }

    /** Unpacks the bundled archive into a directory named by its digest, so an upgrade never mixes two versions. */
    private Path unpackBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            archive = in.readAllBytes();
        }
        String digest = HexFormat.of().formatHex(sha256(archive)).substring(0, 16);
        Path target = dataDir.resolve("pg-binaries").resolve(digest);
        if (Files.exists(target.resolve(".complete"))) {
            return target.resolve("bin");
        }
        Path partial = Files.createDirectories(target.resolveSibling(
                digest + ".partial-" + ProcessHandle.current().pid()));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
        Files.writeString(partial.resolve(".complete"), digest);
        if (Files.exists(target)) {
            deleteTree(target);
        }
        Files.move(partial, target);
        return target.resolve("bin");
    }

    private String readOrCreatePassword() throws IOException {
        Path file = dataDir.resolve("postgres.password");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, generated);
        Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        return generated;
    }

    private void initdb() throws IOException {
        if (Files.exists(pgData)) {
            deleteTree(pgData); // a half-finished initdb from an interrupted first start
        }
        Files.createDirectories(pgData);
        Path pwFile = Files.createTempFile(dataDir, "pw", ".tmp");
        try {
            Files.writeString(pwFile, password);
            // C.UTF-8 makes pg_trgm treat Chinese characters as word characters.
            run(List.of(
                    bin("initdb"),
                    "-D",
                    pgData.toString(),
                    "-U",
                    SUPERUSER,
                    "--auth=scram-sha-256",
                    "--pwfile=" + pwFile,
                    "-E",
                    "UTF-8",
                    "--locale=C.UTF-8"));
        } finally {
            Files.deleteIfExists(pwFile);
        }
    }

    /**
     * A hub killed with SIGKILL leaves its postmaster running (it is a daemon) or a postmaster.pid naming a process id
     * that may since belong to something else. We hold the data directory lock, so any server on it is ours to stop.
     */
    private void clearStalePid() throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid = lines.isEmpty() ? -1 : parsePid(lines.get(0));
        boolean ourPostmaster = pid > 0
                && ProcessHandle.of(pid)
                        .flatMap(p -> p.info().command())
                        .map(c -> c.endsWith("/postgres"))
                        .orElse(false)
                && lines.size() > 1
                && Path.of(lines.get(1).trim()).equals(pgData);
        if (ourPostmaster) {
            LOG.warnf("Stopping a PostgreSQL server (pid %d) left running by an earlier hub process", pid);
            try {
                run(List.of(bin("pg_ctl"), "-D", pgData.toString(), "stop", "-m", "fast", "-w", "-t", "30"));
            } catch (IOException e) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } else {
            LOG.warnf("Removing a stale postmaster.pid (pid %d is not running this data directory)", pid);
        }
        Files.deleteIfExists(pidFile);
    }

    /**
     * A port found free can be taken by another process before the postmaster binds it; with a chosen port the hub
     * simply tries another one (a configured port fails at once).
     */
    private void startOnAFreePort() throws IOException {
        for (int attempt = 1; ; attempt++) {
            port = requestedPort > 0 ? requestedPort : freePort();
            try {
                startServer();
                return;
            } catch (IOException e) {
                if (requestedPort > 0 || attempt == 3) {
                    throw e;
                }
                LOG.warnf(
                        "Embedded PostgreSQL could not start on port %d (%s); trying another port",
                        port, e.getMessage());
                Files.deleteIfExists(pgData.resolve("postmaster.pid"));
            }
        }
    }

    private static long parsePid(String line) {
        try {
            return Long.parseLong(line.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void startServer() throws IOException {
        String options = String.join(
                " ",
                "-p",
                Integer.toString(port),
                "-c listen_addresses=127.0.0.1",
                "-c unix_socket_directories=''",
                "-c fsync=" + (fsync ? "on" : "off"),
                "-c max_connections=100");
        run(List.of(
                bin("pg_ctl"),
                "-D",
                pgData.toString(),
                "-l",
                dataDir.resolve("postgres.log").toString(),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start"));
    }

    private void createDatabase() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (var connection = DriverManager.getConnection(url, SUPERUSER, password);
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + DATABASE + " encoding 'UTF8'");
                }
            }
        } catch (SQLException e) {
            throw new IOException("creating database " + DATABASE + " failed: " + e.getMessage(), e);
        }
    }

    private String bin(String name) {
        return binDir.resolve(name).toString();
    }

    private static void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.add("unshare");
            full.add("-U");
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(Path.of(command.get(0)).getFileName() + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + process.exitValue() + "): "
                    + output.strip());
        }
        LOG.debug(output);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String system() {
        String os = System.getProperty("os.name").toLowerCase();
        if (os.contains("linux")) {
            return "Linux";
        }
        if (os.contains("mac")) {
            return "Darwin";
        }
        if (os.contains("win")) {
            return "Windows";
        }
        throw new IllegalStateException("no embedded PostgreSQL for " + os + "; set DB_URL to use an external server");
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
