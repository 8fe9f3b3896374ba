package io.interchange.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerSigningKeyTest {

    @Test
    void the_public_key_is_derived_from_a_loaded_pkcs8_private_key() throws Exception {
        for (int i = 0; i < 5; i++) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            var loaded = LedgerSigningKey.privateKey(pair.getPrivate().getEncoded());
            assertArrayEquals(
                    pair.getPublic().getEncoded(),
                    LedgerSigningKey.publicKeyOf(loaded).getEncoded());
        }
    }
}
