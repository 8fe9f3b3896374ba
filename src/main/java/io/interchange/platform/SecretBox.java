package io.interchange.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets the hub stores but never returns (upstream credentials, webhook secrets) with AES-256-GCM.
 *
 * <p>A sealed value reads {@code v1:<keyId>:<base64(nonce ‖ ciphertext ‖ tag)>}. The caller names what the secret
 * belongs to (for example {@code upstream:301001-000042}); that context is authenticated data, so a value copied
 * onto another object in the database fails to open instead of leaking into the wrong call.
 */
@ApplicationScoped
public class SecretBox {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    @Inject
    HubConfig config;

    private String currentId;
    private final Map<String, SecretKey> keys = new HashMap<>();

    @PostConstruct
    void load() {
        HubConfig.Secrets secrets = config.secrets();
        currentId = secrets.keyId();
        if (!currentId.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalStateException("interchange.secrets.key-id must match [A-Za-z0-9_-]{1,32}");
        }
        secrets.previousKeys()
                .forEach((id, b64) -> keys.put(id, aesKey(b64, "interchange.secrets.previous-keys." + id)));
        keys.put(
                currentId,
                secrets.key()
                        .map(b64 -> aesKey(b64, "interchange.secrets.key"))
                        .orElseGet(() -> fromDataDir(Path.of(config.dataDir(), "secrets-" + currentId + ".key"))));
    }

    /** Creates a box over fixed keys, for unit tests and tools; {@code keys} maps key id to raw 32-byte key. */
    public static SecretBox of(String currentId, Map<String, byte[]> rawKeys) {
        SecretBox box = new SecretBox();
        box.currentId = currentId;
        rawKeys.forEach((id, raw) -> box.keys.put(id, new SecretKeySpec(raw.clone(), "AES")));
        if (!box.keys.containsKey(currentId)) {
            throw new IllegalArgumentException("no key for the current id " + currentId);
        }
        return box;
    }

    public String currentKeyId() {
        return currentId;
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(currentId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + ":" + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Opens a sealed value. Fails with {@link IllegalStateException} when the key id is unknown, or when the value
     * was altered or sealed for another context; callers treat that as a configuration fault, not bad input.
     */
    public String open(String sealed, String context) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("not a sealed value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("sealed under key " + parts[1] + ", which this node does not hold");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sealed value is not base64", e);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("sealed value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(parts[1], context));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("sealed value was altered or belongs to another object", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Whether a value was sealed under a key other than the current one, so a rotation job can re-seal it. */
    public boolean needsResealing(String sealed) {
        String[] parts = sealed.split(":", 3);
        return parts.length != 3 || !currentId.equals(parts[1]);
    }

    private static byte[] aad(String keyId, String context) {
        return (VERSION + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey aesKey(String b64, String setting) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (AES-256), found " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    private SecretKey fromDataDir(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] raw = new byte[32];
                random.nextBytes(raw);
                Path tmp = Files.createTempFile(file.getParent(), "secrets", ".tmp");
                Files.setPosixFilePermissions(
                        tmp, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n");
                try {
                    // Two nodes starting on one data directory: the first writer wins, the second reads its key.
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return aesKey(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("secrets key " + file, e);
        }
    }
}
