package io.interchange.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An event exists exactly when the transaction that announced it committed. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OutboxTest {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    private long rows(UUID event) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from outbox_delivery where event_id = ?1")
                                .setParameter(1, event)
                                .getSingleResult())
                        .longValue());
    }

    @Test
    void publishing_outside_a_transaction_is_refused() {
        assertThrows(
                TransactionalException.class,
                () -> outbox.publish("zj-mca", EventType.GRANT_REVOKED, Map.of("grantId", "g")));
    }

    @Test
    void a_rolled_back_transaction_leaves_no_event() {
        AtomicReference<UUID> event = new AtomicReference<>();
        assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    event.set(outbox.publish("zj-mca", EventType.GRANT_REVOKED, Map.of("grantId", "g")));
                    throw new IllegalStateException("the business change fails after publishing");
                }));
        assertEquals(0, rows(event.get()));
    }

    @Test
    void a_committed_transaction_leaves_one_delivery_per_department_under_one_event_id() {
        UUID event = QuarkusTransaction.requiringNew()
                .call(() -> outbox.publish(
                        List.of("zj-mca", "zj-psb", "zj-mca"), EventType.GRANT_SUSPENDED, Map.of("grantId", "g")));
        assertEquals(2, rows(event), "repeated recipients get one delivery");
    }
}
