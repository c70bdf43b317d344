package com.merchantbilling.invoicing.internal.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.internal.Invoice;
import com.merchantbilling.invoicing.internal.InvoiceRepository;
import com.merchantbilling.invoicing.onlinepayments.AfterPaymentOutcome;
import com.merchantbilling.invoicing.onlinepayments.BillingInvoiceReference;
import com.merchantbilling.invoicing.onlinepayments.ChargeReport;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.onlinepayments.PaymentLinkRecording;
import com.merchantbilling.invoicing.onlinepayments.PaymentOutcome;
import com.merchantbilling.invoicing.onlinepayments.ReceivedPayment;

@Service
@Transactional
class OnlinePaymentService implements OnlinePayments {

    private final InvoiceRepository invoices;
    private final InvoicePayments payments;
    private final Clock clock;

    OnlinePaymentService(InvoiceRepository invoices, InvoicePayments payments, Optional<Clock> clock) {
        this.invoices = invoices;
        this.payments = payments;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<BillingInvoiceReference> find(InvoiceId invoice) {
        return invoices.findById(invoice.value()).map(Invoice::reference);
    }

    /** Declared here, not only as the interface's default: a default method would run outside the transaction. */
    @Override
    public PaymentLinkRecording recordPaymentLink(InvoiceId invoice, int attempt, String paymentLinkId,
            String paymentLinkUrl) {
        return recordPaymentLink(invoice, attempt, paymentLinkId, paymentLinkUrl, Optional.empty());
    }

    @Override
    public PaymentLinkRecording recordPaymentLink(InvoiceId invoice, int attempt, String paymentLinkId,
            String paymentLinkUrl, Optional<String> stripeAccount) {
        var found = lockAndLoad(invoice);
        var recording = found.recordPaymentLink(attempt, paymentLinkId, paymentLinkUrl, stripeAccount,
                clock.instant());
        if (recording == PaymentLinkRecording.RECORDED) {
            invoices.save(found);
        }
        return recording;
    }

    @Override
    public PaymentLinkRecording recordPaymentLinkFailure(InvoiceId invoice, int attempt, String reason) {
        var found = lockAndLoad(invoice);
        var recording = found.recordPaymentLinkFailure(attempt, reason);
        if (recording == PaymentLinkRecording.RECORDED) {
            invoices.save(found);
        }
        return recording;
    }

    @Override
    @Transactional(readOnly = true)
    public OptionalInt paymentLinkAttempt(InvoiceId invoice) {
        return invoices.findById(invoice.value()).map(found -> OptionalInt.of(found.paymentLinkAttempt()))
                .orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt nextPaymentLinkAttempt(InvoiceId invoice, int attempt) {
        var found = lockAndLoad(invoice);
        var next = found.nextPaymentLinkAttempt(attempt);
        if (next.isPresent()) {
            invoices.save(found);
        }
        return next;
    }

    @Override
    public void recordOrphanPaymentLinkDeactivated(InvoiceId invoice, int attempt, String paymentLinkId) {
        var found = lockAndLoad(invoice);
        found.recordOrphanPaymentLinkDeactivated(attempt, paymentLinkId);
        invoices.save(found);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<BillingInvoiceReference> findByPaymentLink(String paymentLinkId) {
        return invoices.findByPaymentLinkId(paymentLinkId).map(Invoice::reference);
    }

    @Override
    public PaymentOutcome recordPayment(InvoiceId invoice, ReceivedPayment payment) {
        var found = lockAndLoad(invoice);
        // under the lock: a session reported twice (webhook and reconciliation) finds the first one's row
        if (payments.sessionRecorded(payment.checkoutSessionId())) {
            return PaymentOutcome.ALREADY_RECORDED;
        }
        if (payment.paymentIntentId().flatMap(payments::byPaymentIntent).isPresent()) {
            // one payment intent is one payment: a second session naming it would count the money twice
            return PaymentOutcome.ALREADY_RECORDED;
        }
        var outcome = found.recordPayment(payment.checkoutSessionId(), payment.amount(), payment.paidAt(),
                payment.stripeEventId().orElse(null));
        if (outcome.recorded()) {
            payments.insert(invoice, payment, outcome, clock.instant());
            invoices.save(found);
        }
        return outcome;
    }

    @Override
    @Transactional(readOnly = true)
    public List<BillingInvoiceReference> findPendingPayment(Instant linkCreatedBefore, Optional<InvoiceId> after,
            int limit) {
        var ids = payments.pendingPayment(linkCreatedBefore, after, limit);
        return invoices.findAllById(ids).stream()
                .map(Invoice::reference)
                .sorted(Comparator.comparingLong(reference -> reference.id().value()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Set<Optional<String>> stripeAccountsWithPendingPayment() {
        return payments.stripeAccountsWithPendingPayment();
    }

    @Override
    public AfterPaymentOutcome recordCharge(ChargeReport report) {
        var payment = payments.byPaymentIntent(report.paymentIntentId());
        if (payment.isEmpty()) {
            return AfterPaymentOutcome.UNKNOWN_PAYMENT;
        }
        var invoice = payment.get().invoice();
        var found = lockAndLoad(invoice);
        long paymentId = payment.get().id();
        report.amountRefunded().ifPresent(refunded -> payments.chargeRefunded(paymentId, refunded, report.asOf()));
        report.refund().ifPresent(refund -> payments.refund(paymentId, refund.id(), refund.amount(), refund.status(),
                report.asOf()));
        report.dispute().ifPresent(dispute -> payments.dispute(paymentId, dispute.id(), dispute.status(),
                report.asOf()));
        var state = payments.chargeState(invoice);
        var stripeObject = report.dispute().map(ChargeReport.Dispute::id)
                .or(() -> report.refund().map(ChargeReport.Refund::id)).orElse(report.paymentIntentId());
        if (!found.recordChargeState(state.refundState(), Money.of(state.refunded(), state.currency()),
                state.disputeState(), report.asOf(), stripeObject, report.stripeEventId().orElse(null))) {
            return AfterPaymentOutcome.UNCHANGED;
        }
        invoices.save(found);
        return AfterPaymentOutcome.CHANGED;
    }

    @Override
    public AfterPaymentOutcome recordPaymentFailure(InvoiceId invoice, Instant at, String reason, String stripeObject,
            Optional<String> stripeEventId) {
        var found = lockAndLoad(invoice);
        if (!found.recordPaymentFailure(at, reason, stripeObject, stripeEventId.orElse(null))) {
            return AfterPaymentOutcome.UNCHANGED;
        }
        invoices.save(found);
        return AfterPaymentOutcome.CHANGED;
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> recordedPaymentIntents(InvoiceId invoice) {
        return payments.paymentIntents(invoice);
    }

    /**
     * Every change of an invoice's online payment takes the row lock first: link creation, a failure and a
     * webhook's payment may arrive for one invoice at the same moment, and each must see the other's result
     * instead of failing on the version check.
     */
    private Invoice lockAndLoad(InvoiceId invoice) {
        if (!payments.lockInvoice(invoice)) {
            throw new IllegalArgumentException("No invoice " + invoice);
        }
        return load(invoice);
    }

    private Invoice load(InvoiceId invoice) {
        return invoices.findById(invoice.value())
                .orElseThrow(() -> new IllegalArgumentException("No invoice " + invoice));
    }
}
