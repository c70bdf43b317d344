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
import com.merchantbilling.ui.i18n.UiTranslations;
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
    private final Button create = new Button();
    private final Button close = new Button("", click -> close());
    private final Locale formatting = UiTranslations.formatting(getLocale());
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
        setHeaderTitle(getTranslation("links.title"));
        setId("create-payment-links-dialog");
        setWidth("min(56rem, 95vw)");
        setCloseOnOutsideClick(false);
        body.setPadding(false);
        add(body);

        create.setText(getTranslation("links.create"));
        close.setText(getTranslation("action.cancel"));
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
        body.add(new H4(getTranslation("links.targets")));
        if (targets.eligible().isEmpty()) {
            body.add(new Paragraph(getTranslation("links.noneEligible")));
        } else {
            body.add(new Paragraph(getTranslation("links.willCreate", count(targets.eligible().size()))));
            body.add(invoiceList("target-invoices", targets.eligible(), null));
        }
        if (!targets.ineligible().isEmpty()) {
            body.add(new H4(getTranslation("links.notProcessed")));
            body.add(invoiceList("ineligible-invoices", targets.ineligible().stream().map(IneligibleInvoice::invoice)
                    .toList(), invoice -> targets.ineligible().stream()
                    .filter(i -> i.invoice().id().equals(invoice.id()))
                    .findFirst().map(i -> reason(i.reason())).orElse("")));
        }
        if (!targets.notFound().isEmpty()) {
            body.add(new Paragraph(getTranslation("links.notFound", count(targets.notFound().size()))));
        }
        create.setEnabled(!targets.eligible().isEmpty());
    }

    private String reason(com.merchantbilling.invoicing.Ineligibility reason) {
        return getTranslation("ineligibility." + reason.name());
    }

    private static String count(long number) {
        return Notices.count(number);
    }

    private Grid<BillingInvoice> invoiceList(String id, List<BillingInvoice> rows,
            java.util.function.Function<BillingInvoice, String> reason) {
        var grid = new Grid<BillingInvoice>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(BillingInvoice::invoiceNumber).setHeader(getTranslation("grid.invoiceNumber")).setAutoWidth(true);
        grid.addColumn(BillingInvoice::buyerName).setHeader(getTranslation("grid.buyer"));
        grid.addColumn(invoice -> invoice.billingAmount().format(formatting))
                .setHeader(getTranslation("grid.billingAmount"))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        if (reason != null) {
            grid.addColumn(reason::apply).setHeader(getTranslation("grid.reason")).setAutoWidth(true);
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
        body.add(new H4(getTranslation("links.creating")), progressBar, progressText, summary);
        if (!result.skipped().isEmpty() || !result.notFound().isEmpty()) {
            var notProcessed = new Paragraph(notProcessed(result));
            notProcessed.setId("payment-links-not-processed");
            body.add(notProcessed);
        }
        create.setVisible(false);
        close.setText(getTranslation("action.close"));
        onChange.accept(inProgress);
        refreshProgress();
    }

    /** "8 selected invoices were not processed: Billing amount is 0 or less (6), Already paid (2)." */
    private String notProcessed(PaymentLinkRequestResult result) {
        var reasons = result.skipped().stream().collect(java.util.stream.Collectors.groupingBy(
                IneligibleInvoice::reason, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        var parts = new ArrayList<String>();
        reasons.forEach((reason, n) -> parts.add(getTranslation("links.reasonCount", reason(reason), count(n))));
        if (!result.notFound().isEmpty()) {
            parts.add(getTranslation("links.reasonCount", getTranslation("links.noLongerExists"),
                    count(result.notFound().size())));
        }
        int total = result.skipped().size() + result.notFound().size();
        return getTranslation("links.notProcessedSummary", count(total),
                String.join(getTranslation("links.reasonSeparator"), parts));
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
            progressText.setText(getTranslation("links.noneRequested"));
            return;
        }
        var current = invoices.findAll(organization, inProgress);
        var created = current.stream().filter(i -> i.paymentLinkUrl().isPresent()).count();
        var failed = current.stream().filter(i -> i.onlinePayment() == OnlinePaymentStatus.LINK_FAILED).toList();
        long done = created + failed.size();
        progressBar.setValue((double) done / inProgress.size());
        progressText.setText(getTranslation("links.progress", count(done), count(inProgress.size())));
        if (done == inProgress.size()) {
            showSummary(created, failed);
        }
    }

    private void showSummary(long created, List<BillingInvoice> failed) {
        summary.removeAll();
        var createdText = new Span(failed.isEmpty() ? getTranslation("links.created", count(created))
                : getTranslation("links.createdFailed", count(created), count(failed.size())));
        createdText.setId("payment-links-result");
        summary.add(createdText);
        if (!failed.isEmpty()) {
            summary.add(invoiceList("failed-invoices", failed, i -> i.paymentLinkFailure().orElse("")));
            var retry = new Button(getTranslation("links.retryFailed"), click -> retry(failed));
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
