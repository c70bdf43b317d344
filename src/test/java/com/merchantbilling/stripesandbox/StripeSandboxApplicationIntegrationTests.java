package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.merchantbilling.support.TestHttp;
import com.merchantbilling.support.WebhookReceiver;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionListParams;

/**
 * The developer run's situation: the sandbox asked for (by the test support for every test context without a
 * Stripe key, as application-dev.properties does for the developer run) and served on the application's own
 * port, behind its own security chain, next to Vaadin and the merchant sign-in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class StripeSandboxApplicationIntegrationTests {

    private static final int PORT = freePort();
    private static final WebhookReceiver receiver = WebhookReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("stripe.sandbox.webhook-url", receiver::url);
        registry.add("stripe.sandbox.webhook-retry.initial-backoff", () -> "50ms");
        registry.add("stripe.sandbox.webhook-retry.max-backoff", () -> "200ms");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Value("${stripe.api-base}")
    String apiBase;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private StripeClient stripeClient() {
        return StripeClient.builder()
                .setApiKey(environment.getRequiredProperty("stripe.secret-key"))
                .setApiBase(apiBase)
                .build();
    }

    @Test
    void isOnWithRandomKeysAndTheApplicationsOwnPort() {
        assertThat(environment.getProperty("stripe.sandbox.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("stripe.secret-key")).matches("sk_test_sandbox_[A-Za-z0-9]{24}");
        assertThat(environment.getProperty("stripe.webhook-secret")).matches("whsec_sandbox_[A-Za-z0-9]{32}");
        assertThat(apiBase).isEqualTo("http://127.0.0.1:" + PORT + "/stripe-sandbox");
        assertThat(environment.getProperty("stripe.sandbox.public-base-url")).isEqualTo("http://localhost:" + PORT);
    }

    @Test
    void aBuyerPaysThroughTheHostedPageAnonymouslyAndTheWebhookIsSigned() throws Exception {
        String invoice = UUID.randomUUID().toString();
        var link = stripeClient().v1().paymentLinks().create(
                StripeClientAgainstSandboxTests.invoiceLink(invoice, "jpy", 15_000, "Invoice ST-2024-0042"));
        assertThat(link.getUrl()).isEqualTo("http://localhost:" + PORT + "/stripe-sandbox/checkout/" + link.getId());
        assertThat(stripeClient().v1().paymentLinks().retrieve(link.getId()).getMetadata())
                .containsEntry("merchant_billing_invoice", invoice);
        // kept in PostgreSQL, so the developer run's links survive a restart
        assertThat(jdbc.sql("select count(*) from stripe_sandbox_payment_links where id = :id")
                .param("id", link.getId()).query(Long.class).single()).isEqualTo(1L);

        var page = get("/stripe-sandbox/checkout/" + link.getId());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(page.body()).contains("no real money moves", "JPY 15,000", "Invoice ST-2024-0042",
                "id=\"card-number\"", "id=\"pay-button\"");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();

        // a plain form post: no session cookie, no CSRF token
        var paid = http.send(HttpRequest.newBuilder(URI.create(base() + "/stripe-sandbox/checkout/" + link.getId()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "email=buyer%40example.com&card_number=4242+4242+4242+4242&card_expiry=12+%2F+40&card_cvc=123"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(303);
        String receipt = paid.headers().firstValue("Location").orElseThrow();
        assertThat(get(receipt).body()).contains("Payment successful", "JPY 15,000");

        var sessions = stripeClient().v1().checkout().sessions().list(SessionListParams.builder()
                .setPaymentLink(link.getId()).setStatus(SessionListParams.Status.COMPLETE).build());
        assertThat(sessions.getData()).singleElement().satisfies(session -> {
            assertThat(session.getPaymentStatus()).isEqualTo("paid");
            assertThat(session.getCustomerDetails().getEmail()).isEqualTo("buyer@example.com");
        });
        assertThat(stripeClient().v1().paymentLinks().retrieve(link.getId()).getActive()).isFalse();
        assertThat(get("/stripe-sandbox/checkout/" + link.getId()).body())
                .contains("This payment link is no longer active");

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());
        var delivery = receiver.received().getFirst();
        Event event = Webhook.constructEvent(delivery.payload(), delivery.signature(),
                environment.getRequiredProperty("stripe.webhook-secret"));
        assertThat(event.getDataObjectDeserializer().getObject()).get().isInstanceOfSatisfying(Session.class,
                session -> assertThat(session.getMetadata()).containsEntry("merchant_billing_invoice", invoice));
    }

    @Test
    void aDeclinedCardIsShownOnThePage() throws StripeException {
        var link = stripeClient().v1().paymentLinks().create(
                StripeClientAgainstSandboxTests.invoiceLink("declined", "usd", 123_450, "Invoice US-7"));

        var declined = post("/stripe-sandbox/checkout/" + link.getId(),
                "card_number=4000000000000002&card_expiry=12%2F40&card_cvc=123");

        assertThat(declined.body()).contains("Your card was declined.", "USD 1,234.50");
        assertThat(stripeClient().v1().paymentLinks().retrieve(link.getId()).getActive()).isTrue();
    }

    @Test
    void otherSandboxPathsOpenNothingElseOfTheApplication() {
        for (String path : new String[] { "/stripe-sandbox", "/stripe-sandbox/", "/stripe-sandbox/login",
                "/stripe-sandbox/VAADIN/", "/stripe-sandbox/billing", "/stripe-sandbox/checkout/plink_missing",
                "/stripe-sandbox/v1/customers", "/stripe-sandbox/actuator/health" }) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isIn(401, 404);
            // the sandbox's own answer, not Vaadin's bootstrap page or a view of the application
            assertThat(response.body()).as(path).containsAnyOf("Unrecognized request URL", "Stripe sandbox",
                    "You did not provide an API key").doesNotContain("window.Vaadin", "<vaadin-", "Sakura");
            assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
        }
        var api = get("/stripe-sandbox/v1/payment_links/plink_x");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("invalid_request_error");
    }

    @Test
    void theMerchantApplicationStillRequiresSignIn() {
        var billing = get("/billing");
        assertThat(billing.statusCode()).isIn(302, 303);
        assertThat(billing.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/login"));
    }

    private String base() {
        return "http://127.0.0.1:" + PORT;
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
    }

    private HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(http, request);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
