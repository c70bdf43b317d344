package com.merchantbilling.payments.internal.reconciliation;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.payments.PaymentReconciliationException;

/**
 * Every interval, a batch of Pending Payment invoices whose link is older than {@code older-than} is
 * checked with Stripe. The batches walk the invoices in id order and start over at the end, so every
 * pending link is checked in turn however many there are, at batch-size Stripe calls per run.
 */
@Component
@ConditionalOnBooleanProperty(name = "payments.reconciliation.enabled", matchIfMissing = true)
class PendingPaymentReconciler {

    private static final Logger log = LoggerFactory.getLogger(PendingPaymentReconciler.class);

    private final OnlinePayments onlinePayments;
    private final PaymentReconciliationService reconciliation;
    private final ReconciliationProperties properties;
    private final Clock clock;
    // only the scheduler thread touches it; after a restart the walk simply starts at the beginning
    private Optional<InvoiceId> resumeAfter = Optional.empty();

    PendingPaymentReconciler(OnlinePayments onlinePayments, PaymentReconciliationService reconciliation,
            ReconciliationProperties properties, Optional<Clock> clock) {
        this.onlinePayments = onlinePayments;
        this.reconciliation = reconciliation;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${payments.reconciliation.interval:10m}",
            initialDelayString = "${payments.reconciliation.interval:10m}")
    // once per interval for the cluster: N nodes would ask Stripe N times about the same invoices. A batch takes
    // batch-size Stripe calls (seconds at Stripe's pace), far below the interval, so holding the lock for the
    // interval (at least and at most) means one batch per interval, and a dead node's lock lapses after one.
    // The node that takes over starts its walk at the beginning (the cursor lives in memory): it only repeats
    // checks, never skips one for long.
    @SchedulerLock(name = "pending-payment-reconciliation",
            lockAtLeastFor = "${payments.reconciliation.interval:10m}",
            lockAtMostFor = "${payments.reconciliation.interval:10m}")
    void reconcileOldPendingPayments() {
        runBatch();
    }

    /** @return the payments recorded in this batch */
    synchronized int runBatch() {
        var before = clock.instant().minus(properties.olderThan());
        var batch = onlinePayments.findPendingPayment(before, resumeAfter, properties.batchSize());
        resumeAfter = batch.size() < properties.batchSize() ? Optional.empty() : Optional.of(batch.getLast().id());
        int recorded = 0;
        for (var invoice : batch) {
            try {
                recorded += reconciliation.reconcile(invoice).paymentsRecorded();
            } catch (PaymentReconciliationException e) {
                log.warn("Reconciliation skipped invoice {}: {}", invoice.id(), e.getMessage());
            }
        }
        if (!batch.isEmpty()) {
            log.info("Reconciliation checked {} pending payment(s), recorded {}", batch.size(), recorded);
        }
        return recorded;
    }
}
