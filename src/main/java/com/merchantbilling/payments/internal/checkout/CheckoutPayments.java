package com.merchantbilling.payments.internal.checkout;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.onlinepayments.BillingInvoiceReference;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.onlinepayments.PaymentLinkRecording;
import com.merchantbilling.invoicing.onlinepayments.ReceivedPayment;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.internal.deployment.DeploymentId;
import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeCaller;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentLink;
import com.stripe.net.RequestOptions;

/**
 * Applies a completed Checkout Session to the invoice it pays. The webhook and reconciliation both come
 * here, so a payment reported both ways is recorded once (invoicing keeps one row per session).
 */
@Service
public class CheckoutPayments {

    private static final Logger log = LoggerFactory.getLogger(CheckoutPayments.class);

    private final OnlinePayments onlinePayments;
    private final Organizations organizations;
    private final StripeClient stripe;
    private final StripeCallPolicy policy;
    private final DeploymentId deploymentId;

    CheckoutPayments(OnlinePayments onlinePayments, Organizations organizations, StripeClient stripe,
            StripeCallPolicy policy, DeploymentId deploymentId) {
        this.onlinePayments = onlinePayments;
        this.organizations = organizations;
        this.stripe = stripe;
        this.policy = policy;
        this.deploymentId = deploymentId;
    }

    @Transactional
    public CheckoutOutcome apply(CompletedCheckout checkout) {
        if (checkout.sessionId() == null || checkout.sessionId().isBlank()) {
            return CheckoutOutcome.IGNORED_UNREADABLE;
        }
        if (!checkout.paid()) {
            return CheckoutOutcome.IGNORED_NOT_PAID;
        }
        var invoice = invoiceOf(checkout);
        if (invoice.isEmpty()) {
            return CheckoutOutcome.IGNORED_UNKNOWN_LINK;
        }
        // the account the invoice's link was created on (V24), not the organization's current one: after an
        // account change, the buyer still pays on the old account's link
        var expectedAccount = invoice.get().paymentLinkStripeAccount();
        // a connected account can make its own sessions with any metadata: it may only pay its own invoices
        if (checkout.account().isPresent() && !checkout.account().equals(expectedAccount)) {
            log.warn("Ignored Checkout Session {}: account {} is not the account invoice {}'s link was created on",
                    checkout.sessionId(), checkout.account().orElse("(platform)"), invoice.get().id());
            return CheckoutOutcome.IGNORED_WRONG_ACCOUNT;
        }
        var amount = amountOf(checkout);
        if (amount.isEmpty()) {
            log.warn("Ignored Checkout Session {} for invoice {}: unreadable amount {} {}", checkout.sessionId(),
                    invoice.get().id(), checkout.amountTotal(), checkout.currency());
            return CheckoutOutcome.IGNORED_UNREADABLE;
        }
        var outcome = CheckoutOutcome.of(onlinePayments.recordPayment(invoice.get().id(), new ReceivedPayment(
                checkout.sessionId(), checkout.paymentLinkId(), amount.get(), checkout.paidAt(),
                checkout.stripeEventId(), checkout.paymentIntentId())));
        switch (outcome) {
            case PAID_AMOUNT_DIFFERS -> log.warn("Invoice {} paid {}, more than {} (Checkout Session {})",
                    invoice.get().id(), amount.get(), invoice.get().billingAmount(), checkout.sessionId());
            case PAYMENT_DIFFERS -> log.warn("Invoice {} paid {} instead of {} (Checkout Session {}): not Paid, to review",
                    invoice.get().id(), amount.get(), invoice.get().billingAmount(), checkout.sessionId());
            case ADDITIONAL_PAYMENT -> log.warn("Invoice {} was paid again (Checkout Session {}): {} to refund or explain",
                    invoice.get().id(), checkout.sessionId(), amount.get());
            case NOT_PAYABLE -> log.warn("Checkout Session {} names invoice {}, which never had a payment link",
                    checkout.sessionId(), invoice.get().id());
            default -> log.info("Checkout Session {} for invoice {}: {}", checkout.sessionId(), invoice.get().id(),
                    outcome);
        }
        return outcome;
    }

