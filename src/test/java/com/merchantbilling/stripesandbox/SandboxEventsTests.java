package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.merchantbilling.support.FakeStripeServer;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.DisputeListParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentRetrieveParams;

/**
 * The sandbox's event log and payments through the real stripe-java client: {@code GET /v1/events} with Stripe's
 * list shape and filters (API reference "List all events"), and the payment intents, charges and disputes a card
 * payment leaves, with refunds and disputes made as in the Dashboard.
 */
class SandboxEventsTests {

    private static final String KEY = "sk_test_events_" + UUID.randomUUID().toString().replace("-", "");
    private static FakeStripeServer stripe;
    private static StripeClient client;

    @BeforeAll
    static void startStripe() {
        stripe = FakeStripeServer.start(KEY);
        client = StripeClient.builder().setApiKey(KEY).setApiBase(stripe.baseUrl()).setMaxNetworkRetries(0).build();
    }

    @AfterAll
    static void stopStripe() {
        stripe.close();
    }

    @Test
    void listsEveryEmittedEventNewestFirstInPagesWithStripesListShape() throws Exception {
        var account = newAccount();
        for (int i = 0; i < 3; i++) {
            paidIntent(account);
        }
        var emitted = stripe.events(account);
        assertThat(emitted).hasSize(3).allSatisfy(event -> assertThat(event.delivered()).isFalse());

        var first = client.v1().events().list(EventListParams.builder().setLimit(2L).build(), on(account));
        assertThat(first.getHasMore()).isTrue();
        assertThat(first.getUrl()).isEqualTo("/v1/events");
        assertThat(first.getData()).extracting(Event::getId).containsExactly(emitted.get(0).id(), emitted.get(1).id());
        var second = client.v1().events().list(EventListParams.builder().setLimit(2L)
                .setStartingAfter(first.getData().getLast().getId()).build(), on(account));
        assertThat(second.getHasMore()).isFalse();
        assertThat(second.getData()).extracting(Event::getId).containsExactly(emitted.get(2).id());

        var event = first.getData().getFirst();
        assertThat(event.getType()).isEqualTo("checkout.session.completed");
        assertThat(event.getAccount()).isEqualTo(account);
        assertThat(event.getDataObjectDeserializer().getObject()).get().isInstanceOf(Session.class);
        assertThat(client.v1().events().retrieve(event.getId(), on(account)).getId()).isEqualTo(event.getId());
    }

    @Test
    void filtersByTypeTypesCreatedAndDeliverySuccess() throws Exception {
        var account = newAccount();
        var intent = paidIntent(account);
        stripe.refund(intent, 100);

        assertThat(list(account, EventListParams.builder().addType("charge.refunded"))).hasSize(1);
        assertThat(list(account, EventListParams.builder().addType("charge.refunded")
                .addType("checkout.session.completed"))).hasSize(2);
        assertThat(list(account, EventListParams.builder().setType("charge.*"))).hasSize(1);
        assertThat(list(account, EventListParams.builder().setType("charge.dispute.created"))).isEmpty();
        long now = Instant.now().getEpochSecond();
        assertThat(list(account, EventListParams.builder()
                .setCreated(EventListParams.Created.builder().setGt(now + 60).build()))).isEmpty();
        assertThat(list(account, EventListParams.builder()
                .setCreated(EventListParams.Created.builder().setGt(now - 60).setLte(now + 60).build()))).hasSize(2);
        // no webhook endpoint took them
        assertThat(list(account, EventListParams.builder().setDeliverySuccess(true))).isEmpty();
        assertThat(list(account, EventListParams.builder().setDeliverySuccess(false))).hasSize(2);

        assertThatThrownBy(() -> list(account, EventListParams.builder().setType("charge.refunded")
                .addType("charge.refunded")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> list(account, EventListParams.builder().putExtraParam("payment_link", "plink_x")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown parameter");
    }

    @Test
    void anAccountsEventsAndPaymentsAreOnlyOnThatAccount() throws Exception {
        var account = newAccount();
        var intent = paidIntent(account);

        assertThat(list(newAccount(), EventListParams.builder())).isEmpty();
        assertThatThrownBy(() -> client.v1().paymentIntents().retrieve(intent, on(newAccount())))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void aPaymentLeavesAnIntentWithAChargeThatRefundsAndDisputesChange() throws Exception {
        var account = newAccount();
        var intent = paidIntent(account);
        var expand = PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build();

        var paid = client.v1().paymentIntents().retrieve(intent, expand, on(account));
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(paid.getAmountReceived()).isEqualTo(1500L);
        assertThat(paid.getLatestChargeObject().getAmountRefunded()).isZero();
        assertThat(paid.getMetadata()).containsEntry("merchant_billing_invoice", "42");
        // latest_charge is an id unless expanded
        assertThat(client.v1().paymentIntents().retrieve(intent, on(account)).getLatestCharge())
                .isEqualTo(paid.getLatestChargeObject().getId());

        stripe.refund(intent, 500);
        Charge refunded = client.v1().charges().retrieve(paid.getLatestChargeObject().getId(), on(account));
        assertThat(refunded.getAmountRefunded()).isEqualTo(500L);
        assertThat(refunded.getRefunded()).isFalse();

        var dispute = stripe.dispute(intent);
        var disputes = client.v1().disputes().list(DisputeListParams.builder().setPaymentIntent(intent).build(),
                on(account));
        assertThat(disputes.getData()).singleElement().satisfies(found -> {
            assertThat(found.getId()).isEqualTo(dispute.get("id"));
            assertThat(found.getStatus()).isEqualTo("needs_response");
            assertThat(found.getPaymentIntent()).isEqualTo(intent);
        });
        assertThat(client.v1().paymentIntents().retrieve(intent, expand, on(account)).getLatestChargeObject()
                .getDisputed()).isTrue();

        stripe.closeDispute(intent, (String) dispute.get("id"), "lost");
        assertThat(client.v1().disputes().retrieve((String) dispute.get("id"), on(account)).getStatus())
                .isEqualTo("lost");
        assertThat(stripe.events(account)).extracting(EmittedEvent::type).containsExactly("charge.dispute.closed",
                "charge.dispute.created", "charge.refunded", "checkout.session.completed");
    }

    private static java.util.List<Event> list(String account, EventListParams.Builder params) throws Exception {
        return client.v1().events().list(params.setLimit(100L).build(), on(account)).getData();
    }

    private static String paidIntent(String account) {
        var link = stripe.createPaymentLink(account, Map.of("merchant_billing_invoice", "42"), 1500, "JPY");
        return stripe.pay(link, SandboxStripe.SUCCEEDING_CARD).session().paymentIntentId();
    }

    private static RequestOptions on(String account) {
        return RequestOptions.builder().setStripeAccount(account).build();
    }

    private static String newAccount() {
        return "acct_1" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    }
}
