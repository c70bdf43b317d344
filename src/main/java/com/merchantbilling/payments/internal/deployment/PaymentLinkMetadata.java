package com.merchantbilling.payments.internal.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/**
 * What we write into a payment link's {@code metadata} and its {@code payment_intent_data.metadata}, and read
 * back from a link, a Checkout Session or a payment intent. Stripe copies a link's metadata onto the Checkout
 * Sessions made from it, and payment_intent_data.metadata onto the payment intent and so onto its charges,
 * refunds and disputes (Stripe API reference, "Payment Links: create", metadata and payment_intent_data).
 * <p>
 * The keys are namespaced ({@code merchant_billing_*}) because other integrations on the same Stripe account
 * use generic keys such as {@code invoice_id}, and every value names the deployment, so one deployment never
 * takes another's link or payment for its own. Metadata is only ever used to recognise a link as ours: a
 * session's metadata alone never pays an invoice (see the checkout matching).
 *
 * @param attempt the link request attempt that created the link; fences a stale attempt's answer
 */
public record PaymentLinkMetadata(DeploymentId deployment, OrganizationId organization, InvoiceId invoice,
        int attempt) {

    public static final String DEPLOYMENT = "merchant_billing_deployment";
    public static final String ORGANIZATION = "merchant_billing_organization";
    public static final String INVOICE = "merchant_billing_invoice";
    public static final String ATTEMPT = "merchant_billing_attempt";

    public PaymentLinkMetadata {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(invoice, "invoice");
        if (attempt < 1) {
            throw new IllegalArgumentException("An attempt counts from 1, got " + attempt);
        }
    }

    /** The metadata entries, in a stable order. */
    public Map<String, String> toMap() {
        var map = new LinkedHashMap<String, String>();
        map.put(DEPLOYMENT, deployment.value());
        map.put(ORGANIZATION, Long.toString(organization.value()));
        map.put(INVOICE, Long.toString(invoice.value()));
        map.put(ATTEMPT, Integer.toString(attempt));
        return map;
    }

    /** Our metadata, if all four entries are there and readable; anything else is not ours. */
    public static Optional<PaymentLinkMetadata> from(Map<String, String> metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PaymentLinkMetadata(new DeploymentId(metadata.get(DEPLOYMENT)),
                    new OrganizationId(Long.parseLong(require(metadata, ORGANIZATION))),
                    new InvoiceId(Long.parseLong(require(metadata, INVOICE))),
                    Integer.parseInt(require(metadata, ATTEMPT))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when this metadata was written by the given deployment for the given invoice of the organization. */
    public boolean isFor(DeploymentId ourDeployment, OrganizationId ourOrganization, InvoiceId ourInvoice) {
        return deployment.equals(ourDeployment) && organization.equals(ourOrganization) && invoice.equals(ourInvoice);
    }

    private static String require(Map<String, String> metadata, String key) {
        var value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value.strip();
    }
}
