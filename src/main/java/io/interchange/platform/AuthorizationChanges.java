package io.interchange.platform;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells this node when what authorises an exchange — a grant, or the catalogue entry of a resource — changed, so a
 * cache of those can drop it. Two paths, both announcing "resource R changed" as an {@link AuthorizationChanged}
 * event:
 *
 * <ul>
 *   <li>every node: database triggers ({@code V20261128_0600}) {@code pg_notify} on channel {@value #CHANNEL} in the
 *       changing transaction, so PostgreSQL delivers the notice at commit to the {@code LISTEN} connection each node
 *       keeps here on its own thread;
 *   <li>this node, synchronously: the entities call {@link #changed} and the event fires right after their transaction
 *       commits, before the response that made the change leaves — so the same client's next request already sees
 *       it, without racing the notice.
 * </ul>
 *
 * Notices sent while the listener is disconnected are lost, so losing or (re)gaining the connection announces a change
 * of everything ({@code resourceId == null}), and {@link #live()} is false in between: a cache must not serve while
 * it cannot hear.
 */
@ApplicationScoped
public class AuthorizationChanges {

    /** The NOTIFY channel of the triggers; payload: the resource id. */
    public static final String CHANNEL = "interchange_authz";

    /** Payload meaning "anything may have changed" (an operator's {@code NOTIFY interchange_authz, '*'}). */
    public static final String EVERYTHING = "*";

    private static final Logger LOG = Logger.getLogger(AuthorizationChanges.class);
    private static final Object PENDING = new Object();

    /** A change of the grants or catalogue entry of {@code resourceId}; null means anything may have changed. */
    public record AuthorizationChanged(String resourceId) {
        public boolean everything() {
            return resourceId == null;
        }
    }

    @Inject
    Event<AuthorizationChanged> events;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private volatile boolean running;
    private volatile boolean live;
    private volatile int backendPid;
    private final AtomicLong connections = new AtomicLong();
    private Thread listener;

    /**
     * Called by entity callbacks when a grant or resource row was written: announces the change on this node once the
     * transaction commits (nothing if it rolls back), or at once outside a transaction.
     */
    public static void changed(String resourceId) {
        Arc.container().instance(AuthorizationChanges.class).get().afterCommit(resourceId);
    }

    @SuppressWarnings("unchecked")
    void afterCommit(String resourceId) {
        if (transactions.getTransactionKey() == null) {
            announce(resourceId);
            return;
        }
        Set<String> pending = (Set<String>) transactions.getResource(PENDING);
        if (pending == null) {
            Set<String> ids = new LinkedHashSet<>();
            try {
                transactions.registerInterposedSynchronization(synchronization(ids));
            } catch (IllegalStateException tooLate) {
                // Flushed while the transaction is already completing: say it now. A reader racing the commit may
                // cache the old state again, but the trigger's notice, delivered at commit, drops it a moment later.
                announce(resourceId);
                return;
            }
            transactions.putResource(PENDING, ids);
            pending = ids;
        }
        pending.add(resourceId);
    }

    private Synchronization synchronization(Set<String> ids) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    ids.forEach(AuthorizationChanges.this::announce);
                }
            }
        };
    }

    /** True while the LISTEN connection is up: only then is every committed change heard. */
    public boolean live() {
        return live;
    }

    /** How many times the listener has connected (a reconnect makes it grow); for tests and diagnostics. */
    public long connections() {
        return connections.get();
    }

    /** The listener's PostgreSQL backend process id, 0 while disconnected; for tests. */
    public int listenerBackendPid() {
        return backendPid;
    }

    void start(@Observes StartupEvent start) {
        running = true;
        listener = new Thread(this::listen, "authz-change-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        if (listener != null) {
            listener.interrupt();
            listener.join(2_000);
        }
    }

    private void listen() {
        long backoff = 100;
        while (running) {
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                try (ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
                    pid.next();
                    backendPid = pid.getInt(1);
                }
                // Whatever changed while nobody listened is unknown: start from nothing, then serve again.
                announce(null);
                live = true;
                connections.incrementAndGet();
                backoff = 100;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(500);
                    if (notices == null) {
                        continue;
                    }
                    for (PGNotification notice : notices) {
                        String payload = notice.getParameter();
                        announce(payload == null || payload.isEmpty() || EVERYTHING.equals(payload) ? null : payload);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("authorization change listener lost its connection (%s); reconnecting", e.getMessage());
                }
            } finally {
                boolean was = live;
                live = false;
                backendPid = 0;
                if (was) {
                    announce(null);
                }
            }
            if (running) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void announce(String resourceId) {
        try {
            events.fire(new AuthorizationChanged(resourceId));
        } catch (RuntimeException e) {
            LOG.errorf(e, "an observer failed on a change of %s", resourceId == null ? "everything" : resourceId);
        }
    }

    /** Its own connection, outside the pool: it is held for the life of the node. */
    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        Properties properties = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class)
                .ifPresent(user -> properties.setProperty("user", user));
        Optional<String> password = config.getOptionalValue("quarkus.datasource.password", String.class);
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "interchange-authz-listener");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        connection.setAutoCommit(true);
        return connection;
    }
}
