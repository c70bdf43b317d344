package com.merchantbilling.stripesandbox.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * The sandbox is a single-node development tool: its checkout sessions, idempotency records and webhook
 * retries live in one node's memory next to its database rows, and a second node of the same database would
 * serve another "Stripe" over the same data. So the sandbox node holds a PostgreSQL advisory lock for its
 * lifetime (on a connection of its own, not one of the pool's for good), and a second node with the sandbox
 * on stops its start-up with a message saying so. Advisory locks belong to one database and end with the
 * session, so a killed node frees it at once.
 */
@Component
@ConditionalOnBooleanProperty("stripe.sandbox.enabled")
class SandboxSingleNodeLock implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxSingleNodeLock.class);
    /** Any fixed 64-bit key; this one spells "sandbox" in ASCII. */
    static final long KEY = 0x73616e64626f78L;

    private final Connection connection;

    SandboxSingleNodeLock(DataSourceProperties dataSource) throws SQLException {
        var properties = new Properties();
        if (dataSource.determineUsername() != null) {
            properties.setProperty("user", dataSource.determineUsername());
        }
        if (dataSource.determinePassword() != null) {
            properties.setProperty("password", dataSource.determinePassword());
        }
        properties.setProperty("ApplicationName", "merchant-billing-stripe-sandbox");
        connection = DriverManager.getConnection(dataSource.determineUrl(), properties);
        boolean locked;
        try (var statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, KEY);
            try (var result = statement.executeQuery()) {
                locked = result.next() && result.getBoolean(1);
            }
        }
        if (!locked) {
            connection.close();
            throw new IllegalStateException("The Stripe sandbox runs on another node of this database already. "
                    + "It is a single-node development tool: start this node with STRIPE_SANDBOX_ENABLED=false "
                    + "and a STRIPE_SECRET_KEY, or give it a database of its own.");
        }
        log.info("Stripe sandbox: this node holds the database's sandbox lock (one sandbox node per database)");
    }

    @Override
    public void destroy() throws SQLException {
        connection.close();
    }
}
