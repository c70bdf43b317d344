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

/** Health is public and tells nothing secret; every other actuator endpoint needs a signed-in user. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stripe.secret-key=sk_test_actuator_secret_value",
        "stripe.webhook-secret=whsec_actuator_secret_value"})
class ActuatorAccessIntegrationTests {

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
    void signedInHealthShowsTheStripeModeButNeverTheSecrets() throws Exception {
        var response = get("/actuator/health", basic(username, "ops-password-123"));

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
        assertThat(get("/actuator/metrics", basic(username, "wrong-password")).statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedInUserReadsTheMetricsButNoUnexposedEndpoint() throws Exception {
        var metrics = get("/actuator/metrics", basic(username, "ops-password-123"));

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("payment.links.requested", "payment.links.created", "payment.links.failed",
                "stripe.calls", "stripe.call.retries", "stripe.webhooks");
        assertThat(get("/actuator/env", basic(username, "ops-password-123")).statusCode()).isEqualTo(403);
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
        var body = get("/actuator/metrics/stripe.webhooks?tag=result:rejected", basic(username, "ops-password-123")).body();
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

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
