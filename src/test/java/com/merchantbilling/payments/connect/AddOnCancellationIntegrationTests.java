package com.merchantbilling.payments.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.payments.AddOnSubscriptions.AddOnAuditEntry;
import com.merchantbilling.stripesandbox.SandboxStripe;
import com.merchantbilling.support.FakeStripe;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.Tenants;

/**
 * Cancelling the Stripe Credit Card Payment Add-on: no new link from the commit on, while the links already made
 * stay payable (their payment still makes the invoice Paid: the webhook path never asks about the add-on) and
 * copyable; subscribing and cancelling are audited with who and when.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AddOnCancellationIntegrationTests {

    static final AddOn ADD_ON = AddOn.STRIPE_CREDIT_CARD_PAYMENT;

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    FakeStripeServer stripe;
    @Autowired
    AddOnSubscriptions addOns;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    OnlinePayments onlinePayments;

    @Test
    void cancellingStopsNewLinksAtOnceAndKeepsOldOnesPayableAndCopyable() {
        stripe.webhookTarget("http://127.0.0.1:" + port + "/stripe/webhook", FakeStripe.WEBHOOK_SECRET);
        var organization = tenants.organization("Canceling");
        addOns.subscribe(organization, ADD_ON, "owner-before");
        var before = tenants.invoice(organization, "C-1", 3000, "JPY");
        tenants.requestLinks(organization, List.of(before));
        await().until(() -> tenants.all(organization, List.of(before), OnlinePaymentStatus.PENDING_PAYMENT));
        String url = invoices.find(organization, before).orElseThrow().paymentLinkUrl().orElseThrow();

        addOns.cancel(organization, ADD_ON, "owner-after");
        assertThat(addOns.isActive(organization, ADD_ON)).isFalse();
        long createsBefore = stripe.createCalls();
        var after = tenants.invoice(organization, "C-2", 4000, "JPY");
        tenants.requestLinks(organization, List.of(after));
        await().until(() -> tenants.all(organization, List.of(after), OnlinePaymentStatus.LINK_FAILED));
        assertThat(invoices.find(organization, after).orElseThrow().paymentLinkFailure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("not subscribed"));
        assertThat(stripe.createCalls()).isEqualTo(createsBefore);

        // the old link: still shown for copying, still active at Stripe, and its payment still counts
        assertThat(invoices.find(organization, before).orElseThrow().paymentLinkUrl()).contains(url);
        String link = onlinePayments.find(before).orElseThrow().paymentLinkId().orElseThrow();
        assertThat(stripe.sandbox().paymentLink(link).orElseThrow().active()).isTrue();
        assertThat(stripe.pay(link, SandboxStripe.SUCCEEDING_CARD).outcome().name()).isEqualTo("PAID");
        await().until(() -> tenants.all(organization, List.of(before), OnlinePaymentStatus.PAID));
    }

    @Test
    void subscribingAndCancellingAreAuditedWithWhoAndWhenAndTheDateSinceWhenItIsActive() {
        var organization = tenants.organization("Audited");
        assertThat(addOns.activeSince(organization, ADD_ON)).isEmpty();
        addOns.subscribe(organization, ADD_ON, "sakura");
        var since = addOns.activeSince(organization, ADD_ON).orElseThrow();
        // subscribing again changes nothing: neither the date nor the trail
        addOns.subscribe(organization, ADD_ON, "someone-else");
        assertThat(addOns.activeSince(organization, ADD_ON)).contains(since);
        addOns.cancel(organization, ADD_ON, "maple");
        addOns.cancel(organization, ADD_ON, "maple-again");
        assertThat(addOns.activeSince(organization, ADD_ON)).isEmpty();

        var history = addOns.history(organization, ADD_ON);
        assertThat(history).extracting(AddOnAuditEntry::action, AddOnAuditEntry::actor).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AddOnAuditEntry.Action.CANCELED, "maple"),
                org.assertj.core.groups.Tuple.tuple(AddOnAuditEntry.Action.SUBSCRIBED, "sakura"));
        assertThat(history.getLast().at()).isEqualTo(since);
        assertThat(history.getFirst().at()).isAfterOrEqualTo(since);
        // another organization's trail is its own
        assertThat(addOns.history(tenants.organization("Other"), ADD_ON)).isEmpty();
    }
}
