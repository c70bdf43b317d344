package com.merchantbilling.payments.internal.checkout;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.BillingInvoiceReference;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.OnlinePayments;
import com.merchantbilling.invoicing.ReceivedPayment;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.Organizations;

/**
 * Applies a completed Checkout Session to the invoice it pays. The webhook and reconciliation both come
 * here, so a payment reported both ways is recorded once (invoicing keeps one row per session).
 */
@Service
public class CheckoutPayments {

    private static final Logger log = LoggerFactory.getLogger(CheckoutPayments.class);

    private final OnlinePayments onlinePayments;
    private final Organizations organizations;

    CheckoutPayments(OnlinePayments onlinePayments, Organizations organizations) {
        this.onlinePayments = onlinePayments;
        this.organizations = organizations;
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
        var expectedAccount = organizations.find(invoice.get().organizationId()).flatMap(Organization::stripeAccountId);
        // a connected account can make its own sessions with any metadata: it may only pay its own invoices
        if (checkout.account().isPresent() && !checkout.account().equals(expectedAccount)) {
            log.warn("Ignored Checkout Session {}: account {} is not the account of invoice {}'s organization",
                    checkout.sessionId(), checkout.account().get(), invoice.get().id());
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
                checkout.stripeEventId())));
        switch (outcome) {
            case PAID_AMOUNT_DIFFERS -> log.warn("Invoice {} paid {} instead of {} (Checkout Session {})",
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
     * By the link first. The metadata is the fallback for a payment that overtook the recording of its link;
     * it is accepted only for an invoice whose link was requested and no other link recorded, so that
     * another integration's "invoice_id" on the same Stripe account cannot pay an arbitrary invoice.
     */
    private Optional<BillingInvoiceReference> invoiceOf(CompletedCheckout checkout) {
        var byLink = checkout.paymentLinkId().flatMap(onlinePayments::findByPaymentLink);
        if (byLink.isPresent()) {
            return byLink;
        }
        return checkout.invoiceId()
                .flatMap(CheckoutPayments::parseInvoiceId)
                .flatMap(onlinePayments::find)
                .filter(invoice -> invoice.paymentLinkId().isEmpty()
                        ? invoice.onlinePayment() != OnlinePaymentStatus.NOT_CREATED
                        : invoice.paymentLinkId().equals(checkout.paymentLinkId()));
    }

    private static Optional<InvoiceId> parseInvoiceId(String value) {
        try {
            return Optional.of(new InvoiceId(Long.parseLong(value.strip())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
