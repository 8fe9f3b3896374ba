package io.interchange.catalog;

import io.interchange.catalog.ResourceParts.DataItem;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Normalised searchable text of a resource and its character grams. Unigrams and bigrams of every token make any
 * query of one or more characters — 身份, 居民身份, "identity" — an index lookup, in any script. Latin words also get
 * trigrams: 26 letters make few distinct bigrams, so "re", "on" or "ti" sit in nearly every resource and a bigram
 * lookup of an English word intersects posting lists as long as the catalogue; trigrams are far rarer.
 */
final class SearchText {

    private SearchText() {}

    static String of(CatalogEntry e) {
        StringBuilder text = new StringBuilder();
        append(text, e.code, e.name, e.nameEn, e.summary, e.summaryEn);
        if (e.items != null) {
            for (DataItem item : e.items) {
                append(text, item.name(), item.label(), item.labelEn());
            }
        }
        if (e.tags != null) {
            e.tags.forEach(t -> append(text, t));
        }
        return normalise(text.toString());
    }

    private static void append(StringBuilder text, String... parts) {
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                text.append(part).append(' ');
            }
        }
    }

    static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .strip();
    }

    /** Tokens: runs of letters and digits (CJK characters are letters). */
    static List<String> tokens(String normalised) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        normalised.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                current.appendCodePoint(cp);
            } else if (current.length() > 0) {
                tokens.add(current.toString());
                current.setLength(0);
            }
        });
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /**
     * What the index holds: every unigram and bigram of the text's tokens, and every trigram of three consecutive
     * {@code [0-9a-z]} characters. The migration V20261129_0100 computes the same trigrams in SQL for rows written
     * before; change the two together.
     */
    static Set<String> grams(String normalised) {
        Set<String> grams = new LinkedHashSet<>();
        for (String token : tokens(normalised)) {
            int[] cps = token.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                grams.add(new String(cps, i, 1));
                if (i + 1 < cps.length) {
                    grams.add(new String(cps, i, 2));
                }
            }
        }
        for (int i = 0; i + 2 < normalised.length(); i++) {
            if (latin(normalised.charAt(i)) && latin(normalised.charAt(i + 1)) && latin(normalised.charAt(i + 2))) {
                grams.add(normalised.substring(i, i + 3));
            }
        }
        return grams;
    }

    /**
     * The grams a query token needs: a token of three or more {@code [0-9a-z]} characters needs its trigrams (every
     * text containing it has them all); any other token its bigrams, or the character itself when it is one long.
     */
    static Set<String> queryGrams(String token) {
        Set<String> grams = new LinkedHashSet<>();
        if (token.length() >= 3 && token.chars().allMatch(SearchText::latin)) {
            for (int i = 0; i + 2 < token.length(); i++) {
                grams.add(token.substring(i, i + 3));
            }
            return grams;
        }
        int[] cps = token.codePoints().toArray();
        if (cps.length == 1) {
            grams.add(token);
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }

    /** A lower-case ASCII letter or digit: the characters that get trigrams. */
    private static boolean latin(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
