package io.interchange.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.support.Api;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rows written before the Latin trigrams get them from the migration's SQL; the service writes them from Java. A row
 * missing a trigram the query asks for would silently drop out of results, so the two must agree exactly.
 */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SearchGramsMigrationTest {

    private static final String MIGRATION = "db/migration/V20261129_0100__catalog_search_latin_trigrams.sql";

    @Inject
    EntityManager em;

    @Test
    @TestTransaction // rolled back: the catalogue is left as it was
    void the_migration_gives_older_rows_exactly_the_grams_the_service_writes() throws IOException {
        Map<String, Object> body = new HashMap<>(Api.resource(Api.unique("检索迁移")));
        body.put("nameEn", "Café Straße x9 a1b2c3 ＦＵＬＬ width MiXeD身份abc证明 under_score");
        body.put("tags", List.of("e-mail", "ID卡号", "x"));
        Api.published(body);

        // What the service wrote before the trigrams: unigrams and bigrams only.
        int downgraded = em.createNativeQuery("update catalog_resource set search_grams ="
                        + " array(select g from unnest(search_grams) g where char_length(g) < 3)")
                .executeUpdate();
        assertTrue(downgraded > 0);
        em.createNativeQuery(updateStatement()).executeUpdate();

        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, search_text, search_grams from catalog_resource")
                .getResultList();
        int withTrigrams = 0;
        for (Object[] row : rows) {
            Set<String> expected = SearchText.grams((String) row[1]);
            assertEquals(expected, Set.of((String[]) row[2]), "grams of " + row[0]);
            withTrigrams += expected.stream().anyMatch(g -> g.codePointCount(0, g.length()) == 3) ? 1 : 0;
        }
        assertTrue(withTrigrams > 0, "the check covered rows with Latin text");
    }

    /** The migration's UPDATE, as Flyway ran it. */
    private static String updateStatement() throws IOException {
        try (InputStream in = SearchGramsMigrationTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int from = sql.indexOf("update catalog_resource");
            return sql.substring(from, sql.indexOf(';', from));
        }
    }
}
