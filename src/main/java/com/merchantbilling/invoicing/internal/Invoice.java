package com.merchantbilling.invoicing.internal;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.util.Assert;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.events.AdditionalPaymentReceived;
import com.merchantbilling.invoicing.events.InvoicePaid;
import com.merchantbilling.invoicing.events.OrphanPaymentLinkDeactivated;
import com.merchantbilling.invoicing.events.PaymentActivity;
import com.merchantbilling.invoicing.events.PaymentActivityRecorded;
import com.merchantbilling.invoicing.events.PaymentLinkCreated;
import com.merchantbilling.invoicing.events.PaymentLinkFailed;
import com.merchantbilling.invoicing.onlinepayments.BillingInvoiceReference;
import com.merchantbilling.invoicing.onlinepayments.PaymentLinkRecording;
import com.merchantbilling.invoicing.onlinepayments.PaymentOutcome;
import com.merchantbilling.organizations.OrganizationId;

/** The invoice aggregate. It guards its own rules: a payment link is set once, the status only moves forward. */
@Table("invoices")
public class Invoice extends AbstractAggregateRoot<Invoice> {

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
    // the connected account the link was created on (V24), null for the platform account; set through the field
    private String paymentLinkStripeAccount;
    private final Instant createdAt;
    // set by Spring Data through the fields, not the constructor: null/0 until the invoice is Paid
    private Instant paidAt;
    private Long paidAmount;
    private String paidCurrency;
    private int paymentCount;
    // the payment flags beside the status (V15), set through the fields like the paid columns
    private Long differingAmount;
    private String differingCurrency;
    private ChargeStates.RefundState refundState;
    private Long refundedAmount;
    private ChargeStates.DisputeState disputeState;
    private Instant paymentFailedAt;
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

