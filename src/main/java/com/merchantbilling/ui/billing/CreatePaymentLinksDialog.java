package com.merchantbilling.ui.billing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.IneligibleInvoice;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequestResult;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.invoicing.PaymentLinkTargets;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;

/**
 * "Create Invoice Online Payment Links": shows which selected invoices get a link and which do not (and
 * why), then creates them and follows their progress live until every link is created or has failed.
 */
class CreatePaymentLinksDialog extends Dialog {

    private final OrganizationId organization;
    private final String requestedBy;
    private final PaymentLinkRequests requests;
    private final BillingInvoices invoices;
    private final OnlinePaymentUpdates updates;
    private final Consumer<Collection<InvoiceId>> onChange;

    private final VerticalLayout body = new VerticalLayout();
    private final Button create = new Button("Create");
    private final Button close = new Button("Cancel", click -> close());
    private final ProgressBar progressBar = new ProgressBar();
    private final Span progressText = new Span();
    private final VerticalLayout summary = new VerticalLayout();

    private List<InvoiceId> inProgress = List.of();
    private Registration updateRegistration;

    CreatePaymentLinksDialog(OrganizationId organization, String requestedBy, Set<InvoiceId> selection,
            PaymentLinkRequests requests, BillingInvoices invoices, OnlinePaymentUpdates updates,
            Consumer<Collection<InvoiceId>> onChange) {
        this.organization = organization;
        this.requestedBy = requestedBy;
        this.requests = requests;
        this.invoices = invoices;
        this.updates = updates;
        this.onChange = onChange;
        setHeaderTitle("Create Invoice Online Payment Links");
        setId("create-payment-links-dialog");
        setWidth("min(56rem, 95vw)");
        setCloseOnOutsideClick(false);
        body.setPadding(false);
        add(body);

        create.setId("create-payment-links");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setDisableOnClick(true);
        create.addClickListener(click -> start(selection));
        close.setId("close-payment-links-dialog");
        getFooter().add(close, create);

        showTargets(requests.targets(organization, selection));
    }

    private void showTargets(PaymentLinkTargets targets) {
        body.removeAll();
        body.add(new H4("Target Billing Invoices"));
        if (targets.eligible().isEmpty()) {
            body.add(new Paragraph("None of the selected invoices can get a payment link."));
        } else {
            body.add(new Paragraph(targets.eligible().size() + " card-only payment links will be created. "
                    + "A payment link cannot be deleted or canceled once created."));
            body.add(invoiceList("target-invoices", targets.eligible(), null));
        }
        if (!targets.ineligible().isEmpty()) {
            body.add(new H4("Not processed"));
            body.add(invoiceList("ineligible-invoices", targets.ineligible().stream().map(IneligibleInvoice::invoice)
                    .toList(), invoice -> targets.ineligible().stream()
                    .filter(i -> i.invoice().id().equals(invoice.id()))
                    .findFirst().map(i -> i.reason().reason()).orElse("")));
        }
        if (!targets.notFound().isEmpty()) {
            body.add(new Paragraph(targets.notFound().size() + " selected invoices no longer exist."));
        }
        create.setEnabled(!targets.eligible().isEmpty());
    }

    private static Grid<BillingInvoice> invoiceList(String id, List<BillingInvoice> rows,
            java.util.function.Function<BillingInvoice, String> reason) {
        var grid = new Grid<BillingInvoice>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(BillingInvoice::invoiceNumber).setHeader("Invoice Number").setAutoWidth(true);
        grid.addColumn(BillingInvoice::buyerName).setHeader("Buyer");
        grid.addColumn(invoice -> invoice.billingAmount().format(Locale.US)).setHeader("Billing Amount")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        if (reason != null) {
            grid.addColumn(reason::apply).setHeader("Reason").setAutoWidth(true);
        }
        grid.setItems(rows);
        grid.setAllRowsVisible(rows.size() <= 8);
        if (rows.size() > 8) {
            grid.setHeight("16rem");
        }
        return grid;
    }

    private void start(Collection<InvoiceId> selection) {
        var result = requests.request(organization, selection, requestedBy);
        inProgress = result.requested();
        body.removeAll();
        progressBar.setId("payment-links-progress");
        progressText.setId("payment-links-progress-text");
        summary.setPadding(false);
        summary.setId("payment-links-summary");
        body.add(new H4("Creating payment links"), progressBar, progressText, summary);
        if (!result.skipped().isEmpty() || !result.notFound().isEmpty()) {
            var notProcessed = new Paragraph(notProcessed(result));
            notProcessed.setId("payment-links-not-processed");
            body.add(notProcessed);
        }
        create.setVisible(false);
        close.setText("Close");
        onChange.accept(inProgress);
        refreshProgress();
    }

    /** "8 selected invoices were not processed: Billing amount is 0 or less (6), Already paid (2)." */
    private static String notProcessed(PaymentLinkRequestResult result) {
        var reasons = result.skipped().stream().collect(java.util.stream.Collectors.groupingBy(
                IneligibleInvoice::reason, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        var parts = new ArrayList<String>();
        reasons.forEach((reason, count) -> parts.add(reason.reason() + " (" + count + ")"));
        if (!result.notFound().isEmpty()) {
            parts.add("No longer exists (" + result.notFound().size() + ")");
        }
        int total = result.skipped().size() + result.notFound().size();
        return total + " selected invoices were not processed: " + String.join(", ", parts) + ".";
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        var ui = attachEvent.getUI();
        updateRegistration = updates.register(organization, invoice -> {
            if (inProgress.contains(invoice)) {
                ui.access(this::refreshProgress);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (updateRegistration != null) {
            updateRegistration.remove();
        }
        super.onDetach(detachEvent);
    }

    /** Reads the requested invoices' state back, so a missed update can never leave the progress stale. */
    private void refreshProgress() {
        if (inProgress.isEmpty()) {
            progressBar.setValue(1);
            progressText.setText("No payment links were requested.");
            return;
        }
        var current = invoices.findAll(organization, inProgress);
        var created = current.stream().filter(i -> i.paymentLinkUrl().isPresent()).count();
        var failed = current.stream().filter(i -> i.onlinePayment() == OnlinePaymentStatus.LINK_FAILED).toList();
        long done = created + failed.size();
        progressBar.setValue((double) done / inProgress.size());
        progressText.setText(done + " of " + inProgress.size() + " processed");
        if (done == inProgress.size()) {
            showSummary(created, failed);
        }
    }

    private void showSummary(long created, List<BillingInvoice> failed) {
        summary.removeAll();
        var createdText = new Span(created + " payment links created" + (failed.isEmpty() ? "." : ", "
                + failed.size() + " failed."));
        createdText.setId("payment-links-result");
        summary.add(createdText);
        if (!failed.isEmpty()) {
            summary.add(invoiceList("failed-invoices", failed, i -> i.paymentLinkFailure().orElse("")));
            var retry = new Button("Retry Failed", click -> retry(failed));
            retry.setId("retry-failed-payment-links");
            retry.setDisableOnClick(true);
            summary.add(retry);
        }
    }

    private void retry(List<BillingInvoice> failed) {
        start(new ArrayList<>(failed.stream().map(BillingInvoice::id).toList()));
    }

    @Override
    public void close() {
        super.close();
        onChange.accept(inProgress);
    }
}
