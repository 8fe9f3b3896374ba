package io.interchange.ledger.verify;

import io.interchange.ledger.merkle.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 and the checkpoint body of c2sp.org/tlog-checkpoint: origin,
 * tree size, base64 root hash. The signature covers the body including its final newline.
 */
public final class SignedNote {

    private static final byte ED25519 = 0x01;
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String DASH = "\u2014 ";

    /** A parsed checkpoint. */
    public record Checkpoint(String origin, long treeSize, byte[] rootHash) {}

    private SignedNote() {}

    public static String checkpointBody(String origin, long treeSize, byte[] root) {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    public static String sign(String name, String body, PrivateKey key, PublicKey publicKey) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(body.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            byte[] blob = new byte[4 + sig.length];
            System.arraycopy(keyHash(name, raw(publicKey)), 0, blob, 0, 4);
            System.arraycopy(sig, 0, blob, 4, sig.length);
            return body + "\n" + DASH + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** First 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
    public static byte[] keyHash(String name, byte[] rawPublicKey) {
        MessageDigest sha = Hashes.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x0A);
        sha.update(ED25519);
        return Arrays.copyOf(sha.digest(rawPublicKey), 4);
    }

    /** {@code <name>+<hex key hash>+<base64(0x01 ‖ public key)>}. */
    public static String verifierKey(String name, PublicKey key) {
        byte[] raw = raw(key);
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(raw, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyHash(name, raw)) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /** Reads a verifier key string; returns its name and public key. */
    public static Verifier parseVerifierKey(String vkey) {
        String[] parts = vkey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is <name>+<hex id>+<base64 key>");
        }
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("not an Ed25519 verifier key");
        }
        PublicKey key = publicKey(Arrays.copyOfRange(typed, 1, 33));
        if (!HexFormat.of().formatHex(keyHash(parts[0], raw(key))).equals(parts[1])) {
            throw new IllegalArgumentException("verifier key id does not match its key");
        }
        return new Verifier(parts[0], key);
    }

    /** A trusted key: the name it signs under and the key itself. */
    public record Verifier(String name, PublicKey key) {}

    /**
     * Opens a note: returns its body when a signature line by {@code name} with this key verifies, else throws. Lines
     * by other keys are ignored, as the spec asks.
     */
    public static String open(String note, String name, PublicKey key) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("not a signed note");
        }
        String body = note.substring(0, split + 1);
        byte[] hash = keyHash(name, raw(key));
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(DASH)) {
                throw new IllegalArgumentException("malformed signature line");
            }
            String[] parts = line.substring(DASH.length()).split(" ");
            if (parts.length != 2 || !parts[0].equals(name)) {
                continue;
            }
            byte[] blob = Base64.getDecoder().decode(parts[1]);
            if (blob.length < 5 || !Arrays.equals(Arrays.copyOf(blob, 4), hash)) {
                continue;
            }
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(body.getBytes(StandardCharsets.UTF_8));
                if (s.verify(Arrays.copyOfRange(blob, 4, blob.length))) {
                    return body;
                }
            } catch (GeneralSecurityException e) {
                // an unusable signature is no signature
            }
            throw new IllegalArgumentException("the signature by " + name + " does not verify");
        }
        throw new IllegalArgumentException("no signature by " + name + " with this key");
    }

    public static Checkpoint parseCheckpoint(String body) {
        String[] lines = body.split("\n");
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint has an origin, a tree size and a root hash");
        }
        return new Checkpoint(
                lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    public static PublicKey publicKey(byte[] raw) {
        byte[] der = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** A PEM "PUBLIC KEY" block (SubjectPublicKeyInfo). */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static PublicKey fromPem(String pem) {
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
