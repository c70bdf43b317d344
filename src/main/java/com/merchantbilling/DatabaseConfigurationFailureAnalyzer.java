package com.merchantbilling;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a missing or unreachable database into one message that names what to set, instead of
 * Flyway's and Hikari's nested stack traces.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseConfigurationFailureAnalyzer implements FailureAnalyzer {

    static final String WHAT_TO_SET = """
            Set SPRING_DATASOURCE_URL (for example jdbc:postgresql://localhost:5432/merchant_billing), \
            SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD to a reachable PostgreSQL server, \
            or start the developer run (./mvnw spring-boot:test-run), which uses an embedded PostgreSQL.""";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isMissingUrl(cause)) {
                return new FailureAnalysis("No database is configured: spring.datasource.url is not set.",
                        WHAT_TO_SET, failure);
            }
            if (cause instanceof SQLException sql && isConnectionProblem(sql)) {
                return new FailureAnalysis("Cannot connect to the PostgreSQL database: " + sql.getMessage(),
                        WHAT_TO_SET, failure);
            }
        }
        return null;
    }

    private static boolean isMissingUrl(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        String message = String.valueOf(cause.getMessage());
        return name.equals("DataSourceBeanCreationException")
                || message.contains("Failed to determine a suitable driver class")
                || message.contains("'url' attribute is not specified");
    }

    private static boolean isConnectionProblem(SQLException sql) {
        String state = sql.getSQLState();
        // 08: connection exception, 28: invalid authorization, 3D000: database does not exist
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"));
    }
}
