package io.interchange.ledger.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SignedNoteTest {

    /** The example of c2sp.org/signed-note. */
    static final String VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

    static final String NOTE = "This is an example message.\n\n\u2014 example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    @Test
    void the_spec_example_note_opens_with_its_verifier_key() {
        SignedNote.Verifier v = SignedNote.parseVerifierKey(VKEY);
        assertEquals("example.com/foo", v.name());
        assertEquals(VKEY, SignedNote.verifierKey(v.name(), v.key()));
        assertEquals("This is an example message.\n", SignedNote.open(NOTE, v.name(), v.key()));
        assertThrows(
                IllegalArgumentException.class,
                () -> SignedNote.open(NOTE.replace("example message", "exemplary message"), v.name(), v.key()));
    }

    @Test
    void a_checkpoint_signed_by_the_hub_opens_and_parses_and_resists_change() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] root = new byte[32];
        root[3] = 7;
        String note = SignedNote.sign(
                "interchange.example/ledger",
                SignedNote.checkpointBody("interchange.example/ledger", 42, root),
                pair.getPrivate(),
                pair.getPublic());
        SignedNote.Checkpoint cp = SignedNote.parseCheckpoint(SignedNote.open(
                note, "interchange.example/ledger", SignedNote.fromPem(SignedNote.pem(pair.getPublic()))));
        assertEquals(42, cp.treeSize());
        assertEquals(32, cp.rootHash().length);
        SignedNote.Verifier v =
                SignedNote.parseVerifierKey(SignedNote.verifierKey("interchange.example/ledger", pair.getPublic()));
        assertThrows(
                IllegalArgumentException.class,
                () -> SignedNote.open(note.replace("\n42\n", "\n43\n"), "interchange.example/ledger", v.key()));
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThrows(
                IllegalArgumentException.class,
                () -> SignedNote.open(note, "interchange.example/ledger", other.getPublic()));
    }
}
