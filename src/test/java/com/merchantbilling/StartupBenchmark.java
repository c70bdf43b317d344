package com.merchantbilling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.merchantbilling.support.Figures;
import com.merchantbilling.support.FreePort;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Start-up of the production jar ({@code -Dbench.jar=...}, built by scripts/bench with
 * {@code ./mvnw -Pproduction package -DskipTests}) against an empty PostgreSQL: from process start to the
 * "Started ... in N seconds" line Spring Boot logs on ApplicationReadyEvent's way. Skipped without a jar.
 */
@Tag("benchmark")
class StartupBenchmark {

    static final Pattern STARTED = Pattern.compile("Started MerchantBillingApplication in ([0-9.]+) seconds");

    @Test
    void productionJarStartsUp() throws Exception {
        var jar = System.getProperty("bench.jar", "");
        assumeTrue(!jar.isBlank() && Files.isRegularFile(Path.of(jar)), "no production jar given (-Dbench.jar)");
        try (var postgres = EmbeddedPostgres.builder().start()) {
            int port = FreePort.find();
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var process = new ProcessBuilder(java, "-jar", jar).redirectErrorStream(true);
            process.environment().put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
            process.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
            process.environment().put("SPRING_DATASOURCE_PASSWORD", "");
            process.environment().put("STRIPE_SECRET_KEY", "sk_test_startup_benchmark");
            process.environment().put("PORT", Integer.toString(port));
            long start = System.nanoTime();
            var app = process.start();
            try (var output = new BufferedReader(new InputStreamReader(app.getInputStream()))) {
                String line;
                String reported = null;
                while (reported == null && (line = output.readLine()) != null) {
                    var matcher = STARTED.matcher(line);
                    if (matcher.find()) {
                        reported = matcher.group(1);
                    }
                }
                double wall = (System.nanoTime() - start) / 1e9;
                assertThat(reported).as("the app reported its start-up").isNotNull();
                Figures.print("start-up of the production jar (java -jar)",
                        "%.1f s wall, Spring reports %s s".formatted(wall, reported), "(none; reported)", true);
            } finally {
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
