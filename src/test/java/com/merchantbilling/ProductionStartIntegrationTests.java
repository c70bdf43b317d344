package com.merchantbilling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

import com.merchantbilling.support.AppProcess;
import com.merchantbilling.support.EmbeddedPostgresEnvironment;
import com.merchantbilling.support.FreePort;

/**
 * The production main class in its own JVM, configured only through the environment as an operator does: the
 * Stripe sandbox is never a fallback. The JVM gets the test classpath, but with the datasource URL passed and no
 * test context nothing from the test support changes its configuration.
 */
class ProductionStartIntegrationTests {

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+(at )?[\\w.$/]+\\.[\\w$<>]+\\([\\w.]+:\\d+\\)");

    private static Map<String, String> database;

    private AppProcess app;

    @BeforeAll
    static void database() {
        var environment = new StandardEnvironment();
        new EmbeddedPostgresEnvironment().postProcessEnvironment(environment, null);
        database = Map.of(
                "SPRING_DATASOURCE_URL", environment.getRequiredProperty("spring.datasource.url"),
                "SPRING_DATASOURCE_USERNAME", environment.getRequiredProperty("spring.datasource.username"),
                "SPRING_DATASOURCE_PASSWORD", environment.getProperty("spring.datasource.password", ""));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void withABlankSecretKeyStartUpStopsWithOneMessage() {
        app = start(Map.of("STRIPE_SECRET_KEY", "", "STRIPE_WEBHOOK_SECRET", "whsec_operator_secret"));

        assertThat(app.awaitExit(Duration.ofSeconds(90))).isNotZero();
        String log = app.log(1);
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("No Stripe secret key is configured: STRIPE_SECRET_KEY")
                .contains("STRIPE_SANDBOX_ENABLED=true")
                .doesNotContain("Stripe sandbox serves the Stripe API");
        assertThat(count(log, "No Stripe secret key is configured")).isOne();
        assertThat(STACK_FRAME.matcher(log).find()).as("no stack trace in:%n%s", log).isFalse();
    }

    @Test
    void theSandboxNeverRunsWithTheOperatorsWebhookSecret() {
        app = start(Map.of("STRIPE_SANDBOX_ENABLED", "true", "STRIPE_WEBHOOK_SECRET", "whsec_operator_secret"));

        assertThat(app.awaitExit(Duration.ofSeconds(90))).isNotZero();
        String log = app.log(1);
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("while STRIPE_WEBHOOK_SECRET (stripe.webhook-secret) is set")
                .doesNotContain("Stripe sandbox serves the Stripe API");
        assertThat(STACK_FRAME.matcher(log).find()).as("no stack trace in:%n%s", log).isFalse();
    }

    @Test
    void withAKeyTheSandboxRoutesDoNotExist() throws Exception {
        app = start(Map.of("STRIPE_SECRET_KEY", "sk_test_operator_key", "STRIPE_WEBHOOK_SECRET", "whsec_operator",
                "STRIPE_API_BASE", "http://127.0.0.1:9"));
        app.awaitReady(Duration.ofSeconds(120));

        var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : new String[] { "/stripe-sandbox", "/stripe-sandbox/checkout/plink_123",
                "/stripe-sandbox/v1/payment_links" }) {
            assertThat(get(http, path).statusCode()).as(path).isEqualTo(404);
        }
        var health = get(http, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(app.log(1)).doesNotContain("Stripe sandbox");
    }

    private AppProcess start(Map<String, String> stripe) {
        var environment = new HashMap<>(database);
        environment.putAll(stripe);
        var process = new AppProcess(FreePort.find(), environment, Map.of(),
                Path.of("target", "production-start", Long.toString(System.nanoTime())));
        process.launch();
        this.app = process;
        return process;
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int port() {
        return app.port();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
