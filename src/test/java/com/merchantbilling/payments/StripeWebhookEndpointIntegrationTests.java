package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;

/** What the endpoint accepts and refuses, over real HTTP; nothing refused is stored. */
@ExtendWith(OutputCaptureExtension.class)
class StripeWebhookEndpointIntegrationTests extends WebhookTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final String payload = StripeEvents.completed(new CheckoutSession("plink_unknown_endpoint", 1000, "jpy"));
    private final String eventId = StripeEvents.eventId(payload);

    @Test
    void acceptsAValidSignature() {
        var response = post(payload, StripeEvents.signature(payload, WEBHOOK_SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Received");
        assertThat(storedEvents(eventId)).isEqualTo(1);
        // stateless: no session is created for Stripe
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    /**
     * Deliveries are timed by the endpoint's own {@code stripe.webhooks} timer, by result, and not by the generic
     * {@code http.server.requests} observation (too costly at a thousand deliveries a second); other requests still
     * are.
     */
    @Test
    void timesDeliveriesByResultInsteadOfTheGenericHttpObservation() {
        var received = meters.timer("stripe.webhooks", "result", "received");
        var rejected = meters.timer("stripe.webhooks", "result", "rejected");
        long receivedBefore = received.count();
        long rejectedBefore = rejected.count();

        assertThat(post(payload, StripeEvents.signature(payload, WEBHOOK_SECRET)).statusCode()).isEqualTo(200);
        assertThat(post(payload, "t=1,v1=00").statusCode()).isEqualTo(400);
        send(HttpRequest.newBuilder(uri("/login")).GET().build());

        assertThat(received.count()).isEqualTo(receivedBefore + 1);
        assertThat(rejected.count()).isEqualTo(rejectedBefore + 1);
        assertThat(received.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(meters.find("http.server.requests")
                .timers()).isNotEmpty().extracting(timer -> timer.getId().getTag("uri"))
                .doesNotContain("/stripe/webhook", "/stripe/webhook/connect"));
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret(CapturedOutput output) {
        var response = post(payload, StripeEvents.signature(payload, "whsec_someone_else"));

        assertRefused(response, 400, "Invalid signature");
        assertThat(output).contains("Stripe webhook refused with 400: Invalid signature")
                .doesNotContain(WEBHOOK_SECRET).doesNotContain(eventId);
    }

    @Test
    void refusesATamperedBody() {
        var signature = StripeEvents.signature(payload, WEBHOOK_SECRET);
        var tampered = payload.replace("\"amount_total\":1000", "\"amount_total\":1");
        assertThat(tampered).isNotEqualTo(payload);

        assertRefused(post(tampered, signature), 400, "Invalid signature");
    }

    @Test
    void refusesAStaleTimestamp() {
        long sixMinutesAgo = Instant.now().getEpochSecond() - 360;

        assertRefused(post(payload, StripeEvents.signature(payload, sixMinutesAgo, WEBHOOK_SECRET)), 400,
                "Timestamp outside the tolerance");
    }

    @Test
    void acceptsATimestampWithinTheTolerance() {
        long fourMinutesAgo = Instant.now().getEpochSecond() - 240;

        assertThat(post(payload, StripeEvents.signature(payload, fourMinutesAgo, WEBHOOK_SECRET)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesAMissingSignatureHeader() {
        assertRefused(post(payload, null), 400, "Missing Stripe-Signature header");
    }

    @Test
    void acceptsEitherSecretDuringARotation() {
        var rotating = StripeEvents.signatureWithSecrets(payload, "whsec_the_old_secret", WEBHOOK_SECRET);

        assertThat(post(payload, rotating).statusCode()).isEqualTo(200);
        assertThat(storedEvents(eventId)).isEqualTo(1);
    }

    @Test
    void refusesABodyThatIsNotJsonEvenWhenSigned() {
        var malformed = "{\"id\": \"evt_malformed\", \"type\": ";

        assertRefused(post(malformed, StripeEvents.signature(malformed, WEBHOOK_SECRET)), 400,
                "Body is not a JSON Stripe event");
        assertThat(storedEvents("evt_malformed")).isZero();
    }

    @Test
    void refusesJsonThatIsNoEvent() {
        var notAnEvent = "{\"hello\": \"world\"}";

        assertRefused(post(notAnEvent, StripeEvents.signature(notAnEvent, WEBHOOK_SECRET)), 400,
                "Body is not a JSON Stripe event");
    }

    @Test
    void refusesAnOversizedBodyWith413() {
        var huge = "{\"id\":\"evt_huge\",\"padding\":\"" + "x".repeat(300 * 1024) + "\"}";

        var response = post(huge, StripeEvents.signature(huge, WEBHOOK_SECRET));

        assertRefused(response, 413, "Body larger than 262144 bytes");
        assertThat(storedEvents("evt_huge")).isZero();
    }

    @Test
    void refusesAnOversizedChunkedBodyWithoutContentLength() {
        var huge = "{\"id\":\"evt_huge_chunked\",\"padding\":\"" + "x".repeat(300 * 1024) + "\"}";
        var bytes = huge.getBytes(java.nio.charset.StandardCharsets.UTF_8);

        var response = send(HttpRequest.newBuilder(uri("/stripe/webhook"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeEvents.signature(huge, WEBHOOK_SECRET))
                // a stream of unknown length goes out chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build());

        assertRefused(response, 413, "Body larger than 262144 bytes");
        assertThat(storedEvents("evt_huge_chunked")).isZero();
    }

    @Test
    void refusesOtherContentTypesWith415() {
        var signature = StripeEvents.signature(payload, WEBHOOK_SECRET);

        assertRefused(post(payload, signature, "text/plain"), 415, "Content type must be application/json");
        assertRefused(post(payload, signature, "application/x-www-form-urlencoded"), 415,
                "Content type must be application/json");
    }

    @Test
    void answersUnhandledEventTypesWith200AndStoresNothing() {
        var other = StripeEvents.event(StripeEvents.newEventId(), "customer.created",
                new CheckoutSession("plink_x", 1, "usd"), null, com.stripe.Stripe.API_VERSION);

        var response = deliver(other);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Ignored");
        assertThat(storedEvents(StripeEvents.eventId(other))).isZero();
    }

    @Test
    void opensNothingButPostToTheWebhook() {
        var getWebhook = send(HttpRequest.newBuilder(uri("/stripe/webhook")).GET().build());
        assertThat(getWebhook.statusCode()).isEqualTo(302);
        assertThat(getWebhook.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));

        var view = send(HttpRequest.newBuilder(uri("/billing-management")).GET().build());
        assertThat(view.statusCode()).isEqualTo(302);
        assertThat(view.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));

        // CSRF still guards every other POST, and the webhook's path does not extend to sub-paths
        var otherPost = send(HttpRequest.newBuilder(uri("/stripe/webhook/other"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build());
        assertThat(otherPost.statusCode()).isIn(302, 401, 403);
        var putWebhook = send(HttpRequest.newBuilder(uri("/stripe/webhook"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeEvents.signature(payload, WEBHOOK_SECRET))
                .PUT(HttpRequest.BodyPublishers.ofString(payload)).build());
        assertThat(putWebhook.statusCode()).isIn(302, 401, 403);
        assertThat(storedEvents(eventId)).isZero();
    }

    private void assertRefused(java.net.http.HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(reason);
        assertThat(storedEvents(eventId)).isZero();
        assertThat(outcome(eventId)).isEqualTo(Optional.empty());
    }
}
