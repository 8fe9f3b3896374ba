package io.interchange.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** RFC 9162 §2.1.1 hashing: leaves are prefixed with 0x00, interior nodes with 0x01, so one can't pose as the other. */
public final class Hashes {

    public static final int SIZE = 32;

    // Looking a provider up costs about as much as hashing two nodes; a tree of a million leaves hashes a million
    // nodes.
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Hashes::sha256);

    private Hashes() {}

    public static byte[] leaf(byte[] data) {
        MessageDigest sha = DIGEST.get();
        sha.reset();
        sha.update((byte) 0x00);
        return sha.digest(data);
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = DIGEST.get();
        sha.reset();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** The root of the empty tree: SHA-256 of nothing. */
    public static byte[] empty() {
        return sha256().digest();
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
