package com.merchantbilling.invoicing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.merchantbilling.organizations.OrganizationId;

/** One invoice in full, for the details panel. Scoped to the organization like every invoicing query. */
public interface InvoiceDetails {

    Optional<Details> find(OrganizationId organization, InvoiceId invoice);

    /** Everything about one invoice: its list row, buyer email, line items and audit trail (in the order recorded). */
    record Details(BillingInvoice invoice, Optional<String> buyerEmail, List<InvoiceLineItem> lineItems,
            List<AuditEntry> auditTrail) {
    }

    /**
     * One thing that happened to an invoice's online payment.
     *
     * @param actor             the user who asked, or "Stripe"
     * @param paymentLinkId     the Stripe payment link, once created
     * @param checkoutSessionId the Stripe Checkout Session that paid
     * @param stripeEventId     the Stripe webhook event that reported it
     * @param detail            a failure's reason, an amount paid
     */
    record AuditEntry(Instant occurredAt, AuditAction action, String actor, Optional<String> paymentLinkId,
            Optional<String> checkoutSessionId, Optional<String> stripeEventId, Optional<String> detail) {
    }

    /** What an audit entry records about an invoice's online payment. */
    enum AuditAction {
        LINK_REQUESTED, LINK_CREATED, LINK_FAILED, PAID, ADDITIONAL_PAYMENT,
        // after-payment activity (see events.PaymentActivity)
        PAYMENT_DIFFERS, REFUNDED, PARTIALLY_REFUNDED, REFUND_REVERSED, DISPUTED, DISPUTE_WON, DISPUTE_LOST,
        PAYMENT_FAILED,
        /** A link the merchant never saw (an orphan of an uncertain attempt) was deactivated at Stripe. */
        ORPHAN_LINK_DEACTIVATED
    }
}
