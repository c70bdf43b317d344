package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.merchantbilling.stripesandbox.CheckoutResult.Outcome;
import com.merchantbilling.support.FakeStripeServer.Fault;
import com.merchantbilling.support.FakeStripeServer.FaultPlan;
import com.merchantbilling.support.FakeStripeServer;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentLink;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentLinkCreateParams;
import com.stripe.param.PaymentLinkCreateParams.LineItem;
import com.stripe.param.PaymentLinkCreateParams.LineItem.PriceData;
import com.stripe.param.PaymentLinkCreateParams.LineItem.PriceData.ProductData;
import com.stripe.param.PaymentLinkCreateParams.PaymentMethodType;
import com.stripe.param.PaymentLinkCreateParams.Restrictions;
import com.stripe.param.PaymentLinkCreateParams.Restrictions.CompletedSessions;
import com.stripe.param.PaymentLinkRetrieveParams;
import com.stripe.param.checkout.SessionListParams;

/** The real stripe-java client against the sandbox over HTTP: it must not notice it is not Stripe. */
class StripeClientAgainstSandboxTests {

    private static final String KEY = "sk_test_fake_" + UUID.randomUUID().toString().replace("-", "");
    private static FakeStripeServer stripe;
    private StripeClient client;

    @BeforeAll
    static void startStripe() {
        stripe = FakeStripeServer.start(KEY);
    }

    @AfterAll
    static void stopStripe() {
        stripe.close();
    }

    @BeforeEach
    void client() {
        stripe.setFaults(FaultPlan.none());
        stripe.setLatency(Duration.ZERO);
        client = StripeClient.builder().setApiKey(KEY).setApiBase(stripe.baseUrl()).setMaxNetworkRetries(0).build();
    }

    static PaymentLinkCreateParams invoiceLink(String invoiceId, String currency, long amount, String name) {
        return PaymentLinkCreateParams.builder()
                .addLineItem(LineItem.builder()
                        .setPriceData(PriceData.builder()
                                .setCurrency(currency)
                                .setUnitAmount(amount)
                                .setProductData(ProductData.builder().setName(name).build())
                                .build())
                        .setQuantity(1L)
                        .build())
                .addPaymentMethodType(PaymentMethodType.CARD)
                .setRestrictions(Restrictions.builder()
                        .setCompletedSessions(CompletedSessions.builder().setLimit(1L).build())
                        .build())
                .putMetadata("merchant_billing_invoice", invoiceId)
                .setPaymentIntentData(PaymentLinkCreateParams.PaymentIntentData.builder()
                        .putMetadata("merchant_billing_invoice", invoiceId)
                        .build())
                .build();
    }

