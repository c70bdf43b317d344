package com.merchantbilling.invoicing.internal;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.BillingInvoiceReference;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePayments;

@Service
@Transactional
class OnlinePaymentService implements OnlinePayments {

    private final InvoiceRepository invoices;
    private final Clock clock;

    OnlinePaymentService(InvoiceRepository invoices, Optional<Clock> clock) {
        this.invoices = invoices;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<BillingInvoiceReference> find(InvoiceId invoice) {
        return invoices.findById(invoice.value()).map(Invoice::reference);
    }

    @Override
    public void recordPaymentLink(InvoiceId invoice, String paymentLinkId, String paymentLinkUrl) {
        var found = load(invoice);
        found.recordPaymentLink(paymentLinkId, paymentLinkUrl, clock.instant());
        invoices.save(found);
    }

    @Override
    public void recordPaymentLinkFailure(InvoiceId invoice, String reason) {
        var found = load(invoice);
        if (found.recordPaymentLinkFailure(reason)) {
            invoices.save(found);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<BillingInvoiceReference> findByPaymentLink(String paymentLinkId) {
        return invoices.findByPaymentLinkId(paymentLinkId).map(Invoice::reference);
    }

    private Invoice load(InvoiceId invoice) {
        return invoices.findById(invoice.value())
                .orElseThrow(() -> new IllegalArgumentException("No invoice " + invoice));
    }
}
