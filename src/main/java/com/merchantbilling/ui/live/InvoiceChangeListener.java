package com.merchantbilling.ui.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Each node's ear for the invoice changes committed on any node: one dedicated PostgreSQL connection that
 * {@code LISTEN}s on {@link InvoiceChangeNotifications#CHANNEL} and waits in pgjdbc's
 * {@link PGConnection#getNotifications(int)}; every notification goes to this node's
 * {@link InvoiceChangeSubscribers}, by organization.
 * <p>
 * Why pgjdbc itself rather than Spring Integration's {@code PostgresChannelMessageTableSubscriber}: that one
 * serves Spring Integration's JDBC channel message store (messages written to its table, the notification
 * only a wake-up call for polling it), which would add a table, a message store and a polling consumer to
 * carry a few ids that fit into the notification itself. Why a connection of its own, not one from the Hikari
 * pool: a {@code LISTEN} belongs to a session, so the connection is held for the node's lifetime; taken from
 * the pool it would shrink the pool that link creation and the webhooks share (and that a deadlock test
 * keeps small), be retired by neither {@code maxLifetime} nor leak detection in a useful way, and give us no
 * say over its socket. Its own connection can be reopened by us when it breaks.
 * <p>
 * A lost connection is retried every {@code reconnect-delay}; once listening again, the subscribers are told
 * that they may have missed changes ({@link InvoiceChangeSubscribers#missedChanges()}) and re-read what they
 * show. That is also why nothing here needs to be durable.
 */
@Component
class InvoiceChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InvoiceChangeListener.class);
    static final String APPLICATION_NAME = "merchant-billing-live-views";

    private final String url;
    private final Properties connectionProperties = new Properties();
    private final InvoiceChangeSubscribers subscribers;
    private final OrganizationChanges organizationChanges;
    private final LiveViewProperties properties;
    private volatile boolean running;
    private volatile Connection connection;
    private volatile boolean listening;
    private Thread thread;

    @Autowired
    InvoiceChangeListener(DataSourceProperties dataSource, InvoiceChangeSubscribers subscribers,
            OrganizationChanges organizationChanges, LiveViewProperties properties) {
        this(dataSource.determineUrl(), dataSource.determineUsername(), dataSource.determinePassword(), subscribers,
                organizationChanges, properties);
    }

    InvoiceChangeListener(DataSourceProperties dataSource, InvoiceChangeSubscribers subscribers,
            LiveViewProperties properties) {
        this(dataSource, subscribers, new OrganizationChanges(), properties);
    }

    InvoiceChangeListener(String url, String username, String password, InvoiceChangeSubscribers subscribers,
            LiveViewProperties properties) {
        this(url, username, password, subscribers, new OrganizationChanges(), properties);
    }

    InvoiceChangeListener(String url, String username, String password, InvoiceChangeSubscribers subscribers,
            OrganizationChanges organizationChanges, LiveViewProperties properties) {
        this.url = url;
        if (username != null) {
            connectionProperties.setProperty("user", username);
        }
        if (password != null) {
            connectionProperties.setProperty("password", password);
        }
        connectionProperties.setProperty("ApplicationName", APPLICATION_NAME);
        connectionProperties.setProperty("tcpKeepAlive", "true");
        this.subscribers = subscribers;
        this.organizationChanges = organizationChanges;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofVirtual().name("live-invoice-changes").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeQuietly(connection);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the connection is open and listening; for the health of this node's live views and for tests. */
    boolean isListening() {
        return listening;
    }

    private void run() {
        boolean everListened = false;
        boolean lostSinceLastListen = false;
        while (running) {
            try (var open = DriverManager.getConnection(url, connectionProperties)) {
                connection = open;
                try (var statement = open.createStatement()) {
                    statement.execute("LISTEN " + InvoiceChangeNotifications.CHANNEL);
                    // organization-level changes (add-on, Stripe account) on the same connection: one per node
                    statement.execute("LISTEN " + OrganizationChangeNotifications.CHANNEL);
                }
                listening = true;
                if (lostSinceLastListen || everListened) {
                    log.info("Listening for invoice changes again; open views re-read their invoices");
                    subscribers.missedChanges();
                    organizationChanges.missedChanges();
                }
                everListened = true;
                lostSinceLastListen = false;
                listen(open.unwrap(PGConnection.class), open);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!lostSinceLastListen) {
                    log.warn("Not listening for invoice changes ({}); open views may be stale until it reconnects",
                            e.getMessage());
                }
                lostSinceLastListen = true;
            } finally {
                listening = false;
                connection = null;
            }
            if (running && !pause()) {
                break;
            }
        }
    }

    private void listen(PGConnection pg, Connection open) throws SQLException {
        int wait = (int) Math.max(1, properties.idleCheck().toMillis());
        while (running) {
            PGNotification[] notifications = pg.getNotifications(wait);
            if (notifications == null || notifications.length == 0) {
                // nothing for a while: make sure the silence is not a dead connection
                try (var statement = open.createStatement()) {
                    statement.execute("select 1");
                }
                continue;
            }
            for (var notification : notifications) {
                if (OrganizationChangeNotifications.CHANNEL.equals(notification.getName())) {
                    deliverOrganizationChange(notification.getParameter());
                } else {
                    deliver(notification.getParameter());
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            int colon = payload.indexOf(':');
            var organization = new OrganizationId(Long.parseLong(payload.substring(0, colon)));
            List<InvoiceId> invoices = new ArrayList<>();
            for (String id : payload.substring(colon + 1).split(",")) {
                invoices.add(new InvoiceId(Long.parseLong(id)));
            }
            subscribers.changed(organization, invoices);
        } catch (RuntimeException e) {
            // a subscriber's failure or an odd payload must not stop the node from listening
            log.warn("Invoice change notification not delivered: {}", e.toString());
        }
    }

    private void deliverOrganizationChange(String payload) {
        try {
            organizationChanges.changed(new OrganizationId(Long.parseLong(payload.strip())));
        } catch (RuntimeException e) {
            log.warn("Organization change notification not delivered: {}", e.toString());
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(properties.reconnectDelay());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing to end the wait; the connection is gone either way
            }
        }
    }
}
