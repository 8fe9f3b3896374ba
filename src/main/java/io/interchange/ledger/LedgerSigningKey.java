package io.interchange.ledger;

import io.interchange.ledger.verify.SignedNote;
import io.interchange.platform.HubConfig;
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
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The hub's Ed25519 checkpoint signing key: from configuration (PKCS#8), or generated once under the data directory
 * as {@code ledger-signing-<keyId>.pem}. Its C2SP key name is the checkpoint origin.
 */
@ApplicationScoped
public class LedgerSigningKey {

    @Inject
    HubConfig config;

    private KeyPair pair;

    @PostConstruct
    void load() {
        PrivateKey key = config.ledger()
                .signingKey()
                .map(b64 -> privateKey(Base64.getDecoder().decode(b64.strip())))
                .orElseGet(this::fromDataDir);
        pair = new KeyPair(publicKeyOf(key), key);
    }

    public String keyId() {
        return config.ledger().signingKeyId();
    }

    public String name() {
        return config.ledger().origin();
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    public String pem() {
        return SignedNote.pem(pair.getPublic());
    }

    public String verifierKey() {
        return SignedNote.verifierKey(name(), pair.getPublic());
    }

    /** The signed checkpoint note for a tree. */
    public String checkpoint(long treeSize, byte[] root) {
        return SignedNote.sign(
                name(), SignedNote.checkpointBody(name(), treeSize, root), pair.getPrivate(), pair.getPublic());
    }

    /**
     * The JDK derives an Ed25519 public key only while generating a pair; generating from the private key's own seed
     * yields the same pair.
     */
    static PublicKey publicKeyOf(PrivateKey key) {
        try {
            byte[] seed = ((EdECPrivateKey) key)
                    .getBytes()
                    .orElseThrow(() -> new IllegalStateException("the signing key has no exportable seed"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair derived = generator.generateKeyPair();
            byte[] body = "key check".getBytes(StandardCharsets.UTF_8);
            java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(body);
            byte[] sig = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
            verifier.initVerify(derived.getPublic());
            verifier.update(body);
            if (!verifier.verify(sig)) {
                throw new IllegalStateException("could not derive the public key of the signing key");
            }
            return derived.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("interchange.ledger.signing-key is not an Ed25519 PKCS#8 key", e);
        }
    }

    private PrivateKey fromDataDir() {
        Path file = Path.of(config.dataDir(), "ledger-signing-" + keyId() + ".pem");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                KeyPair fresh = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(fresh.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                Path tmp = Files.createTempFile(file.getParent(), "signing", ".tmp");
                Files.setPosixFilePermissions(
                        tmp, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
                Files.writeString(tmp, pem);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            String b64 =
                    Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return privateKey(Base64.getDecoder().decode(b64));
        } catch (IOException e) {
            throw new UncheckedIOException("ledger signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands the key generator a known seed instead of fresh randomness. */
    private static final class FixedSeed extends SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
