package com.merchantbilling.payments.internal.reconciliation;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.merchantbilling.invoicing.onlinepayments.BillingInvoiceReference;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.PaymentReconciliation;
import com.merchantbilling.payments.PaymentReconciliationException;
import com.merchantbilling.payments.ReconciliationResult;
import com.merchantbilling.payments.internal.checkout.AfterPaymentEvents;
import com.merchantbilling.payments.internal.checkout.CheckoutOutcome;
import com.merchantbilling.payments.internal.checkout.CheckoutPayments;
import com.merchantbilling.payments.internal.checkout.CompletedCheckout;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeCaller;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Dispute;
import com.stripe.model.checkout.Session;
import com.stripe.param.DisputeListParams;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.checkout.SessionListParams;

/**
 * Check Payment: what Stripe knows about one invoice's link, asked per invoice. The scheduled search for missed
 * webhooks lists Stripe's events instead ({@link StripeEventCatchUp}): a call per page of events, not per link.
 * Not transactional: no database transaction stays open across a Stripe call; each session applies in its own.
 */
@Service
class PaymentReconciliationService implements PaymentReconciliation {

    /** A payment link is paid once, rarely twice; this bounds a runaway listing. */
    static final int MAX_SESSIONS = 1000;

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliationService.class);

    private final StripeClient stripe;
    private final OnlinePayments onlinePayments;
    private final Organizations organizations;
    private final CheckoutPayments checkoutPayments;
    private final StripeCallPolicy policy;
    private final AfterPaymentEvents afterPayment;

    PaymentReconciliationService(StripeClient stripe, OnlinePayments onlinePayments, Organizations organizations,
            CheckoutPayments checkoutPayments, StripeCallPolicy policy, AfterPaymentEvents afterPayment) {
        this.afterPayment = afterPayment;
        this.stripe = stripe;
        this.policy = policy;
        this.onlinePayments = onlinePayments;
        this.organizations = organizations;
        this.checkoutPayments = checkoutPayments;
    }

    @Override
    public Optional<ReconciliationResult> reconcile(OrganizationId organization, InvoiceId invoice) {
        return onlinePayments.find(invoice)
                .filter(found -> found.organizationId().equals(organization))
                // a merchant clicked Check Payment and waits: no queueing behind bulk runs
                .map(found -> reconcile(found, true));
    }

    private ReconciliationResult reconcile(BillingInvoiceReference invoice, boolean interactive) {
        if (invoice.paymentLinkId().isEmpty()) {
            return new ReconciliationResult(invoice.id(), 0, 0, invoice.onlinePayment());
        }
        // where the link was created (V24), whatever account the organization has now: the link's sessions and
        // payment intents exist only there, and Stripe finds them only with that Stripe-Account header
        var account = invoice.paymentLinkStripeAccount();
        var options = RequestOptions.builder();
        account.ifPresent(options::setStripeAccount);
        var caller = new StripeCaller(account, java.util.Optional.of(invoice.organizationId()), interactive);
        var params = sessionsOf(invoice.paymentLinkId().get(), null);
        int completed = 0;
        int recorded = 0;
        var requestOptions = options.build();
        try {
            // every page a call of its own through the budget: stripe-java's auto-paging would send the next
            // pages around it. A link is paid once, rarely twice: a second page is rare
            var page = policy.call(caller, () -> stripe.v1().checkout().sessions().list(params, requestOptions));
            listing:
            while (true) {
                for (Session session : page.getData()) {
                    var outcome = checkoutPayments.apply(CompletedCheckout.of(session, account, paidAt(session),
                            Optional.empty()));
                    completed++;
                    if (outcome == CheckoutOutcome.PAID || outcome == CheckoutOutcome.PAID_AMOUNT_DIFFERS
                            || outcome == CheckoutOutcome.PAYMENT_DIFFERS
                            || outcome == CheckoutOutcome.ADDITIONAL_PAYMENT) {
                        recorded++;
                    }
                    if (completed >= MAX_SESSIONS) {
                        log.warn("Invoice {} has {}+ completed sessions; stopped listing", invoice.id(), MAX_SESSIONS);
                        break listing;
                    }
                }
                if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
                    break;
                }
                var next = sessionsOf(invoice.paymentLinkId().get(), page.getData().getLast().getId());
                page = policy.call(caller, () -> stripe.v1().checkout().sessions().list(next, requestOptions));
            }
            reconcileCharges(invoice, requestOptions, caller);
        } catch (StripeException e) {
            throw new PaymentReconciliationException("Stripe could not be asked about the payments of invoice "
                    + invoice.invoiceNumber() + ": " + StripeCallPolicy.describe(e), e);
        }
        if (recorded > 0) {
            log.info("Reconciliation recorded {} payment(s) for invoice {} that no webhook delivered", recorded,
                    invoice.id());
        }
        var after = onlinePayments.find(invoice.id()).map(BillingInvoiceReference::onlinePayment)
                .orElse(invoice.onlinePayment());
        return new ReconciliationResult(invoice.id(), completed, recorded, after);
    }

    /**
     * Refunds and disputes of the recorded payments: one call per payment (an invoice has one, rarely two),
     * GET /v1/payment_intents/{id} with expand[]=latest_charge (Stripe API reference, "Retrieve a
     * PaymentIntent", latest_charge is expandable), whose amount_refunded goes through the same path as
     * charge.refunded. The time is now: a fresh retrieval is newer than any webhook already taken. A
     * charge carries only {@code disputed}, not the dispute or its status, so a disputed charge costs one
     * more call: GET /v1/disputes?payment_intent= (Stripe API reference, "List all disputes", filters
     * charge and payment_intent), each dispute applied as charge.dispute.created/closed would be.
     */
    private void reconcileCharges(BillingInvoiceReference invoice, RequestOptions requestOptions, StripeCaller caller)
            throws StripeException {
        var params = PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build();
        for (String intentId : onlinePayments.recordedPaymentIntents(invoice.id())) {
            com.stripe.model.PaymentIntent intent;
            try {
                intent = policy.call(caller, () -> stripe.v1().paymentIntents().retrieve(intentId, params, requestOptions));
            } catch (com.stripe.exception.InvalidRequestException e) {
                if (e.getStatusCode() == null || e.getStatusCode() != 404) {
                    throw e;
                }
                // the payments found above stay recorded; this payment's refunds are just not known here
                log.warn("Reconciliation of invoice {}: Stripe does not know payment intent {} on this account",
                        invoice.id(), intentId);
                continue;
            }
            var charge = intent.getLatestChargeObject();
            if (charge != null) {
                var outcome = afterPayment.charge(charge, Instant.now(), Optional.empty());
                log.info("Reconciliation of invoice {}: charge {} of payment intent {}: {}", invoice.id(),
                        charge.getId(), intentId, outcome);
                if (Boolean.TRUE.equals(charge.getDisputed())) {
                    reconcileDisputes(invoice, intentId, requestOptions, caller);
                }
            }
        }
    }

    private void reconcileDisputes(BillingInvoiceReference invoice, String intentId, RequestOptions requestOptions,
            StripeCaller caller) throws StripeException {
        // a charge is disputed once, rarely twice (an inquiry, then a chargeback): one page is plenty
        var params = DisputeListParams.builder().setPaymentIntent(intentId).setLimit(10L).build();
        for (Dispute dispute : policy.call(caller, () -> stripe.v1().disputes().list(params, requestOptions)).getData()) {
            var outcome = afterPayment.dispute(dispute, Instant.now(), Optional.empty());
            log.info("Reconciliation of invoice {}: dispute {} ({}) of payment intent {}: {}", invoice.id(),
                    dispute.getId(), dispute.getStatus(), intentId, outcome);
        }
    }

    private static SessionListParams sessionsOf(String paymentLink, String startingAfter) {
        var params = SessionListParams.builder()
                .setPaymentLink(paymentLink)
                .setStatus(SessionListParams.Status.COMPLETE)
                .setLimit(100L);
        if (startingAfter != null) {
            params.setStartingAfter(startingAfter);
        }
        return params.build();
    }

    /**
     * A session has no payment time of its own; its creation is when the buyer opened checkout, at most
     * the session's lifetime (24 h) before paying. The webhook path uses the event's time.
     */
    private static Instant paidAt(Session session) {
        return session.getCreated() != null ? Instant.ofEpochSecond(session.getCreated()) : Instant.now();
    }
}
