package com.merchantbilling.invoicing.onlinepayments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.merchantbilling.invoicing.InvoiceId;

/**
 * What the payments module tells invoicing about an invoice's online payment. Invoices are found by id
 * alone here: these calls come from Stripe's side, which knows our invoice ids and link ids only.
 */
public interface OnlinePayments {

    /** The invoice's request as it stands now: its organization, amount and status, if it exists. */
    Optional<BillingInvoiceReference> find(InvoiceId invoice);

    /**
     * Records the link Stripe created for the given request attempt: the invoice becomes Pending Payment.
     * Recording the same link again changes nothing; a different link for an invoice that has one is not
     * recorded ({@link PaymentLinkRecording#ANOTHER_LINK_RECORDED}: an orphan). A link of an earlier attempt is
     * still recorded while the invoice has none, because Stripe made it and losing it would leave a second
     * payable link once the current attempt answers; the current attempt's link then is the orphan.
     */
    default PaymentLinkRecording recordPaymentLink(InvoiceId invoice, int attempt, String paymentLinkId,
            String paymentLinkUrl) {
        return recordPaymentLink(invoice, attempt, paymentLinkId, paymentLinkUrl, Optional.empty());
    }

    /**
     * As {@link #recordPaymentLink(InvoiceId, int, String, String)}, with the connected Stripe account the link was
     * created on (empty: the platform account), kept with the link so that its payments are matched and
     * reconciled on that account even after the organization changed its own.
     */
    PaymentLinkRecording recordPaymentLink(InvoiceId invoice, int attempt, String paymentLinkId,
            String paymentLinkUrl, Optional<String> stripeAccount);

    /**
     * Records why Stripe refused the link of the given attempt. Ignored ({@link PaymentLinkRecording#STALE}) when
     * the invoice has moved on to a later attempt, has a link by now or is no longer waiting for one.
     */
    PaymentLinkRecording recordPaymentLinkFailure(InvoiceId invoice, int attempt, String reason);

    /** The attempt of the invoice's current link request (0 if none was ever made), if the invoice exists. */
    java.util.OptionalInt paymentLinkAttempt(InvoiceId invoice);

    /**
     * Moves a link request whose outcome at Stripe stayed unknown to the next attempt (the next idempotency
     * key), fenced: only if the invoice is still waiting for the link of {@code attempt}.
     *
     * @return the new attempt, empty if the invoice moved on meanwhile
     */
    java.util.OptionalInt nextPaymentLinkAttempt(InvoiceId invoice, int attempt);

    /**
     * Audits that an orphan link of the invoice (see {@link PaymentLinkRecording#ANOTHER_LINK_RECORDED}) was
     * deactivated at Stripe.
     *
     * @throws IllegalArgumentException if that is the invoice's recorded link, which is never deactivated
     */
    void recordOrphanPaymentLinkDeactivated(InvoiceId invoice, int attempt, String paymentLinkId);

    /** The invoice a Stripe payment link belongs to, if it is one of ours. */
    Optional<BillingInvoiceReference> findByPaymentLink(String paymentLinkId);

    /**
     * Records a payment Stripe reported through the invoice's own link (the caller matched it). The billed
     * amount or more in the billed currency makes the invoice Paid (also straight from Creating Link or Link
     * Failed, when Stripe's report overtakes the recording of the link), and it never goes back; more is
     * flagged. Less, or another currency, is kept and flagged "Payment differs" and the invoice is not Paid.
     * The same Checkout Session (or payment intent) reported again changes nothing; a further session for a
     * Paid invoice is kept and flagged.
     *
     * @throws IllegalArgumentException when there is no such invoice
     */
    PaymentOutcome recordPayment(InvoiceId invoice, ReceivedPayment payment);

    /**
     * Invoices waiting for payment whose link was recorded before the given moment, in id order after
     * {@code after}: the candidates for asking Stripe about a payment whose webhook never arrived.
     */
    List<BillingInvoiceReference> findPendingPayment(Instant linkCreatedBefore, Optional<InvoiceId> after,
            int limit);

    /**
     * The Stripe accounts that links waiting for payment (Pending Payment) were created on, each once (empty: the
     * platform's own account): whose events the search for missed webhooks lists. The account stored with the
     * link, not the organization's current one, so a link made before an account change is still looked for where
     * its buyer pays. One scan of the Pending Payment rows, no invoice loaded.
     */
    java.util.Set<Optional<String>> stripeAccountsWithPendingPayment();
    /**
     * Takes what Stripe reported about the charge of a payment we recorded (a refund, a dispute, or the charge
     * as retrieved), found by the payment intent of the recorded Checkout Session, never by metadata. Safe to
     * repeat and to receive out of order: an older report than the one taken changes nothing.
     */
    AfterPaymentOutcome recordCharge(ChargeReport report);

    /**
     * A declined or failed attempt to pay the invoice, for the audit trail and the Payment failed flag; a
     * Paid invoice ignores it.
     */
    AfterPaymentOutcome recordPaymentFailure(InvoiceId invoice, Instant at, String reason, String stripeObject,
            Optional<String> stripeEventId);

    /** The payment intents of the invoice's recorded payments, oldest first: what reconciliation asks about. */
    List<String> recordedPaymentIntents(InvoiceId invoice);
}
