package io.interchange.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SearchTextTest {

    private static final List<String> TEXTS = List.of(
            "household registration (bench k3x-17) 户籍登记信息（基准k3x-17）",
            "101001/000001 居民身份信息 resident identity id_number 公民身份号码",
            "café münchen straße x9 ab a1b2c3 身份abc证明 tax payment archive",
            SearchText.normalise("ＦＵＬＬＷＩＤＴＨ Ｉｄｅｎｔｉｔｙ 𠀀𠀁 emoji😀text"));

    @Test
    void an_english_word_of_three_or_more_letters_is_looked_up_by_its_trigrams() {
        assertEquals(
                Set.of("reg", "egi", "gis", "ist", "str", "tra", "rat", "ati", "tio", "ion"),
                SearchText.queryGrams("registration"));
        assertEquals(Set.of("x9z"), SearchText.queryGrams("x9z"));
        assertTrue(SearchText.grams("tax registration").containsAll(SearchText.queryGrams("registration")));
    }

    @Test
    void short_and_non_latin_tokens_keep_their_bigrams() {
        assertEquals(Set.of("i"), SearchText.queryGrams("i"));
        assertEquals(Set.of("id"), SearchText.queryGrams("id"));
        assertEquals(Set.of("身份"), SearchText.queryGrams("身份"));
        assertEquals(Set.of("ca", "af", "fé"), SearchText.queryGrams("café"));
        assertEquals(Set.of("ab", "bc", "c身"), SearchText.queryGrams("abc身"));
    }

    @Test
    void trigrams_never_span_a_non_latin_character_or_a_separator() {
        Set<String> grams = SearchText.grams("ab-cd 身份abc证明 x9 café");
        assertTrue(grams.contains("abc"));
        assertFalse(grams.contains("b-c"));
        assertFalse(grams.contains("bcd"));
        assertFalse(grams.contains("份ab"));
        assertTrue(grams.containsAll(Set.of("ca", "af", "fé", "caf")), "bigrams stay beside the trigrams");
        assertFalse(grams.contains("afé"));
        assertFalse(grams.contains("x9 "));
    }

    /**
     * What makes the index a safe pre-filter: for every substring a query may ask for, the grams the query needs are
     * among the grams of any text containing it. Checked for every token-shaped substring of varied texts.
     */
    @Test
    void every_substring_of_a_text_finds_its_grams_in_the_text() {
        for (String text : TEXTS) {
            String normalised = SearchText.normalise(text);
            Set<String> grams = SearchText.grams(normalised);
            for (String token : SearchText.tokens(normalised)) {
                int[] cps = token.codePoints().toArray();
                for (int from = 0; from < cps.length; from++) {
                    for (int to = from + 1; to <= cps.length; to++) {
                        String part = new String(cps, from, to - from);
                        assertTrue(
                                grams.containsAll(SearchText.queryGrams(part)),
                                () -> "query '" + part + "' would miss " + normalised);
                    }
                }
            }
        }
    }
}
