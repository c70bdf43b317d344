package com.merchantbilling.payments.internal.checkout;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.onlinepayments.AfterPaymentOutcome;
import com.merchantbilling.invoicing.onlinepayments.ChargeReport;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.internal.deployment.DeploymentId;
import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;

/**
 * What happens to a payment after it was made: refunds, disputes, failed attempts. The webhook and
 * reconciliation both come here. Refunds and disputes find the invoice through the payment intent of the
 * Checkout Session we recorded (invoice_payments.payment_intent_id), never through metadata: a payment we
 * did not record has nothing to refund. Object shapes as in stripe-java 33.3.0 (API 2026-07-29.dahlia):
 * Charge (amount, amount_refunded, refunded, payment_intent), Refund (amount, charge, payment_intent,
 * status), Dispute (charge, payment_intent, status).
 */
@Service
public class AfterPaymentEvents {

    private static final Logger log = LoggerFactory.getLogger(AfterPaymentEvents.class);

    private final OnlinePayments onlinePayments;
    private final DeploymentId deploymentId;
    private final Organizations organizations;

    AfterPaymentEvents(OnlinePayments onlinePayments, DeploymentId deploymentId, Organizations organizations) {
        this.onlinePayments = onlinePayments;
        this.deploymentId = deploymentId;
        this.organizations = organizations;
    }

    /** charge.refunded, or a charge as reconciliation retrieved it: amount_refunded is cumulative. */
    @Transactional
    public String charge(Charge charge, Instant asOf, Optional<String> eventId) {
        if (charge.getPaymentIntent() == null || charge.getAmountRefunded() == null) {
            return "IGNORED_UNREADABLE";
        }
        return apply(new ChargeReport(charge.getPaymentIntent(), Optional.of(charge.getAmountRefunded()),
                Optional.empty(), Optional.empty(), asOf, eventId));
    }

    /** charge.refund.updated: one refund, its amount and status (pending, succeeded, failed, canceled, ...). */
    @Transactional
    public String refund(Refund refund, Instant asOf, Optional<String> eventId) {
        if (refund.getPaymentIntent() == null || refund.getId() == null || refund.getAmount() == null
                || refund.getStatus() == null) {
            return "IGNORED_UNREADABLE";
        }
        return apply(new ChargeReport(refund.getPaymentIntent(), Optional.empty(),
                Optional.of(new ChargeReport.Refund(refund.getId(), refund.getAmount(), refund.getStatus())),
                Optional.empty(), asOf, eventId));
    }

    /** charge.dispute.created and .closed: the dispute's status (needs_response, ..., won, lost). */
    @Transactional
    public String dispute(Dispute dispute, Instant asOf, Optional<String> eventId) {
        if (dispute.getPaymentIntent() == null || dispute.getId() == null || dispute.getStatus() == null) {
            return "IGNORED_UNREADABLE";
        }
        return apply(new ChargeReport(dispute.getPaymentIntent(), Optional.empty(), Optional.empty(),
                Optional.of(new ChargeReport.Dispute(dispute.getId(), dispute.getStatus())), asOf, eventId));
    }

    /**
     * checkout.session.async_payment_failed: the delayed payment of a session opened from an invoice's
     * recorded link did not arrive. Matched like a payment, by the recorded link only.
     */
    @Transactional
    public String asyncPaymentFailed(Session session, Instant at, Optional<String> eventId) {
        var invoice = Optional.ofNullable(session.getPaymentLink()).flatMap(onlinePayments::findByPaymentLink);
        if (invoice.isEmpty()) {
            return "IGNORED_UNKNOWN_LINK";
        }
        return onlinePayments.recordPaymentFailure(invoice.get().id(), at, "The delayed payment failed",
                session.getId(), eventId).name();
    }

    /**
     * payment_intent.payment_failed: a declined attempt, for the audit trail and the Payment failed flag
     * only (it moves no money and changes no status). A failed attempt has no recorded session to match
     * through, so the payment intent's metadata (payment_intent_data.metadata of our link) must name this
     * deployment and an invoice of the named organization that has a link recorded.
     */
    @Transactional
    public String paymentFailed(PaymentIntent intent, Optional<String> account, Instant at, Optional<String> eventId) {
        var ours = PaymentLinkMetadata.from(intent.getMetadata());
        if (ours.isEmpty()) {
            return "IGNORED_UNKNOWN_LINK";
        }
        var invoice = onlinePayments.find(ours.get().invoice())
                .filter(found -> ours.get().isFor(deploymentId, found.organizationId(), found.id()))
                .filter(found -> found.paymentLinkId().isPresent())
                // a connected account may only report on its own organization's invoices
                .filter(found -> account.equals(found.paymentLinkStripeAccount()));
        if (invoice.isEmpty()) {
            return "IGNORED_UNKNOWN_LINK";
        }
        var error = intent.getLastPaymentError();
        String reason = error == null ? "The payment failed"
                : String.join(": ", java.util.stream.Stream.of(error.getCode(), error.getMessage())
                        .filter(part -> part != null && !part.isBlank()).toList());
        return onlinePayments.recordPaymentFailure(invoice.get().id(), at, reason.isBlank() ? "The payment failed"
                : reason, intent.getId(), eventId).name();
    }

    private String apply(ChargeReport report) {
        var outcome = onlinePayments.recordCharge(report);
        if (outcome == AfterPaymentOutcome.UNKNOWN_PAYMENT) {
            log.info("Stripe reported on payment intent {}, which paid none of our recorded sessions",
                    report.paymentIntentId());
        }
        return outcome.name();
    }
}
