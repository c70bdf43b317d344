package com.merchantbilling.ui.billing;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.annotation.SpringComponent;

/**
 * Bulk Action > Create Payment Link: opens the dialog with the selection's targets and wires its events to
 * the invoicing module's payment link requests and the live updates of their progress.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
class PaymentLinkActions {

    private final OrganizationId organization;
    private final String requestedBy;
    private final PaymentLinkRequests requests;
    private final BillingInvoices invoices;
    private final OnlinePaymentUpdates updates;

    PaymentLinkActions(CurrentMerchant merchant, PaymentLinkRequests requests, BillingInvoices invoices,
            OnlinePaymentUpdates updates) {
        this.organization = merchant.organization();
        this.requestedBy = merchant.username();
        this.requests = requests;
        this.invoices = invoices;
        this.updates = updates;
    }

    /**
     * {@code onChange} gets the invoices whose links were requested, to redraw their rows; {@code onLinked}
     * gets, when the dialog closes, those of them that now have a link.
     */
    void open(Set<InvoiceId> selection, Consumer<Collection<InvoiceId>> onChange,
            Consumer<Collection<BillingInvoice>> onLinked) {
        var dialog = new CreatePaymentLinksDialog(selection, requests.targets(organization, selection));
        dialog.addCreateListener(create -> {
            var result = requests.request(organization, create.invoices(), requestedBy);
            dialog.showRequested(result);
            onChange.accept(result.requested());
            dialog.showProgress(current(dialog.requested()));
        });
        dialog.addCloseListener(closed -> {
            onChange.accept(dialog.requested());
            onLinked.accept(current(dialog.requested()).stream()
                    .filter(invoice -> invoice.paymentLinkUrl().isPresent()).toList());
        });
        // the links are created in the background: each one pushes its row's new state to the open dialog
        dialog.addAttachListener(attach -> {
            var ui = attach.getUI();
            Registration registration = updates.register(organization, invoice -> {
                if (dialog.requested().contains(invoice)) {
                    ui.access(() -> dialog.showProgress(current(dialog.requested())));
                }
            });
            dialog.addDetachListener(detach -> {
                registration.remove();
                detach.unregisterListener();
            });
        });
        dialog.open();
    }

    private List<BillingInvoice> current(List<InvoiceId> requested) {
        return requested.isEmpty() ? List.of() : invoices.findAll(organization, requested);
    }
}
