package io.interchange.ledger;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Makes a paused or lagging sealer visible: this node's sealer state, the latest checkpoint and the entries written
 * after the newest sealed one. It stays UP while paused — exchanges are still answered and ledgered, only their
 * receipts wait — so a pause never takes the hub out of a load balancer; monitoring reads {@code sealer} and
 * {@code unsealedEntries}.
 */
@Readiness
@ApplicationScoped
public class LedgerSealerReadiness implements HealthCheck {

    static final String NAME = "ledger sealer";

    /**
     * Index look-ups only (max and min of primary and unique keys), so a readiness probe stays cheap at any size. An
     * entry sealed late (after a gap) is not counted; the figure is the backlog the sealer has not reached yet.
     */
    private static final String BACKLOG = "select (select tree_size from ledger_checkpoint order by tree_size desc"
            + " limit 1), (select created_at from ledger_checkpoint order by tree_size desc limit 1),"
            + " w.last_entry - w.last_sealed, (select at from ledger_entry where seq > w.last_sealed order by seq"
            + " limit 1) from (select coalesce((select max(seq) from ledger_entry), 0) as last_entry,"
            + " coalesce((select max(seq) from ledger_leaf), 0) as last_sealed) w";

    @Inject
    LedgerSealer sealer;

    @Inject
    AgroalDataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named(NAME)
                .up()
                .withData("sealer", sealer.state().name());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(BACKLOG);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            r.withData("treeSize", rs.getLong(1));
            OffsetDateTime checkpointAt = rs.getObject(2, OffsetDateTime.class);
            r.withData("lastCheckpointAt", checkpointAt == null ? "" : checkpointAt.toString());
            r.withData("unsealedEntries", Math.max(0, rs.getLong(3)));
            OffsetDateTime oldest = rs.getObject(4, OffsetDateTime.class);
            r.withData("oldestUnsealedAt", oldest == null ? "" : oldest.toString());
        } catch (SQLException e) {
            // the datasource's own check reports the database; this one only loses its figures
            r.withData("error", e.getMessage());
        }
        return r.build();
    }
}
