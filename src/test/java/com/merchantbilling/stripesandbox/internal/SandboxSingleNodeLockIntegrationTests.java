package com.merchantbilling.stripesandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.support.Tenants;

/**
 * A context with the sandbox on (no key: the test environment turns it on, as the developer run does) holds
 * the database's sandbox lock; a second sandbox node on that database cannot start, on another database it can.
 */
@SpringBootTest
// not used here: the same configuration as the other built-in-sandbox classes, so they share this one context
@Import(Tenants.class)
class SandboxSingleNodeLockIntegrationTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSourceProperties dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSecondSandboxNodeOfTheSameDatabaseIsRefused() {
        assertThat(context.getBeansOfType(SandboxSingleNodeLock.class)).hasSize(1);
        // pg_locks spans the server: other test contexts' sandboxes hold the same key in their own databases
        assertThat(jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and granted"
                        + " and database = (select oid from pg_database where datname = current_database())"
                        + " and ((classid::bigint << 32) | objid::bigint) = :key")
                .param("key", SandboxSingleNodeLock.KEY).query(Long.class).single())
                .as("this context holds the lock").isEqualTo(1);

        assertThatThrownBy(() -> new SandboxSingleNodeLock(dataSource))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs on another node of this database")
                .hasMessageContaining("STRIPE_SANDBOX_ENABLED=false");
    }
}
