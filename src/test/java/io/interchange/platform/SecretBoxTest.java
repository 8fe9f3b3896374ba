package io.interchange.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final byte[] K1 = filled(1);
    private static final byte[] K2 = filled(2);

    private static byte[] filled(int b) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) b);
        return k;
    }

    @Test
    void roundTripsAndNeverRepeatsCiphertext() {
        SecretBox box = SecretBox.of("c1", Map.of("c1", K1));
        String a = box.seal("Bearer s3cret-令牌", "upstream:301001-000042");
        String b = box.seal("Bearer s3cret-令牌", "upstream:301001-000042");
        assertNotEquals(a, b, "a fresh nonce per value");
        assertTrue(a.startsWith("v1:c1:"));
        assertFalse(a.contains("s3cret"));
        assertEquals("Bearer s3cret-令牌", box.open(a, "upstream:301001-000042"));
    }

    @Test
    void refusesAValueMovedToAnotherObject() {
        SecretBox box = SecretBox.of("c1", Map.of("c1", K1));
        String sealed = box.seal("secret", "webhook:zj-psb");
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "webhook:zj-mca"));
    }

    @Test
    void refusesATamperedValue() {
        SecretBox box = SecretBox.of("c1", Map.of("c1", K1));
        String sealed = box.seal("secret", "x");
        byte[] raw = Base64.getDecoder().decode(sealed.substring("v1:c1:".length()));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:c1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> box.open(tampered, "x"));
        assertThrows(IllegalStateException.class, () -> box.open("v1:c1:AAAA", "x"));
        assertThrows(IllegalStateException.class, () -> box.open("plain text", "x"));
    }

    @Test
    void opensValuesSealedBeforeARotation() {
        String old = SecretBox.of("c1", Map.of("c1", K1)).seal("secret", "x");
        SecretBox rotated = SecretBox.of("c2", Map.of("c1", K1, "c2", K2));
        assertEquals("secret", rotated.open(old, "x"));
        assertTrue(rotated.needsResealing(old));
        assertFalse(rotated.needsResealing(rotated.seal("secret", "x")));
        SecretBox withoutOldKey = SecretBox.of("c2", Map.of("c2", K2));
        assertThrows(IllegalStateException.class, () -> withoutOldKey.open(old, "x"));
    }

    @Test
    void keyIdIsPartOfTheAuthenticatedData() {
        // Same key bytes under two ids: relabelling a value's key id must not open it.
        SecretBox box = SecretBox.of("c1", Map.of("c1", K1, "c9", K1));
        String sealed = box.seal("secret", "x");
        assertThrows(IllegalStateException.class, () -> box.open(sealed.replace("v1:c1:", "v1:c9:"), "x"));
    }
}
