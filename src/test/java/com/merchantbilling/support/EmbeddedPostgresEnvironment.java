package com.merchantbilling.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Gives the developer run and the tests a real PostgreSQL when no {@code spring.datasource.url} is set
 * (SPRING_DATASOURCE_URL wins). One server per JVM, started on first use; each test application context
 * gets a database of its own, so contexts never see each other's rows. The developer run
 * ({@code embedded-postgres.data-directory} set) keeps its data between runs.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor {

    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres server;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        String dataDirectory = environment.getProperty("embedded-postgres.data-directory");
        EmbeddedPostgres postgres = server(dataDirectory);
        String database = dataDirectory != null ? "merchant_billing" : "test_" + databases.incrementAndGet();
        createDatabaseIfMissing(postgres, database);
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", database),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "")));
        // the test JVM caches many application contexts on one server: idle pools must not add up to its limit
        environment.getPropertySources().addLast(new MapPropertySource("embeddedPostgresPoolDefaults", Map.of(
                "spring.datasource.hikari.minimum-idle", "1",
                "spring.datasource.hikari.idle-timeout", "30000")));
    }

    private static synchronized EmbeddedPostgres server(String dataDirectory) {
        if (server == null) {
            try {
                var builder = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(new File("target/embedded-postgres"))
                        // its own JVM hook races Spring's context close; we close it from Spring's handlers
                        .setRegisterShutdownHook(false)
                        .setServerConfig("max_connections", "1000")
                        .setServerConfig("fsync", dataDirectory != null ? "on" : "off");
                if (dataDirectory != null) {
                    builder.setDataDirectory(Path.of(dataDirectory)).setCleanDataDirectory(false);
                }
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
            var started = server;
            SpringApplication.getShutdownHandlers().add(() -> close(started));
        }
        return server;
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
        DataSource admin = postgres.getPostgresDatabase();
        try (var connection = admin.getConnection();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }
}
