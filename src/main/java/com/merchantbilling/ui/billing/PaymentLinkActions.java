package com.merchantbilling.ui.billing;

import java.time.Duration;
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

    /** Slow on purpose: notifications are the fast path, this only catches what they missed. */
    static final Duration POLL_WHILE_UNFINISHED = Duration.ofSeconds(5);

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
            showProgress(dialog);
        });
        dialog.addCloseListener(closed -> {
            onChange.accept(dialog.requested());
            onLinked.accept(current(dialog.requested()).stream()
                    .filter(invoice -> invoice.paymentLinkUrl().isPresent()).toList());
        });
        // the links are created in the background, on any node: each one pushes its row's new state to the open
        // dialog; after a reconnect of the node's listener, and every few seconds while the run is unfinished,
        // the dialog reads its invoices again, so a notification that never arrived cannot leave it at 97 of 100
        dialog.addAttachListener(attach -> {
            var ui = attach.getUI();
            Registration registration = updates.register(organization, invoice -> {
                if (dialog.requested().contains(invoice)) {
                    ui.access(() -> showProgress(dialog));
                }
            }, () -> ui.access(() -> showProgress(dialog)));
            Registration polling = ui.addPollListener(poll -> showProgress(dialog));
            dialog.addDetachListener(detach -> {
                registration.remove();
                polling.remove();
                ui.setPollInterval(-1);
                detach.unregisterListener();
            });
        });
        dialog.open();
    }

    /** Shows the run's progress and polls (slowly) while it is unfinished: the fallback for lost notifications. */
    private void showProgress(CreatePaymentLinksDialog dialog) {
        dialog.showProgress(current(dialog.requested()));
        dialog.getUI().ifPresent(ui -> ui.setPollInterval(dialog.finished() ? -1 : (int) POLL_WHILE_UNFINISHED.toMillis()));
    }

    private List<BillingInvoice> current(List<InvoiceId> requested) {
        return requested.isEmpty() ? List.of() : invoices.findAll(organization, requested);
    }
}
