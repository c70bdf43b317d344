package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.WebhookReceiver;
import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;

class SandboxWebhookTests {

    private static final String KEY = "sk_test_webhooks";
    private static final String SECRET = "whsec_test_" + UUID.randomUUID().toString().replace("-", "");

    private FakeStripeServer stripe;
    private WebhookReceiver receiver;
    private StripeClient client;

    @BeforeEach
    void start() {
        stripe = FakeStripeServer.start(KEY);
        receiver = WebhookReceiver.start();
        stripe.webhookTarget(receiver.url(), SECRET);
        client = StripeClient.builder().setApiKey(KEY).setApiBase(stripe.baseUrl()).build();
    }

    @AfterEach
    void stop() {
        stripe.close();
        receiver.close();
    }

    @Test
    void payingSendsASignedCheckoutSessionCompletedEvent() throws StripeException, SignatureVerificationException {
        String invoice = UUID.randomUUID().toString();
        var link = client.v1().paymentLinks().create(
                StripeClientAgainstSandboxTests.invoiceLink(invoice, "jpy", 15_000, "Invoice ST-9"),
                RequestOptions.builder().setStripeAccount("acct_connected1").build());

        var result = stripe.pay(link.getId(), "4242424242424242");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        var delivery = receiver.received().getFirst();
        Event event = Webhook.constructEvent(delivery.payload(), delivery.signature(), SECRET);
        assertThat(event.getType()).isEqualTo("checkout.session.completed");
        assertThat(event.getId()).startsWith("evt_");
        assertThat(event.getLivemode()).isFalse();
        assertThat(event.getAccount()).isEqualTo("acct_connected1");
        assertThat(event.getDataObjectDeserializer().getObject()).get()
                .isInstanceOfSatisfying(Session.class, session -> {
                    assertThat(session.getId()).isEqualTo(result.session().id());
                    assertThat(session.getPaymentLink()).isEqualTo(link.getId());
                    assertThat(session.getStatus()).isEqualTo("complete");
                    assertThat(session.getPaymentStatus()).isEqualTo("paid");
                    assertThat(session.getAmountTotal()).isEqualTo(15_000L);
                    assertThat(session.getMetadata()).containsEntry("merchant_billing_invoice", invoice);
                });
        assertThat(stripe.webhookDeliveries()).singleElement().satisfies(attempt -> {
            assertThat(attempt.succeeded()).isTrue();
            assertThat(attempt.eventId()).isEqualTo(event.getId());
        });
    }

    @Test
    void aSignatureWithAnotherSecretDoesNotVerify() throws StripeException {
        var link = client.v1().paymentLinks().create(
                StripeClientAgainstSandboxTests.invoiceLink("w", "usd", 500, "X"));
        stripe.pay(link.getId(), "4242424242424242");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        var delivery = receiver.received().getFirst();
        assertThat(delivery.signature()).startsWith("t=").contains(",v1=");
        assertThatThrownBy(
                () -> Webhook.constructEvent(delivery.payload(), delivery.signature(), "whsec_other"))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void aFailedDeliveryIsRetriedUntilItSucceeds() throws StripeException {
        receiver.failNext(2);
        var link = client.v1().paymentLinks().create(
                StripeClientAgainstSandboxTests.invoiceLink("r", "usd", 500, "X"));

        stripe.pay(link.getId(), "4242424242424242");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> stripe.webhookDeliveries().size() == 3);
        var attempts = stripe.webhookDeliveries();
        assertThat(attempts).extracting(WebhookDelivery::status).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3);
        // every attempt carries the same event, each freshly signed
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::payload).containsOnly(
                receiver.received().getFirst().payload());
    }

    @Test
    void anUnreachableEndpointIsRetriedABoundedNumberOfTimes() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        stripe.webhookTarget("http://127.0.0.1:" + closedPort + "/stripe/webhook", SECRET);
        var link = client.v1().paymentLinks().create(
                StripeClientAgainstSandboxTests.invoiceLink("u", "usd", 500, "X"));

        stripe.pay(link.getId(), "4242424242424242");

        // the fake server's policy: 4 attempts, 50 ms doubling to at most 400 ms
        await().atMost(Duration.ofSeconds(10)).until(() -> stripe.webhookDeliveries().size() == 4);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> stripe.webhookDeliveries().size() == 4);
        assertThat(stripe.webhookDeliveries()).allSatisfy(attempt -> {
            assertThat(attempt.succeeded()).isFalse();
            assertThat(attempt.status()).isZero();
            assertThat(attempt.error()).isNotBlank();
        });
    }

    @Test
    void aDeclinedPaymentSendsNothing() throws StripeException {
        var link = client.v1().paymentLinks().create(
                StripeClientAgainstSandboxTests.invoiceLink("d", "usd", 500, "X"));

        stripe.pay(link.getId(), "4000000000000002");

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> receiver.received().isEmpty());
        assertThat(stripe.webhookDeliveries()).isEmpty();
    }
}
