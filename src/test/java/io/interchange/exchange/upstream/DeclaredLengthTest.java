package io.interchange.exchange.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeclaredLengthTest {

    @Test
    void digits_are_a_length_anything_else_is_ignored() {
        assertEquals(0, UpstreamClient.declaredLength("0"));
        assertEquals(52_428_800, UpstreamClient.declaredLength("52428800"));
        assertEquals(999_999_999_999_999_999L, UpstreamClient.declaredLength("999999999999999999"));
        for (String bad : new String[] {"", "-1", "+5", " 5", "5 ", "1e9", "0x10", "１２", "9999999999999999999"}) {
            assertEquals(-1, UpstreamClient.declaredLength(bad), bad);
        }
    }
}
