package com.merchantbilling.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.merchantbilling.organizations.Organizations;

/**
 * Health is public and tells nothing secret; its details, info and metrics are for the operator only, never for a
 * merchant (their metrics span every tenant), whether by password or with a signed-in browser session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stripe.secret-key=sk_test_actuator_secret_value",
        "stripe.webhook-secret=whsec_actuator_secret_value",
        "operations.operator.username=ops-operator",
        "operations.operator.password-hash={noop}" + ActuatorAccessIntegrationTests.OPERATOR_PASSWORD})
class ActuatorAccessIntegrationTests {

    static final String OPERATOR_PASSWORD = "operator-secret-phrase";

    @LocalServerPort
    int port;
    @Autowired
    Organizations organizations;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String username;

    @BeforeEach
    void user() {
        username = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        var organization = organizations.register("Ops " + username, Optional.empty()).id();
        organizations.addUser(organization, username, "Ops", "ops-password-123");
    }

    @Test
    void healthIsPublicWithoutDetailsOrSecrets() throws Exception {
        var response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").doesNotContain("stripe", "secret_value");
    }

    @Test
    void theOperatorsHealthShowsTheStripeModeButNeverTheSecrets() throws Exception {
        var response = get("/actuator/health", operator());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"stripe\"", "\"mode\":\"test\"", "\"webhookSecret\":\"present\"", "\"db\"")
                .doesNotContain("secret_value", "sk_test_", "whsec_");
    }

    @Test
    void metricsAndOtherEndpointsAreNotPublic() throws Exception {
        for (var path : new String[] {"/actuator/metrics", "/actuator/metrics/stripe.calls", "/actuator/env",
                "/actuator/beans", "/actuator"}) {
            var r = get(path, null);
            assertThat(r.statusCode()).as(path + " " + r.headers().map()).isEqualTo(401);
        }
        assertThat(get("/actuator/metrics", basic("ops-operator", "wrong-password")).statusCode()).isEqualTo(401);
    }

    @Test
    void theOperatorReadsTheMetricsButNoUnexposedEndpoint() throws Exception {
        var metrics = get("/actuator/metrics", operator());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("payment.links.requested", "payment.links.created", "payment.links.failed",
                "stripe.calls", "stripe.call.retries", "stripe.webhooks");
        assertThat(get("/actuator/env", operator()).statusCode()).isEqualTo(403);
    }

    @Test
    void aMerchantNeverReadsMetricsNorHealthDetails() throws Exception {
        // an Owner's own password is no operator's: this chain knows only the operator
        assertThat(get("/actuator/metrics", basic(username, "ops-password-123")).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/info", basic(username, "ops-password-123")).statusCode()).isEqualTo(401);

        // nor does the Owner's signed-in browser session carry the operator role
        var browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new java.net.CookieManager()).build();
        browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.discarding());
        var signIn = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=ops-password-123"))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error", "throttled"));
        var metrics = browser.send(HttpRequest.newBuilder(uri("/actuator/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(403);
        var health = browser.send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("\"stripe\"", "\"db\"");
    }

    @Test
    void webhookDeliveriesAreCounted() throws Exception {
        double before = rejectedWebhooks();
        var unsigned = http.send(HttpRequest.newBuilder(uri("/stripe/webhook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(rejectedWebhooks()).isEqualTo(before + 1);
    }

    private double rejectedWebhooks() throws Exception {
        var body = get("/actuator/metrics/stripe.webhooks?tag=result:rejected", operator()).body();
        var matcher = java.util.regex.Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.E]+)").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String operator() {
        return basic("ops-operator", OPERATOR_PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
