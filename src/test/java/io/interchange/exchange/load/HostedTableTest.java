package io.interchange.exchange.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.interchange.exchange.load.HostedTable.Kind;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostedTableTest {

    @Test
    void index_names_match_the_ones_the_migration_gave_moved_tables() {
        // left(md5('region_code:text'), 12) and left(md5('income:number'), 12), as V20261128_0400 computes them
        assertEquals("301002-000001~8c9bfa0c0347", HostedTable.indexName("301002-000001", "region_code", Kind.TEXT));
        assertEquals("301002-000001~a72ae32c329c", HostedTable.indexName("301002-000001", "income", Kind.NUMBER));
    }

    @Test
    void each_kind_compares_through_its_own_expression() {
        assertEquals("\"c\"", HostedTable.expression("\"c\"", Kind.TEXT));
        assertEquals("(\"c\"::numeric)", HostedTable.expression("\"c\"", Kind.NUMBER));
        assertEquals("hosted.as_date(\"c\")", HostedTable.expression("\"c\"", Kind.DATE));
        assertEquals("hosted.as_instant(\"c\")", HostedTable.expression("\"c\"", Kind.INSTANT));
    }
}
