package com.merchantbilling.payments.internal.links;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.internal.deployment.DeploymentId;
import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeCaller;
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
import com.stripe.param.PaymentLinkListParams;
import com.stripe.param.PaymentLinkUpdateParams;

/**
 * An invoice's card-only, single-use payment links at Stripe: creating one per request attempt, finding the ones
 * an attempt may have created when its answer was lost, and deactivating orphans. Every call goes through
 * {@link StripeCallPolicy} (the cluster-wide budget, on the organization's turn).
 */
@Component
class StripePaymentLinks {

    /** A page of Stripe's list, at most 100 (Stripe API reference, "List all payment links", limit). */
    private static final long PAGE_SIZE = 100;

    private final StripeClient stripe;
    private final StripeCallPolicy policy;
    private final DeploymentId deployment;

    StripePaymentLinks(StripeClient stripe, StripeCallPolicy policy, DeploymentId deployment) {
        this.stripe = stripe;
        this.policy = policy;
        this.deployment = deployment;
    }

    PaymentLink create(PaymentLinkRequested request, int attempt, Optional<String> connectedAccount)
            throws StripeException {
        var params = parameters(request, metadata(request, attempt));
        var options = options(connectedAccount).setIdempotencyKey(idempotencyKey(deployment, request.invoiceId(),
                attempt)).build();
        return policy.callWithKey(StripeCaller.background(request.organizationId(), connectedAccount),
                () -> stripe.v1().paymentLinks().create(params, options));
    }

    /**
     * Our links for the invoice (this deployment, organization and invoice in the metadata), newest first, among
     * the account's newest {@code maxPages} pages of links. Stripe's list ("List all payment links": active,
     * limit, starting_after, ending_before) has no filter by metadata or date, and a payment link object has no
     * {@code created} (stripe-java 33.3.0's PaymentLink has no such field), so "back to the request's time" is
     * bounded by pages: the link looked for was made moments ago and sits near the top, behind at most the
     * links made since (a bulk request makes at most 100).
     */
    List<PaymentLink> findOurs(OrganizationId organization, InvoiceId invoice, Optional<String> connectedAccount,
            int maxPages) throws StripeException {
        var options = options(connectedAccount).build();
        var found = new ArrayList<PaymentLink>();
        String after = null;
        for (int page = 0; page < maxPages; page++) {
            var params = PaymentLinkListParams.builder().setLimit(PAGE_SIZE);
            if (after != null) {
                params.setStartingAfter(after);
            }
            var listParams = params.build();
            var list = policy.call(StripeCaller.background(organization, connectedAccount),
                    () -> stripe.v1().paymentLinks().list(listParams, options));
            for (var link : list.getData()) {
                if (PaymentLinkMetadata.from(link.getMetadata())
                        .filter(ours -> ours.isFor(deployment, organization, invoice)).isPresent()) {
                    found.add(link);
                }
            }
            if (!Boolean.TRUE.equals(list.getHasMore()) || list.getData().isEmpty()) {
                return found;
            }
            after = list.getData().getLast().getId();
        }
        return found;
    }

    /**
     * Deactivates a link (Stripe has no delete for payment links; an inactive one cannot be paid). Setting
     * active=false again is harmless, so the call goes without an idempotency key: a 500 is then not saved and
     * retrying it can succeed.
     */
    PaymentLink deactivate(String paymentLinkId, Optional<String> connectedAccount) throws StripeException {
        var params = PaymentLinkUpdateParams.builder().setActive(false).build();
        var options = options(connectedAccount).build();
        return policy.call(new StripeCaller(connectedAccount, Optional.empty(), false),
                () -> stripe.v1().paymentLinks().update(paymentLinkId, params, options));
    }

    PaymentLinkMetadata metadata(PaymentLinkRequested request, int attempt) {
        return new PaymentLinkMetadata(deployment, request.organizationId(), request.invoiceId(), attempt);
    }

    DeploymentId deployment() {
        return deployment;
    }

    private static RequestOptions.RequestOptionsBuilder options(Optional<String> connectedAccount) {
        var options = RequestOptions.builder();
        connectedAccount.ifPresent(options::setStripeAccount);
        return options;
    }

    /**
     * Fixed per deployment, invoice and request attempt: a retry, a redelivered event or a resubmission after a
     * crash gets Stripe's first answer back instead of a second link, and two deployments on one Stripe account
     * (keys are account-wide at Stripe) never replay each other's answers. Well under Stripe's 255 characters:
     * the deployment id has at most 40.
     */
    static String idempotencyKey(DeploymentId deployment, InvoiceId invoice, int attempt) {
        return "merchant-billing-" + deployment.value() + "-plink-" + invoice.value() + "-" + attempt;
    }

    /**
     * The link's parameters. Only our namespaced metadata identifies the invoice, on the link (copied to its
     * Checkout Sessions) and in payment_intent_data (copied to the payment intent, its charges, refunds and
     * disputes); invoice_number is there for people reading the Stripe dashboard.
     */
    static PaymentLinkCreateParams parameters(PaymentLinkRequested request, PaymentLinkMetadata metadata) {
        var amount = request.billingAmount();
        var entries = metadata.toMap();
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
                .putAllMetadata(entries)
                .putMetadata("invoice_number", request.invoiceNumber())
                .setPaymentIntentData(PaymentIntentData.builder().putAllMetadata(entries).build())
                .build();
    }
}
