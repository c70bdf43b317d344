package com.merchantbilling.invoicing.internal;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.util.Assert;

import com.merchantbilling.invoicing.AdditionalPaymentReceived;
import com.merchantbilling.invoicing.BillingInvoiceReference;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoicePaid;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkCreated;
import com.merchantbilling.invoicing.PaymentLinkFailed;
import com.merchantbilling.invoicing.PaymentOutcome;
import com.merchantbilling.organizations.OrganizationId;

/** The invoice aggregate. It guards its own rules: a payment link is set once, the status only moves forward. */
@Table("invoices")
class Invoice extends AbstractAggregateRoot<Invoice> {

    @Id
    private Long id;
    private final long organizationId;
    private final String invoiceNumber;
    private final String buyerName;
    private final String buyerEmail;
    private final LocalDate issueDate;
    private final LocalDate dueDate;
    private final long billingAmount;
    private final String currency;
    private OnlinePaymentStatus onlinePaymentStatus;
    private Instant paymentLinkRequestedAt;
    private String paymentLinkRequestedBy;
    private int paymentLinkAttempt;
    private String paymentLinkId;
    private String paymentLinkUrl;
    private Instant paymentLinkCreatedAt;
    private String paymentLinkFailure;
    private final Instant createdAt;
    // set by Spring Data through the fields, not the constructor: null/0 until the invoice is Paid
    private Instant paidAt;
    private Long paidAmount;
    private String paidCurrency;
    private int paymentCount;
    @Version
    private Long version;

    @PersistenceCreator
    Invoice(Long id, long organizationId, String invoiceNumber, String buyerName, String buyerEmail,
            LocalDate issueDate, LocalDate dueDate, long billingAmount, String currency,
            OnlinePaymentStatus onlinePaymentStatus, Instant paymentLinkRequestedAt, String paymentLinkRequestedBy,
            int paymentLinkAttempt, String paymentLinkId,
            String paymentLinkUrl, Instant paymentLinkCreatedAt, String paymentLinkFailure, Instant createdAt,
            Long version) {
        this.id = id;
        this.organizationId = organizationId;
        this.invoiceNumber = invoiceNumber;
        this.buyerName = buyerName;
        this.buyerEmail = buyerEmail;
        this.issueDate = issueDate;
        this.dueDate = dueDate;
        this.billingAmount = billingAmount;
        this.currency = currency;
        this.onlinePaymentStatus = onlinePaymentStatus;
        this.paymentLinkRequestedAt = paymentLinkRequestedAt;
        this.paymentLinkRequestedBy = paymentLinkRequestedBy;
        this.paymentLinkAttempt = paymentLinkAttempt;
        this.paymentLinkId = paymentLinkId;
        this.paymentLinkUrl = paymentLinkUrl;
        this.paymentLinkCreatedAt = paymentLinkCreatedAt;
        this.paymentLinkFailure = paymentLinkFailure;
        this.createdAt = createdAt;
        this.version = version;
    }

    static Invoice issue(long organizationId, NewInvoice invoice, Instant now) {
        Assert.hasText(invoice.invoiceNumber(), "An invoice needs an invoice number");
        Assert.isTrue(invoice.invoiceNumber().strip().length() <= 64, "An invoice number has at most 64 characters");
        Assert.hasText(invoice.buyerName(), "An invoice needs a buyer");
        Assert.notNull(invoice.issueDate(), "An invoice needs an issue date");
        Assert.notNull(invoice.dueDate(), "An invoice needs a due date");
        Assert.isTrue(!invoice.dueDate().isBefore(invoice.issueDate()), "The due date cannot be before the issue date");
        Assert.notNull(invoice.billingAmount(), "An invoice needs a billing amount");
        return new Invoice(null, organizationId, invoice.invoiceNumber().strip(), invoice.buyerName().strip(),
                invoice.buyerEmail(), invoice.issueDate(), invoice.dueDate(), invoice.billingAmount().minorUnits(),
                invoice.billingAmount().currency().getCurrencyCode(), OnlinePaymentStatus.NOT_CREATED, null, null, 0,
                null, null, null, null, now, null);
    }