    /**
     * The invoice whose recorded payment link the session was opened from. A session's own metadata never
     * pays: anyone with the Stripe account (another integration, a connected account, a Dashboard user) can
     * make a session with any metadata. The one exception is the crash window, when Stripe made our link but
     * we did not record it yet (Creating Link, or Link Failed after a timeout): then the link itself, as
     * Stripe returns it, must carry our metadata for that invoice, written by this deployment; the link is
     * then recorded for the invoice before its payment.
     */
    private Optional<BillingInvoiceReference> invoiceOf(CompletedCheckout checkout) {
        if (checkout.paymentLinkId().isEmpty()) {
            return Optional.empty();
        }
        var linkId = checkout.paymentLinkId().get();
        var byLink = onlinePayments.findByPaymentLink(linkId);
        if (byLink.isPresent()) {
            return byLink;
        }
        var link = retrieveLink(linkId, checkout.account());
        if (link.isEmpty()) {
            return Optional.empty();
        }
        var ours = PaymentLinkMetadata.from(link.get().getMetadata());
        if (ours.isEmpty() || !ours.get().deployment().equals(deploymentId)) {
            return Optional.empty();
        }
        var invoice = onlinePayments.find(ours.get().invoice())
                .filter(found -> ours.get().isFor(deploymentId, found.organizationId(), found.id()))
                .filter(found -> found.paymentLinkId().isEmpty())
                .filter(found -> found.onlinePayment() == OnlinePaymentStatus.LINK_REQUESTED
                        || found.onlinePayment() == OnlinePaymentStatus.LINK_FAILED);
        if (invoice.isEmpty()) {
            log.warn("Checkout Session {}: payment link {} names invoice {}, which is not waiting for its link",
                    checkout.sessionId(), linkId, ours.get().invoice());
            return Optional.empty();
        }
        if (!accountMatches(checkout, invoice.get())) {
            log.warn("Checkout Session {}: payment link {} on account {} is not on invoice {}'s organization's account",
                    checkout.sessionId(), linkId, checkout.account().orElse("(platform)"), invoice.get().id());
            return Optional.empty();
        }
        log.info("Checkout Session {} overtook the recording of payment link {} for invoice {}: recording it now",
                checkout.sessionId(), linkId, invoice.get().id());
        // under the invoice's row lock (this transaction): if another attempt's link was recorded meanwhile, the
        // buyer paid through an orphan; the money is real but not this invoice's link, so it is left for review
        var recording = onlinePayments.recordPaymentLink(invoice.get().id(), ours.get().attempt(), linkId,
                link.get().getUrl(), checkout.account());
        if (recording != PaymentLinkRecording.RECORDED && recording != PaymentLinkRecording.ALREADY_RECORDED) {
            log.error("Checkout Session {} paid through payment link {}, which invoice {} did not take ({}): "
                    + "review the payment in Stripe", checkout.sessionId(), linkId, invoice.get().id(), recording);
            return Optional.empty();
        }
        return onlinePayments.find(invoice.get().id());
    }

    /**
     * GET /v1/payment_links/{id} on the session's account (Stripe API reference, "Retrieve a payment link";
     * a connected account's link is only found with its Stripe-Account header). Unknown there (404) means
     * not ours; any other failure is thrown, so the event stays unprocessed and is tried again.
     */
    private Optional<PaymentLink> retrieveLink(String linkId, Optional<String> account) {
        var options = RequestOptions.builder();
        account.ifPresent(options::setStripeAccount);
        var requestOptions = options.build();
        try {
            return Optional.of(policy.call(new StripeCaller(account, Optional.empty(), false),
                    () -> stripe.v1().paymentLinks().retrieve(linkId, requestOptions)));
        } catch (InvalidRequestException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new IllegalStateException("Stripe could not return payment link " + linkId + ": "
                    + StripeCallPolicy.describe(e), e);
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe could not return payment link " + linkId + ": "
                    + StripeCallPolicy.describe(e), e);
        }
    }

    private boolean accountMatches(CompletedCheckout checkout, BillingInvoiceReference invoice) {
        var expected = organizations.find(invoice.organizationId()).flatMap(Organization::stripeAccountId);
        return checkout.account().isEmpty() ? expected.isEmpty() : checkout.account().equals(expected);
    }

    /** Stripe's units equal ISO minor units for every currency we create links in (see StripeCurrencies). */
    private static Optional<Money> amountOf(CompletedCheckout checkout) {
        if (checkout.amountTotal() == null || checkout.currency() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Money.of(checkout.amountTotal(), checkout.currency()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
