package io.interchange.access;

import static io.interchange.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which workflow acts publish which events to whom, and the overdue job's once-only announcements. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessNoticesTest {

    @Inject
    EntityManager em;

    @Inject
    OverdueNotices overdue;

    /** "TYPE→department" for every delivery whose data names this object, oldest first. */
    private List<String> events(String member, String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em
                        .createNativeQuery("select event_type || '→' || department_id from outbox_delivery"
                                + " where payload -> 'data' ->> ?1 = ?2 order by created_at, event_type,"
                                + " department_id")
                        .setParameter(1, member)
                        .setParameter(2, id)
                        .getResultList()
                        .stream()
                        .map(Object::toString)
                        .toList());
    }

    private List<String> grantEvents(String grant) {
        return events("grantId", grant).stream()
                .filter(e -> e.startsWith("GRANT_"))
                .toList();
    }

    private void sql(String statement, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = em.createNativeQuery(statement);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
        });
    }

    @Test
    void filing_endorsing_and_approving_notify_the_department_that_acts_next() {
        String resource = AccessFixtures.publishedResource();
        String request = io.interchange.support.Api.file("mca-app", resource, AccessFixtures.ITEMS);
        assertEquals(List.of("REQUEST_FILED→zj-mca"), events("requestId", request));
        as("mca-officer")
                .post("/api/v1/access-requests/" + request + "/endorse")
                .then()
                .statusCode(200);
        as("psb-officer")
                .body(Map.of("outcome", "APPROVE", "reason", "符合共享条件"))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(200);
        assertEquals(
                List.of(
                        "REQUEST_FILED→zj-mca",
                        "REQUEST_ENDORSED→zj-mca",
                        "REQUEST_ENDORSED→zj-psb",
                        "REQUEST_APPROVED→zj-mca",
                        "REQUEST_APPROVED→zj-psb"),
                events("requestId", request));
    }

    @Test
    void a_refused_act_publishes_nothing() {
        String request = AccessFixtures.awaitingDecision(AccessFixtures.publishedResource());
        as("psb-officer")
                .body(Map.of("outcome", "REJECT"))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(422);
        as("mca-officer")
                .body(Map.of("outcome", "REJECT", "reason", "not theirs to decide"))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(403);
        assertEquals(
                List.of("REQUEST_FILED→zj-mca", "REQUEST_ENDORSED→zj-mca", "REQUEST_ENDORSED→zj-psb"),
                events("requestId", request));
        as("psb-officer")
                .body(Map.of("outcome", "NEEDS_INFO", "missing", List.of("法定依据文号")))
                .post("/api/v1/access-requests/" + request + "/decision")
                .then()
                .statusCode(200);
        assertTrue(events("requestId", request).contains("REQUEST_NEEDS_INFO→zj-mca"));
    }

    @Test
    void suspension_and_revocation_reach_the_requester_and_the_provider() {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        as("psb-officer")
                .body(Map.of(
                        "reason",
                        "超范围使用",
                        "fixBy",
                        AccessFixtures.today().plusDays(10).toString()))
                .post("/api/v1/grants/" + grant + "/suspend")
                .then()
                .statusCode(200);
        as("psb-officer")
                .body(Map.of("reason", "逾期未整改"))
                .post("/api/v1/grants/" + grant + "/revoke")
                .then()
                .statusCode(200);
        assertEquals(
                List.of(
                        "GRANT_SUSPENDED→zj-mca",
                        "GRANT_SUSPENDED→zj-psb",
                        "GRANT_REVOKED→zj-mca",
                        "GRANT_REVOKED→zj-psb"),
                grantEvents(grant));
    }

    @Test
    void an_overdue_answer_is_announced_once_however_often_the_job_runs() {
        String request = AccessFixtures.awaitingDecision(AccessFixtures.publishedResource());
        sql(
                "update access_request set due_at = ?2 where id = ?1",
                UUID.fromString(request),
                AccessFixtures.today().minusDays(3));
        overdue.run();
        overdue.run();
        List<String> overdueEvents = events("requestId", request).stream()
                .filter(e -> e.startsWith("REQUEST_ANSWER_OVERDUE"))
                .toList();
        assertEquals(List.of("REQUEST_ANSWER_OVERDUE→zj-mca", "REQUEST_ANSWER_OVERDUE→zj-psb"), overdueEvents);

        // An extension moves the due date; running late again is a new condition, announced once more.
        sql(
                "update access_request set due_at = ?2 where id = ?1",
                UUID.fromString(request),
                AccessFixtures.today().minusDays(1));
        overdue.run();
        assertEquals(
                4,
                events("requestId", request).stream()
                        .filter(e -> e.startsWith("REQUEST_ANSWER_OVERDUE"))
                        .count());
    }

    @Test
    void two_nodes_running_the_job_at_the_same_moment_announce_once() throws Exception {
        String grant = AccessFixtures.grant(AccessFixtures.publishedResource());
        sql(
                "update access_grant set valid_until = ?2 where id = ?1",
                UUID.fromString(grant),
                AccessFixtures.today().plusDays(1));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            Callable<Integer> node = () -> {
                together.await();
                return overdue.run();
            };
            for (Future<Integer> f : nodes.invokeAll(List.of(node, node))) {
                f.get();
            }
        } finally {
            nodes.shutdown();
        }
        overdue.run();
        assertEquals(List.of("GRANT_EXPIRING→zj-mca", "GRANT_EXPIRING→zj-psb"), grantEvents(grant));
    }
}