    public static Invoice issue(long organizationId, NewInvoice invoice, Instant now) {
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
     * Records the link Stripe made for a request attempt. A link is set once: the same link again is a no-op (a
     * redelivered answer), another link is not taken (an orphan, for the caller to deactivate). A link that
     * arrives after a recorded failure, or from an earlier attempt while the invoice has no link yet, still
     * wins: no link Stripe made is ever lost, and whichever link is recorded first makes every other one an
     * orphan, so an invoice never has two payable links.
     */
    public PaymentLinkRecording recordPaymentLink(int attempt, String linkId, String linkUrl, Instant now) {
        return recordPaymentLink(attempt, linkId, linkUrl, java.util.Optional.empty(), now);
    }

    /** As {@link #recordPaymentLink(int, String, String, Instant)}, on the given connected Stripe account. */
    public PaymentLinkRecording recordPaymentLink(int attempt, String linkId, String linkUrl,
            java.util.Optional<String> stripeAccount, Instant now) {
        Assert.isTrue(stripeAccount.map(account -> account.startsWith("acct_")).orElse(true),
                "A Stripe connected account id starts with acct_");
        Assert.hasText(linkId, "A payment link has an id");
        Assert.hasText(linkUrl, "A payment link has a URL");
        if (paymentLinkId != null) {
            return paymentLinkId.equals(linkId) ? PaymentLinkRecording.ALREADY_RECORDED
                    : PaymentLinkRecording.ANOTHER_LINK_RECORDED;
        }
        if (attempt < 1 || attempt > paymentLinkAttempt) {
            // an attempt never requested cannot have made a link for this invoice
            throw new IllegalArgumentException("Invoice " + invoiceNumber + " has no link request attempt " + attempt
                    + " (current " + paymentLinkAttempt + ")");
        }
        if (onlinePaymentStatus == OnlinePaymentStatus.PAID) {
            // the payment overtook the link (see recordPayment): keep the link for reference, stay Paid
            paymentLinkId = linkId;
            paymentLinkUrl = linkUrl;
            paymentLinkStripeAccount = stripeAccount.orElse(null);
            paymentLinkCreatedAt = now;
            paymentLinkFailure = null;
            return PaymentLinkRecording.RECORDED;
        }
        if (onlinePaymentStatus != OnlinePaymentStatus.LINK_REQUESTED
                && onlinePaymentStatus != OnlinePaymentStatus.LINK_FAILED) {
            throw new IllegalStateException("Invoice " + invoiceNumber + " has no payment link request ("
                    + onlinePaymentStatus + ")");
        }
        paymentLinkId = linkId;
        paymentLinkUrl = linkUrl;
        paymentLinkStripeAccount = stripeAccount.orElse(null);
        paymentLinkCreatedAt = now;
        paymentLinkFailure = null;
        onlinePaymentStatus = OnlinePaymentStatus.PENDING_PAYMENT;
        registerEvent(new PaymentLinkCreated(new InvoiceId(id), new OrganizationId(organizationId), linkId, linkUrl));
        return PaymentLinkRecording.RECORDED;
    }

    /**
     * Keeps Stripe's reason; only the current attempt of a pending request can fail: a late answer of an earlier
     * attempt must not fail the attempt that replaced it, and a recorded link stays.
     */
    public PaymentLinkRecording recordPaymentLinkFailure(int attempt, String reason) {
        if (onlinePaymentStatus != OnlinePaymentStatus.LINK_REQUESTED || attempt != paymentLinkAttempt) {
            return PaymentLinkRecording.STALE;
        }
        onlinePaymentStatus = OnlinePaymentStatus.LINK_FAILED;
        paymentLinkFailure = abbreviate(reason == null || reason.isBlank() ? "Unknown error" : reason, 1000);
        registerEvent(new PaymentLinkFailed(new InvoiceId(id), new OrganizationId(organizationId), paymentLinkFailure));
        return PaymentLinkRecording.RECORDED;
    }

    /**
     * The next attempt (and so the next idempotency key) after Stripe's answer to {@code attempt} stayed
     * unknown and no link of it was found; only while that attempt is still the current, pending one.
     */
    public java.util.OptionalInt nextPaymentLinkAttempt(int attempt) {
        if (onlinePaymentStatus != OnlinePaymentStatus.LINK_REQUESTED || paymentLinkId != null
                || attempt != paymentLinkAttempt) {
            return java.util.OptionalInt.empty();
        }
      paymentLinkAttempt = attempt + 1;
        return java.util.OptionalInt.of(paymentLinkAttempt);
    }

    /** Audits a deactivated orphan; the invoice's own link is never one. */
    public void recordOrphanPaymentLinkDeactivated(int attempt, String linkId) {
        Assert.hasText(linkId, "A payment link has an id");
        if (linkId.equals(paymentLinkId)) {
            throw new IllegalArgumentException("Payment link " + linkId + " is invoice " + invoiceNumber
                    + "'s own link, not an orphan");
        }
        registerEvent(new OrphanPaymentLinkDeactivated(new InvoiceId(id), new OrganizationId(organizationId), linkId,
                attempt));
    }

    /**
     * Takes a payment Stripe reported for this invoice's link (the caller matched the session to the link).
     * Paid is final: a further payment is counted and flagged, never undone. A payment may arrive while the
     * link is still being recorded (Creating Link, or Link Failed after a timeout although Stripe made the
     * link). Only the billed amount or more, in the billed currency, makes the invoice Paid (more is flagged
     * Overpaid); less or another currency is kept and flagged "Payment differs", the invoice stays unpaid for
     * the merchant to review. Only an invoice that never had a link requested cannot have been paid through
     * one. Recording the same Checkout Session twice is prevented by the caller (one row per session). The
     * Stripe event that reported the payment (null if none, e.g. found by reconciliation) is named in the
     * events it publishes.
     */
    public PaymentOutcome recordPayment(String checkoutSessionId, Money amount, Instant when, String stripeEventId) {
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
                var billed = billingAmount();
                if (!amount.currency().equals(billed.currency()) || amount.minorUnits() < billed.minorUnits()) {
                    differingAmount = amount.minorUnits();
                    differingCurrency = amount.currency().getCurrencyCode();
                    registerEvent(new PaymentActivityRecorded(new InvoiceId(id), new OrganizationId(organizationId),
                            PaymentActivity.PAYMENT_DIFFERS, when, "Paid " + amount + ", billed " + billed,
                            checkoutSessionId, stripeEventId));
                    yield PaymentOutcome.PAYMENT_DIFFERS;
                }
                onlinePaymentStatus = OnlinePaymentStatus.PAID;
                paidAt = when;
                paidAmount = amount.minorUnits();
                paidCurrency = amount.currency().getCurrencyCode();
                paymentCount = 1;
                boolean overpaid = amount.minorUnits() > billed.minorUnits();
                registerEvent(new InvoicePaid(new InvoiceId(id), new OrganizationId(organizationId), amount, when,
                        checkoutSessionId, overpaid, stripeEventId));
                yield overpaid ? PaymentOutcome.PAID_AMOUNT_DIFFERS : PaymentOutcome.PAID;
            }
        };
    }

    /**
     * Takes the refund and dispute state of this invoice's payments as its payment rows now add up (the
     * caller derived them under the row lock). Publishes one activity per flag that changed, none when a
     * redelivered or stale report changed nothing.
     *
     * @param refundState  null for no refund
     * @param refunded     what the refunds add up to, zero for none
     * @param disputeState null for no dispute
     */
    public boolean recordChargeState(ChargeStates.RefundState refundState, Money refunded,
            ChargeStates.DisputeState disputeState, Instant at,
            String stripeObject, String stripeEventId) {
        boolean changed = false;
        long refundedUnits = refunded.minorUnits();
        if (!java.util.Objects.equals(this.refundState, refundState)
                || refundedUnits != (refundedAmount == null ? 0 : refundedAmount)) {
            var activity = refundState == null ? PaymentActivity.REFUND_REVERSED
                    : refundState == ChargeStates.RefundState.FULL ? PaymentActivity.REFUNDED
                    : PaymentActivity.PARTIALLY_REFUNDED;
            this.refundState = refundState;
            this.refundedAmount = refundedUnits == 0 ? null : refundedUnits;
            registerEvent(new PaymentActivityRecorded(new InvoiceId(id), new OrganizationId(organizationId), activity,
                    at, "Refunded " + refunded, stripeObject, stripeEventId));
            changed = true;
        }
        // a dispute that is over stays over: its state never goes back to none
        if (disputeState != null && this.disputeState != disputeState) {
            var activity = switch (disputeState) {
                case WON -> PaymentActivity.DISPUTE_WON;
                case LOST -> PaymentActivity.DISPUTE_LOST;
                case OPEN -> PaymentActivity.DISPUTED;
            };
            this.disputeState = disputeState;
            registerEvent(new PaymentActivityRecorded(new InvoiceId(id), new OrganizationId(organizationId), activity,
                    at, null, stripeObject, stripeEventId));
            changed = true;
        }
        return changed;
    }

    /**
     * A declined or failed attempt to pay. Only an invoice still waiting for its money takes it (a Paid
     * invoice's earlier declines are history); a report older than the last one known changes nothing.
     */
    public boolean recordPaymentFailure(Instant at, String reason, String stripeObject, String stripeEventId) {
        if (onlinePaymentStatus == OnlinePaymentStatus.PAID || onlinePaymentStatus == OnlinePaymentStatus.NOT_CREATED
                || paymentFailedAt != null && !at.isAfter(paymentFailedAt)) {
            return false;
        }
        paymentFailedAt = at;
        registerEvent(new PaymentActivityRecorded(new InvoiceId(id), new OrganizationId(organizationId),
                PaymentActivity.PAYMENT_FAILED, at, reason, stripeObject, stripeEventId));
        return true;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public BillingInvoiceReference reference() {
        return new BillingInvoiceReference(new InvoiceId(id), new OrganizationId(organizationId), invoiceNumber,
                billingAmount(), onlinePaymentStatus, java.util.Optional.ofNullable(paymentLinkId),
                java.util.Optional.ofNullable(paymentLinkStripeAccount));
    }

    public Long id() {
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

    public int paymentLinkAttempt() {
        return paymentLinkAttempt;
    }

    int paymentCount() {
        return paymentCount;
    }
}
