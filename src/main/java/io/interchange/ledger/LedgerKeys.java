package io.interchange.ledger;

import io.interchange.platform.HubConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key that turns personal values into stable pseudonyms in the ledger, so "who accessed data about this
 * person" can be answered without the ledger holding the person's ID number. From configuration, or generated once
 * under the data directory.
 */
@ApplicationScoped
public class LedgerKeys {

    @Inject
    HubConfig config;

    private SecretKeySpec key;

    /** Initialised once and cloned per use: a clone keeps the key schedule, getInstance + init redo it every time. */
    private Mac keyed;

    @PostConstruct
    void load() {
        byte[] material =
                config.ledger().hmacKey().map(Base64.getDecoder()::decode).orElseGet(this::fromDataDir);
        if (material.length < 32) {
            throw new IllegalStateException("interchange.ledger.hmac-key must hold at least 32 bytes");
        }
        key = new SecretKeySpec(material, "HmacSHA256");
        try {
            keyed = Mac.getInstance("HmacSHA256");
            keyed.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return config.ledger().hmacKeyId();
    }

    /** {@code hmac:<keyId>:<hex>} of the value, as ledger entries carry it. */
    public String hmac(String normalisedValue) {
        try {
            Mac mac = (Mac) keyed.clone();
            byte[] digest = mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8));
            return "hmac:" + keyId() + ":" + HexFormat.of().formatHex(digest);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Raw key bytes for keyed masking (HASH) elsewhere in the hub. */
    public byte[] material() {
        return key.getEncoded();
    }

    private byte[] fromDataDir() {
        Path file = Path.of(config.dataDir(), "ledger-hmac-" + keyId() + ".key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path tmp = Files.createTempFile(file.getParent(), "hmac", ".tmp");
                Files.setPosixFilePermissions(
                        tmp, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(random));
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("ledger HMAC key " + file, e);
        }
    }
}
