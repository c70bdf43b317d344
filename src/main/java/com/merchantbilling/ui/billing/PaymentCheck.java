package com.merchantbilling.ui.billing;

import java.util.function.Consumer;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.PaymentReconciliation;
import com.merchantbilling.payments.PaymentReconciliationException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.spring.annotation.SpringComponent;

/** "Check payment": asks Stripe off the UI thread (it may take seconds) and reports back through push. */
@SpringComponent
class PaymentCheck {

    private final PaymentReconciliation reconciliation;

    PaymentCheck(PaymentReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** {@code refresh} runs in the UI afterwards, to redraw the invoice's row. */
    void start(UI ui, OrganizationId organization, BillingInvoice invoice, Consumer<InvoiceId> refresh) {
        Thread.ofVirtual().name("check-payment-" + invoice.id()).start(() -> {
            String key;
            String message = null;
            NotificationVariant variant = NotificationVariant.LUMO_CONTRAST;
            try {
                var result = reconciliation.reconcile(organization, invoice.id());
                if (result.isEmpty()) {
                    key = "payment.check.gone";
                } else if (result.get().paymentsRecorded() > 0) {
                    key = "payment.check.recorded";
                    variant = NotificationVariant.LUMO_SUCCESS;
                } else if (result.get().onlinePayment() == OnlinePaymentStatus.PAID) {
                    key = "payment.check.paid";
                } else {
                    key = "payment.check.none";
                }
            } catch (PaymentReconciliationException e) {
                key = null;
                message = e.getMessage();
                variant = NotificationVariant.LUMO_ERROR;
            }
            var textKey = key;
            var error = message;
            var theme = variant;
            ui.access(() -> {
                refresh.accept(invoice.id());
                Notices.show(textKey == null ? error : ui.getTranslation(textKey, invoice.invoiceNumber()), theme);
            });
        });
    }
}
