package com.merchantbilling.payments.internal.links;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.modulith.events.ApplicationModuleListener;

import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.OnlinePayments;
import com.merchantbilling.invoicing.PaymentLinkRequested;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeCurrencies.UnsupportedCurrencyException;
import com.stripe.exception.StripeException;

/**
 * Turns each {@link PaymentLinkRequested} into a Stripe payment link. Runs after the request's commit,
 * outside any transaction (no database connection is held while Stripe answers). A transient failure
 * leaves the event publication incomplete, to be resubmitted with the same idempotency key; a permanent
 * one fails that invoice alone, with Stripe's reason.
 */
@Component
class PaymentLinkCreation {

    private static final Logger log = LoggerFactory.getLogger(PaymentLinkCreation.class);
    static final String NOT_SUBSCRIBED = "The organization is not subscribed to the "
            + AddOn.STRIPE_CREDIT_CARD_PAYMENT.label();

    private final StripePaymentLinks stripe;
    private final OnlinePayments onlinePayments;
    private final AddOnSubscriptions addOns;
    private final Organizations organizations;

    PaymentLinkCreation(StripePaymentLinks stripe, OnlinePayments onlinePayments, AddOnSubscriptions addOns,
            Organizations organizations) {
        this.stripe = stripe;
        this.onlinePayments = onlinePayments;
        this.addOns = addOns;
        this.organizations = organizations;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentLinkRequested request) throws StripeException {
        var invoice = onlinePayments.find(request.invoiceId()).orElse(null);
        if (invoice == null || invoice.paymentLinkId().isPresent()
                || invoice.onlinePayment() != OnlinePaymentStatus.LINK_REQUESTED) {
            // deleted since, or a redelivery of a request that was already answered
            return;
        }
        if (!addOns.isActive(request.organizationId(), AddOn.STRIPE_CREDIT_CARD_PAYMENT)) {
            onlinePayments.recordPaymentLinkFailure(request.invoiceId(), NOT_SUBSCRIBED);
            return;
        }
        var account = organizations.find(request.organizationId()).flatMap(Organization::stripeAccountId);
        try {
            var link = stripe.create(request, account);
            onlinePayments.recordPaymentLink(request.invoiceId(), link.getId(), link.getUrl());
        } catch (UnsupportedCurrencyException e) {
            onlinePayments.recordPaymentLinkFailure(request.invoiceId(), e.getMessage());
        } catch (StripeException e) {
            if (StripeCallPolicy.isTransient(e)) {
                log.warn("Payment link for invoice {} not created yet, will be retried: {}", request.invoiceId(),
                        StripeCallPolicy.describe(e));
                throw e;
            }
            log.info("Stripe refused the payment link for invoice {}: {}", request.invoiceId(),
                    StripeCallPolicy.describe(e));
            onlinePayments.recordPaymentLinkFailure(request.invoiceId(), StripeCallPolicy.describe(e));
        }
    }
}
