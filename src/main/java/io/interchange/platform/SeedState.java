package io.interchange.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Remembers, per part of the seed folder, the SHA-256 of the files this database last took in ({@code seed_state}), so
 * a restart with unchanged files does not read and check them all again. A loader bumps its {@code format} when it
 * starts writing something new from the same files, which makes every database take them in once more.
 *
 * <p>Skipping also means that a seeded object an operator deleted stays deleted across restarts, until that part of
 * the seed changes.
 */
@ApplicationScoped
public class SeedState {

    @Inject
    EntityManager em;

    /**
     * The digest of {@code format}, then of each file (its path relative to {@code root}, then its bytes) in path order;
     * a missing file counts as absent, so adding one changes the digest too.
     */
    public static String digest(String format, Path root, List<Path> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(format.getBytes(StandardCharsets.UTF_8));
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(null);
        for (Path file : sorted) {
            // The 0 bytes keep "a" + "bc" apart from "ab" + "c".
            sha.update((byte) 0);
            sha.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (Files.isRegularFile(file)) {
                try {
                    sha.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read seed file " + file, e);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The {@code .json} files directly in {@code dir} (none when it does not exist). */
    public static List<Path> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** True when this database already took in exactly these files for {@code part}. */
    @Transactional
    public boolean unchanged(String part, String sha256) {
        List<?> stored = em.createNativeQuery("select sha256 from seed_state where part = ?1")
                .setParameter(1, part)
                .getResultList();
        return !stored.isEmpty() && sha256.equals(stored.get(0));
    }

    /**
     * Records that {@code part} was taken in; call it inside the loader's transaction so a load that fails records
     * nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String part, String sha256) {
        em.createNativeQuery(
                        "insert into seed_state (part, sha256, applied_at) values (?1, ?2, ?3)"
                                + " on conflict (part) do update set sha256 = excluded.sha256, applied_at = excluded.applied_at")
                .setParameter(1, part)
                .setParameter(2, sha256)
                .setParameter(3, OffsetDateTime.now())
                .executeUpdate();
    }
}
