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
 * query of one or more characters — 身份, 居民身份, "identity" — an index lookup, in any script.
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

    /** Every unigram and bigram of the text's tokens: what the index holds. */
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
        return grams;
    }

    /** The grams a query token needs: its bigrams, or the character itself when it is one long. */
    static Set<String> queryGrams(String token) {
        int[] cps = token.codePoints().toArray();
        Set<String> grams = new LinkedHashSet<>();
        if (cps.length == 1) {
            grams.add(token);
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }
}
