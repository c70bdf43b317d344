package com.merchantbilling.payments.internal.links;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.PaymentLinkRequested;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeCurrencies;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentLink;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentLinkCreateParams;
import com.stripe.param.PaymentLinkCreateParams.LineItem;
import com.stripe.param.PaymentLinkCreateParams.LineItem.PriceData;
import com.stripe.param.PaymentLinkCreateParams.LineItem.PriceData.ProductData;
import com.stripe.param.PaymentLinkCreateParams.PaymentIntentData;
import com.stripe.param.PaymentLinkCreateParams.PaymentMethodType;
import com.stripe.param.PaymentLinkCreateParams.Restrictions;
import com.stripe.param.PaymentLinkCreateParams.Restrictions.CompletedSessions;

/** Creates an invoice's card-only, single-use payment link at Stripe. */
@Component
class StripePaymentLinks {

    static final String INVOICE_ID = "invoice_id";

    private final StripeClient stripe;
    private final StripeCallPolicy policy;

    StripePaymentLinks(StripeClient stripe, StripeCallPolicy policy) {
        this.stripe = stripe;
        this.policy = policy;
    }

    PaymentLink create(PaymentLinkRequested request, Optional<String> connectedAccount) throws StripeException {
        var params = parameters(request);
        var options = RequestOptions.builder().setIdempotencyKey(idempotencyKey(request));
        connectedAccount.ifPresent(options::setStripeAccount);
        var requestOptions = options.build();
        return policy.call(() -> stripe.v1().paymentLinks().create(params, requestOptions));
    }

    /**
     * Fixed per invoice and request attempt: a retry, a redelivered event or a resubmission after a crash
     * gets Stripe's first answer back instead of a second link.
     */
    static String idempotencyKey(PaymentLinkRequested request) {
        return "merchant-billing-payment-link-" + request.invoiceId().value() + "-" + request.attempt();
    }

    static PaymentLinkCreateParams parameters(PaymentLinkRequested request) {
        var amount = request.billingAmount();
        var invoiceId = Long.toString(request.invoiceId().value());
        return PaymentLinkCreateParams.builder()
                .addLineItem(LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(PriceData.builder()
                                .setCurrency(StripeCurrencies.code(amount.currency()))
                                .setUnitAmount(StripeCurrencies.toStripeAmount(amount.minorUnits(), amount.currency()))
                                .setProductData(ProductData.builder()
                                        .setName("Invoice " + request.invoiceNumber() + " for " + request.buyerName())
                                        .build())
                                .build())
                        .build())
                .addPaymentMethodType(PaymentMethodType.CARD)
                .setRestrictions(Restrictions.builder()
                        .setCompletedSessions(CompletedSessions.builder().setLimit(1L).build())
                        .build())
                .putMetadata(INVOICE_ID, invoiceId)
                .putMetadata("invoice_number", request.invoiceNumber())
                .putMetadata("organization_id", request.organizationId().toString())
                .setPaymentIntentData(PaymentIntentData.builder().putMetadata(INVOICE_ID, invoiceId).build())
                .build();
    }
}