    private static String newInvoiceId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void createsAndReadsBackAJpyLink() throws StripeException {
        String invoice = newInvoiceId();
        PaymentLink link = client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 15_000, "Invoice ST-1"));

        assertThat(link.getId()).startsWith("plink_");
        assertThat(link.getObject()).isEqualTo("payment_link");
        assertThat(link.getActive()).isTrue();
        assertThat(link.getLivemode()).isFalse();
        assertThat(link.getCurrency()).isEqualTo("jpy");
        assertThat(link.getMetadata()).containsEntry("merchant_billing_invoice", invoice);
        assertThat(link.getPaymentIntentData().getMetadata()).containsEntry("merchant_billing_invoice", invoice);
        assertThat(link.getPaymentMethodTypes()).containsExactly("card");
        assertThat(link.getRestrictions().getCompletedSessions().getLimit()).isEqualTo(1L);
        assertThat(link.getRestrictions().getCompletedSessions().getCount()).isZero();
        assertThat(link.getUrl()).isEqualTo(stripe.baseUrl() + "/checkout/" + link.getId());

        var sent = stripe.createRequests().getLast().formParameters();
        assertThat(sent).containsEntry("line_items[0][price_data][currency]", "jpy")
                .containsEntry("line_items[0][price_data][unit_amount]", "15000")
                .containsEntry("line_items[0][price_data][product_data][name]", "Invoice ST-1")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("payment_method_types[0]", "card")
                .containsEntry("restrictions[completed_sessions][limit]", "1")
                .containsEntry("metadata[merchant_billing_invoice]", invoice)
                .containsEntry("payment_intent_data[metadata][merchant_billing_invoice]", invoice);
        assertThat(stripe.createRequests().getLast().header("Authorization")).isEqualTo("Bearer " + KEY);

        PaymentLink read = client.v1().paymentLinks().retrieve(link.getId(),
                PaymentLinkRetrieveParams.builder().addExpand("line_items").build());
        assertThat(read.getId()).isEqualTo(link.getId());
        assertThat(read.getUrl()).isEqualTo(link.getUrl());
        assertThat(read.getLineItems().getData()).singleElement().satisfies(item -> {
            assertThat(item.getAmountTotal()).isEqualTo(15_000L);
            assertThat(item.getDescription()).isEqualTo("Invoice ST-1");
            assertThat(item.getPrice().getUnitAmount()).isEqualTo(15_000L);
        });
        assertThat(stripe.linksForInvoice(invoice)).hasSize(1);
    }

    @Test
    void createsAUsdLinkWithAmountInCents() throws StripeException {
        PaymentLink link = client.v1().paymentLinks().create(invoiceLink(newInvoiceId(), "usd", 123_450, "USD"));

        assertThat(link.getCurrency()).isEqualTo("usd");
        assertThat(stripe.sandbox().paymentLink(link.getId())).get()
                .extracting(SandboxPaymentLink::amountTotal).isEqualTo(123_450L);
    }

    @Test
    void replaysTheFirstResponseForTheSameIdempotencyKey() throws StripeException {
        String key = "create-" + UUID.randomUUID();
        String invoice = newInvoiceId();
        var options = RequestOptions.builder().setIdempotencyKey(key).build();

        PaymentLink first = client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 5_000, "X"), options);
        PaymentLink second = client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 5_000, "X"), options);

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getLastResponse().body()).isEqualTo(first.getLastResponse().body());
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(stripe.createCalls(key)).isEqualTo(2);
        assertThat(stripe.linksForInvoice(invoice)).hasSize(1);
    }

    @Test
    void refusesTheSameIdempotencyKeyWithOtherParameters() throws StripeException {
        var options = RequestOptions.builder().setIdempotencyKey("key-" + UUID.randomUUID()).build();
        String invoice = newInvoiceId();
        client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 5_000, "X"), options);

        assertThatThrownBy(() -> client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 6_000, "X"), options))
                .isInstanceOfSatisfying(IdempotencyException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThat(stripe.linksForInvoice(invoice)).hasSize(1);
    }

    @Test
    void idempotencyKeysAreScopedToTheConnectedAccount() throws StripeException {
        String key = "acct-scoped-" + UUID.randomUUID();
        String invoice = newInvoiceId();
        var platform = RequestOptions.builder().setIdempotencyKey(key).build();
        var connected = RequestOptions.builder().setIdempotencyKey(key).setStripeAccount("acct_123").build();

        PaymentLink forPlatform = client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 5_000, "X"), platform);
        PaymentLink forAccount = client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 5_000, "X"), connected);

        assertThat(forAccount.getId()).isNotEqualTo(forPlatform.getId());
        assertThat(forAccount.getLastResponse().headers().firstValue("Stripe-Account")).contains("acct_123");
        assertThat(stripe.sandbox().paymentLink(forAccount.getId()).orElseThrow().stripeAccount())
                .isEqualTo("acct_123");
        // a connected account's link does not exist for the platform
        assertThatThrownBy(() -> client.v1().paymentLinks().retrieve(forAccount.getId()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(client.v1().paymentLinks().retrieve(forAccount.getId(),
                RequestOptions.builder().setStripeAccount("acct_123").build()).getId()).isEqualTo(forAccount.getId());
    }

    @Test
    void refusesAWrongKey() {
        var wrong = StripeClient.builder().setApiKey("sk_test_wrong_key_1234").setApiBase(stripe.baseUrl()).build();

        assertThatThrownBy(() -> wrong.v1().paymentLinks().create(invoiceLink("x", "jpy", 100, "X")))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("Invalid API Key").doesNotContain("wrong_key");
                });
        assertThat(stripe.paymentLinks()).noneMatch(link -> link.metadata().containsValue("x"));
    }

    @Test
    void refusesAnUnsupportedCurrencyNamingTheParameter() {
        assertThatThrownBy(() -> client.v1().paymentLinks().create(invoiceLink("y", "xyz", 100, "X")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("line_items[0][price_data][currency]");
                    assertThat(e.getMessage()).contains("Invalid currency: xyz");
                });
        assertThatThrownBy(() -> client.v1().paymentLinks().create(invoiceLink("y", "JPY", 100, "X")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void refusesAmountsAndQuantitiesStripeWouldRefuse() {
        assertThatThrownBy(() -> client.v1().paymentLinks().create(invoiceLink("z", "usd", 0, "X")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("line_items[0][price_data][unit_amount]"));
        var noQuantity = PaymentLinkCreateParams.builder()
                .addLineItem(LineItem.builder().setPriceData(PriceData.builder().setCurrency("usd").setUnitAmount(5L)
                        .setProductData(ProductData.builder().setName("X").build()).build()).setQuantity(0L).build())
                .build();
        assertThatThrownBy(() -> client.v1().paymentLinks().create(noQuantity))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("line_items[0][quantity]"));
        assertThatThrownBy(() -> client.v1().paymentLinks().create(PaymentLinkCreateParams.builder().build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("line_items");
                    assertThat(e.getCode()).isEqualTo("parameter_missing");
                });
    }

    @Test
    void unknownLinkIsResourceMissing() {
        assertThatThrownBy(() -> client.v1().paymentLinks().retrieve("plink_doesnotexist"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
    }

    @Test
    void payingCompletesOneSessionAndDeactivatesTheOneTimeLink() throws StripeException {
        String invoice = newInvoiceId();
        PaymentLink link = client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 15_000, "Invoice"));

        CheckoutResult result = stripe.pay(link.getId(), "4242 4242 4242 4242");

        assertThat(result.outcome()).isEqualTo(Outcome.PAID);
        var sessions = client.v1().checkout().sessions().list(SessionListParams.builder()
                .setPaymentLink(link.getId()).setStatus(SessionListParams.Status.COMPLETE).setLimit(10L).build());
        assertThat(sessions.getHasMore()).isFalse();
        assertThat(sessions.getData()).singleElement().satisfies(session -> {
            assertThat(session.getId()).isEqualTo(result.session().id()).startsWith("cs_test_");
            assertThat(session.getStatus()).isEqualTo("complete");
            assertThat(session.getPaymentStatus()).isEqualTo("paid");
            assertThat(session.getPaymentLink()).isEqualTo(link.getId());
            assertThat(session.getAmountTotal()).isEqualTo(15_000L);
            assertThat(session.getCurrency()).isEqualTo("jpy");
            assertThat(session.getMetadata()).containsEntry("merchant_billing_invoice", invoice);
            assertThat(session.getPaymentIntent()).startsWith("pi_");
        });
        PaymentLink after = client.v1().paymentLinks().retrieve(link.getId());
        assertThat(after.getActive()).isFalse();
        assertThat(after.getRestrictions().getCompletedSessions().getCount()).isEqualTo(1L);
        assertThat(stripe.pay(link.getId(), "4242424242424242").outcome()).isEqualTo(Outcome.LINK_INACTIVE);
    }

    @Test
    void aDeclinedCardCompletesNothing() throws StripeException {
        PaymentLink link = client.v1().paymentLinks().create(invoiceLink(newInvoiceId(), "usd", 2_000, "Invoice"));

        assertThat(stripe.pay(link.getId(), "4000 0000 0000 0002").outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(stripe.pay(link.getId(), "1234 5678 9012 3456").outcome()).isEqualTo(Outcome.INVALID_CARD);

        var sessions = client.v1().checkout().sessions().list(SessionListParams.builder()
                .setPaymentLink(link.getId()).build());
        assertThat(sessions.getData()).isEmpty();
        assertThat(client.v1().paymentLinks().retrieve(link.getId()).getActive()).isTrue();
    }

    @Test
    void faultsLookLikeStripesFailures() throws StripeException {
        stripe.setFaults(FaultPlan.sequence(Fault.FAIL_500, Fault.RATE_LIMITED_429_SHOULD_RETRY));
        long errors = stripe.serverErrorResponses();
        long limited = stripe.rateLimitedResponses();

        assertThatThrownBy(() -> client.v1().paymentLinks().create(invoiceLink("f", "jpy", 100, "X")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        assertThatThrownBy(() -> client.v1().paymentLinks().create(invoiceLink("f", "jpy", 100, "X")))
                .isInstanceOf(RateLimitException.class);
        assertThat(stripe.serverErrorResponses()).isEqualTo(errors + 1);
        assertThat(stripe.rateLimitedResponses()).isEqualTo(limited + 1);
        assertThat(stripe.linksForInvoice("f")).isEmpty();
    }

    @Test
    void aDroppedResponseIsRecoveredByTheClientsRetryWithTheSameKey() throws StripeException {
        String invoice = newInvoiceId();
        stripe.setFaults(FaultPlan.sequence(Fault.DROP_AFTER_PROCESSING));
        var retrying = StripeClient.builder().setApiKey(KEY).setApiBase(stripe.baseUrl()).setMaxNetworkRetries(2)
                .build();

        PaymentLink link = retrying.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 100, "X"));

        var creates = stripe.createRequests().stream()
                .filter(request -> invoice.equals(request.formParameters().get("metadata[merchant_billing_invoice]"))).toList();
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1).idempotencyKey()).isNotBlank().isEqualTo(creates.get(0).idempotencyKey());
        assertThat(stripe.linksForInvoice(invoice)).singleElement()
                .extracting(SandboxPaymentLink::id).isEqualTo(link.getId());
    }

    @Test
    void aSlowAnswerTimesTheClientOutAfterTheLinkWasCreated() {
        String invoice = newInvoiceId();
        stripe.setSlowResponseDelay(Duration.ofSeconds(5));
        stripe.setFaults(FaultPlan.sequence(Fault.SLOW));
        var impatient = RequestOptions.builder().setReadTimeout(300).build();

        assertThatThrownBy(() -> client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 100, "X"), impatient))
                .isInstanceOf(ApiConnectionException.class);
        assertThat(stripe.linksForInvoice(invoice)).hasSize(1);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneLinkAndTheOthersGet409() throws Exception {
        String key = "concurrent-" + UUID.randomUUID();
        String invoice = newInvoiceId();
        var options = RequestOptions.builder().setIdempotencyKey(key).build();
        stripe.setLatency(Duration.ofMillis(20));

        List<Future<String>> outcomes = new ArrayList<>();
        try (var hold = stripe.holdExecutions(); var threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                outcomes.add(threads.submit(() -> {
                    try {
                        return client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 1_000, "X"), options)
                                .getId();
                    } catch (ApiException e) {
                        // Stripe does not queue a request behind one still executing with its key
                        return e.getStatusCode() + " " + e.getCode();
                    }
                }));
            }
            org.awaitility.Awaitility.await().until(() -> outcomes.stream().filter(Future::isDone).count() == 15);
            assertThat(hold.executing()).isEqualTo(1);
        }

        var distinct = new HashSet<String>();
        for (var outcome : outcomes) {
            distinct.add(outcome.get());
        }
        assertThat(distinct).hasSize(2).contains("409 idempotency_key_in_use");
        var linkId = distinct.stream().filter(id -> id.startsWith("plink_")).findFirst().orElseThrow();
        PaymentLink retried = client.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 1_000, "X"), options);
        assertThat(retried.getId()).isEqualTo(linkId);
        assertThat(stripe.createCalls(key)).isEqualTo(17);
        assertThat(stripe.linksForInvoice(invoice)).hasSize(1);
    }

    @Test
    void aSaved500IsNotRetriedByStripeJavaAndIsReplayedToTheSameKey() throws StripeException {
        String key = "saved-500-" + UUID.randomUUID();
        String invoice = newInvoiceId();
        var options = RequestOptions.builder().setIdempotencyKey(key).build();
        var retrying = StripeClient.builder().setApiKey(KEY).setApiBase(stripe.baseUrl()).setMaxNetworkRetries(2)
                .build();
        stripe.setFaults(FaultPlan.sequence(Fault.FAIL_500_AFTER_CREATING));

        assertThatThrownBy(() -> retrying.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 100, "X"), options))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        // stripe-java's HttpClient.shouldRetry defers to Stripe-Should-Retry: false
        assertThat(stripe.createCalls(key)).isEqualTo(1);
        assertThatThrownBy(() -> retrying.v1().paymentLinks().create(invoiceLink(invoice, "jpy", 100, "X"), options))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        assertThat(stripe.createCalls(key)).isEqualTo(2);
        // the link was made before the 500: only listing the links shows it
        var listed = client.v1().paymentLinks().list(com.stripe.param.PaymentLinkListParams.builder().setLimit(100L)
                .build()).getData();
        assertThat(listed).anySatisfy(link -> assertThat(link.getMetadata())
                .containsEntry("merchant_billing_invoice", invoice));
        assertThat(stripe.linksForInvoice(invoice)).hasSize(1);
    }

    @Test
    void aLinkIsDeactivatedNotDeleted() throws StripeException {
        PaymentLink link = client.v1().paymentLinks().create(invoiceLink(newInvoiceId(), "jpy", 100, "X"));

        PaymentLink updated = client.v1().paymentLinks().update(link.getId(),
                com.stripe.param.PaymentLinkUpdateParams.builder().setActive(false).build());

        assertThat(updated.getActive()).isFalse();
        assertThat(client.v1().paymentLinks().retrieve(link.getId()).getActive()).isFalse();
        assertThat(stripe.pay(link.getId(), "4242424242424242").outcome()).isEqualTo(Outcome.LINK_INACTIVE);
    }

    @Test
    void buyersRacingForAOneTimeLinkPayOnce() throws Exception {
        PaymentLink link = client.v1().paymentLinks().create(invoiceLink(newInvoiceId(), "jpy", 1_000, "X"));

        List<Future<CheckoutResult>> results = new ArrayList<>();
        try (var buyers = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(buyers.submit(() -> stripe.pay(link.getId(), "4242424242424242")));
            }
        }

        long paid = 0;
        for (var result : results) {
            paid += result.get().paid() ? 1 : 0;
        }
        assertThat(paid).isEqualTo(1);
        assertThat(stripe.sandbox().checkoutSessions(link.getId())).hasSize(1);
    }

    @Test
    void latencyDelaysEveryApiAnswer() throws StripeException {
        stripe.setLatency(Duration.ofMillis(250));
        long started = System.nanoTime();

        client.v1().paymentLinks().create(invoiceLink(newInvoiceId(), "jpy", 100, "X"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aRandomPlanFailsAboutTheGivenFraction() {
        var plan = FaultPlan.randomly(42, 0.3);
        int failed = 0;
        for (int i = 0; i < 1_000; i++) {
            if (plan.next(null) != Fault.PASS) {
                failed++;
            }
        }
        assertThat(failed).isBetween(250, 350);
        var again = FaultPlan.randomly(42, 0.3);
        var once = FaultPlan.randomly(42, 0.3);
        for (int i = 0; i < 50; i++) {
            assertThat(again.next(null)).isEqualTo(once.next(null));
        }
    }
}
