package com.merchantbilling.invoicing.internal;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.util.Assert;

import com.merchantbilling.invoicing.BillingInvoiceReference;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkCreated;
import com.merchantbilling.invoicing.PaymentLinkFailed;
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
}
