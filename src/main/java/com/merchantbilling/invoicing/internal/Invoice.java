package com.merchantbilling.invoicing.internal;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.util.Assert;

import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.OnlinePaymentStatus;

/** The invoice aggregate. It guards its own rules: a payment link is set once, the status only moves forward. */
@Table("invoices")
class Invoice {

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
            OnlinePaymentStatus onlinePaymentStatus, Instant paymentLinkRequestedAt, String paymentLinkId,
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
                invoice.billingAmount().currency().getCurrencyCode(), OnlinePaymentStatus.NOT_CREATED, null, null,
                null, null, null, now, null);
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
