package com.merchantbilling.payments.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.events.PaymentActivityRecorded;
import com.merchantbilling.invoicing.events.PaymentLinkCreated;
import com.merchantbilling.invoicing.events.PaymentLinkFailed;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts payment links as invoicing publishes their events. A plain listener, counting inside the
 * publishing transaction: a transactional one would put a publication per event into the registry.
 */
@Component
class PaymentMetrics {

    private final Counter requested;
    private final Counter created;
    private final Counter failed;
    private final MeterRegistry meters;

    PaymentMetrics(MeterRegistry meters) {
        this.meters = meters;
        requested = Counter.builder("payment.links.requested").description("Payment links requested").register(meters);
        created = Counter.builder("payment.links.created").description("Payment links Stripe created").register(meters);
        failed = Counter.builder("payment.links.failed").description("Payment link requests that failed").register(meters);
    }

    @EventListener
    void on(PaymentLinkRequested event) {
        requested.increment();
    }

    @EventListener
    void on(PaymentLinkCreated event) {
        created.increment();
    }

    @EventListener
    void on(PaymentLinkFailed event) {
        failed.increment();
    }

    /**
     * payment.activity{activity=refunded|partially_refunded|disputed|dispute_lost|...}: flags that changed. Counted
     * once the change commits: a webhook batch that rolls back and processes its events again one by one (see
     * WebhookInboxProcessing) would otherwise count their changes twice.
     */
    @EventListener
    void on(PaymentActivityRecorded event) {
        var counter = Counter.builder("payment.activity")
                .tag("activity", event.activity().name().toLowerCase(java.util.Locale.ROOT))
                .description("Changes to invoices' payment flags: payments that differ, refunds, disputes, failures")
                .register(meters);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            counter.increment();
                        }
                    });
        } else {
            counter.increment();
        }
    }
}
