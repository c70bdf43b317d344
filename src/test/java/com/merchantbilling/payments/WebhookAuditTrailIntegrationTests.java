package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.InvoiceDetails.AuditAction;
import com.merchantbilling.invoicing.InvoiceDetails.AuditEntry;
import com.merchantbilling.invoicing.InvoiceDetails;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;

/** A webhook's payment is in the invoice's audit trail with the Stripe event and Checkout Session. */
class WebhookAuditTrailIntegrationTests extends WebhookTestSupport {

    @Autowired
    InvoiceDetails details;

    @Test
    void aPaidSessionIsAuditedWithItsEventAndSession() {
        var invoice = pendingInvoice(organization("AuditPaid", Optional.empty()), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy").invoiceId(invoice.id());
        var payload = StripeEvents.completed(session);

        deliver(payload);

        await().atMost(Duration.ofSeconds(20)).until(() -> outcome(StripeEvents.eventId(payload)).isPresent());
        var trail = details.find(invoice.organization(), invoice.id()).orElseThrow().auditTrail();
        assertThat(trail).extracting(AuditEntry::action)
                .containsExactly(AuditAction.LINK_REQUESTED, AuditAction.LINK_CREATED, AuditAction.PAID);
        assertThat(trail.get(0).actor()).isEqualTo("webhook-test");
        assertThat(trail.get(1).paymentLinkId()).hasValue(invoice.paymentLinkId());
        var paid = trail.get(2);
        assertThat(paid.stripeEventId()).hasValue(StripeEvents.eventId(payload));
        assertThat(paid.checkoutSessionId()).hasValueSatisfying(id -> assertThat(id).startsWith("cs_"));
        assertThat(paid.detail()).hasValue("JPY 1,000");
    }
}