    /**
     * Records the link Stripe made. A link is set once: the same link again is a no-op (a redelivered
     * event), another link is refused. A link that arrives after a recorded failure still wins, so that
     * no link Stripe made is ever lost.
     */
    void recordPaymentLink(String linkId, String linkUrl, Instant now) {
        Assert.hasText(linkId, "A payment link has an id");
        Assert.hasText(linkUrl, "A payment link has a URL");
        if (paymentLinkId != null) {
            if (!paymentLinkId.equals(linkId)) {
                throw new IllegalStateException("Invoice " + invoiceNumber + " already has payment link "
                        + paymentLinkId + "; refusing " + linkId);
            }
            return;
        }
        if (onlinePaymentStatus == OnlinePaymentStatus.PAID) {
            // the payment overtook the link (see recordPayment): keep the link for reference, stay Paid
            paymentLinkId = linkId;
            paymentLinkUrl = linkUrl;
            paymentLinkCreatedAt = now;
            paymentLinkFailure = null;
            return;
        }
        if (onlinePaymentStatus != OnlinePaymentStatus.LINK_REQUESTED
                && onlinePaymentStatus != OnlinePaymentStatus.LINK_FAILED) {
            throw new IllegalStateException("Invoice " + invoiceNumber + " has no payment link request ("
                    + onlinePaymentStatus + ")");
        }
        paymentLinkId = linkId;
        paymentLinkUrl = linkUrl;
        paymentLinkCreatedAt = now;
        paymentLinkFailure = null;
        onlinePaymentStatus = OnlinePaymentStatus.PENDING_PAYMENT;
        registerEvent(new PaymentLinkCreated(new InvoiceId(id), new OrganizationId(organizationId), linkId, linkUrl));
    }

    /** Keeps Stripe's reason; only a pending request can fail, a recorded link stays. */
    boolean recordPaymentLinkFailure(String reason) {
        if (onlinePaymentStatus != OnlinePaymentStatus.LINK_REQUESTED) {
            return false;
        }
        onlinePaymentStatus = OnlinePaymentStatus.LINK_FAILED;
        paymentLinkFailure = abbreviate(reason == null || reason.isBlank() ? "Unknown error" : reason, 1000);
        registerEvent(new PaymentLinkFailed(new InvoiceId(id), new OrganizationId(organizationId), paymentLinkFailure));
        return true;
    }

    /**
     * Takes a payment Stripe reported. Paid is final: a further payment is counted and flagged, never
     * undone. A payment may arrive while the link is still being recorded (Creating Link, or Link Failed
     * after a timeout although Stripe made the link); the money is real, so the invoice becomes Paid then
     * too. Only an invoice that never had a link requested cannot have been paid through one.
     * Recording the same Checkout Session twice is prevented by the caller (one row per session). The
     * Stripe event that reported the payment (null if none, e.g. found by reconciliation) is named in the
     * events it publishes.
     */
    PaymentOutcome recordPayment(String checkoutSessionId, Money amount, Instant when, String stripeEventId) {
        Assert.hasText(checkoutSessionId, "A payment names its Checkout Session");
        Assert.notNull(amount, "A payment has an amount");
        Assert.notNull(when, "A payment has a time");
        return switch (onlinePaymentStatus) {
            case NOT_CREATED -> PaymentOutcome.NOT_PAYABLE;
            case PAID -> {
                paymentCount++;
                registerEvent(new AdditionalPaymentReceived(new InvoiceId(id), new OrganizationId(organizationId),
                        amount, checkoutSessionId, stripeEventId));
                yield PaymentOutcome.ADDITIONAL_PAYMENT;
            }
            case LINK_REQUESTED, LINK_FAILED, PENDING_PAYMENT -> {
                onlinePaymentStatus = OnlinePaymentStatus.PAID;
                paidAt = when;
                paidAmount = amount.minorUnits();
                paidCurrency = amount.currency().getCurrencyCode();
                paymentCount = 1;
                boolean differs = !amount.equals(billingAmount());
                registerEvent(new InvoicePaid(new InvoiceId(id), new OrganizationId(organizationId), amount, when,
                        checkoutSessionId, differs, stripeEventId));
                yield differs ? PaymentOutcome.PAID_AMOUNT_DIFFERS : PaymentOutcome.PAID;
            }
        };
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    BillingInvoiceReference reference() {
        return new BillingInvoiceReference(new InvoiceId(id), new OrganizationId(organizationId), invoiceNumber,
                billingAmount(), onlinePaymentStatus, java.util.Optional.ofNullable(paymentLinkId));
    }

    Long id() {
        return id;
    }

    long organizationId() {
        return organizationId;
    }

    String invoiceNumber() {
        return invoiceNumber;
    }

    Money billingAmount() {
        return Money.of(billingAmount, currency);
    }

    OnlinePaymentStatus onlinePaymentStatus() {
        return onlinePaymentStatus;
    }

    String paymentLinkId() {
        return paymentLinkId;
    }

    int paymentCount() {
        return paymentCount;
    }
}
