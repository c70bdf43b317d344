package com.merchantbilling.ui.billing;

import static com.merchantbilling.ui.billing.Notices.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.PaymentLinkRequests.IneligibleInvoice;
import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkRequestResult;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkTargets;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;

/**
 * "Create Invoice Online Payment Links": shows which selected invoices get a link and which do not (and
 * why); Create (and Retry) fire a {@link CreateEvent}, and whoever requested the links reports back their
 * progress ({@link #showRequested}, {@link #showProgress}) until every link is created or has failed.
 */
class CreatePaymentLinksDialog extends Dialog {

    private final VerticalLayout body = new VerticalLayout();
    private final Button create = new Button();
    private final Button close = new Button("", click -> close());
    private final ProgressBar progressBar = new ProgressBar();
    private final Span progressText = new Span();
    private final VerticalLayout summary = new VerticalLayout();
    private final H4 heading = new H4();

    // read by the live-update listener on the publishing thread as well
    private volatile List<InvoiceId> requested = List.of();
    private boolean finished = true;

    CreatePaymentLinksDialog(Set<InvoiceId> selection, PaymentLinkTargets targets) {
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
        create.addClickListener(click -> fireEvent(new CreateEvent(this, List.copyOf(selection))));
        close.setId("close-payment-links-dialog");
        getFooter().add(close, create);

        showTargets(targets);
    }

    private void showTargets(PaymentLinkTargets targets) {
        body.removeAll();
        body.add(new H4(getTranslation("links.targets")));
        if (targets.eligible().isEmpty()) {
            body.add(new Paragraph(getTranslation("links.noneEligible")));
        } else {
            body.add(new Paragraph(getTranslation("links.willCreate", (long) targets.eligible().size())));
            body.add(new PaymentLinkInvoiceList("target-invoices", targets.eligible(), null));
        }
        if (!targets.ineligible().isEmpty()) {
            body.add(new H4(getTranslation("links.notProcessed")));
            body.add(new PaymentLinkInvoiceList("ineligible-invoices", targets.ineligible().stream()
                    .map(IneligibleInvoice::invoice).toList(), invoice -> targets.ineligible().stream()
                    .filter(i -> i.invoice().id().equals(invoice.id()))
                    .findFirst().map(CreatePaymentLinksDialog.this::reason).orElse("")));
        }
        if (!targets.notFound().isEmpty()) {
            body.add(new Paragraph(getTranslation("links.notFound", count(targets.notFound().size()))));
        }
        create.setEnabled(!targets.eligible().isEmpty());
    }

    /** Why an invoice gets no link; a negative amount is a credit note, which the merchant knows by that name. */
    private String reason(IneligibleInvoice ineligible) {
        var key = "ineligibility." + ineligible.reason().name();
        if (ineligible.reason() == Ineligibility.AMOUNT_NOT_POSITIVE) {
            key += ineligible.invoice().billingAmount().minorUnits() < 0 ? ".creditNote" : ".zero";
        }
        return getTranslation(key);
    }

    /** The links were requested: the dialog now shows their progress. */
    void showRequested(PaymentLinkRequestResult result) {
        requested = result.requested();
        finished = requested.isEmpty();
        body.removeAll();
        progressBar.setId("payment-links-progress");
        progressText.setId("payment-links-progress-text");
        summary.setPadding(false);
        summary.setId("payment-links-summary");
        heading.setText(getTranslation("links.creating"));
        heading.setId("payment-links-heading");
        body.add(heading, progressBar, progressText, summary);
        if (!result.skipped().isEmpty() || !result.notFound().isEmpty()) {
            var notProcessed = new Paragraph(notProcessed(result));
            notProcessed.setId("payment-links-not-processed");
            body.add(notProcessed);
        }
        create.setVisible(false);
        close.setText(getTranslation("action.close"));
    }

    /** "8 selected invoices were not processed: Billing amount is 0 or less (6), Already paid (2)." */
    private String notProcessed(PaymentLinkRequestResult result) {
        // grouped by the text shown: zero amounts and credit notes are told apart, in the enum's order
        var reasons = result.skipped().stream()
                .sorted(java.util.Comparator.comparing(IneligibleInvoice::reason))
                .collect(Collectors.groupingBy(this::reason, LinkedHashMap::new, Collectors.counting()));
        var parts = new ArrayList<String>();
        reasons.forEach((reason, n) -> parts.add(getTranslation("links.reasonCount", reason, count(n))));
        if (!result.notFound().isEmpty()) {
            parts.add(getTranslation("links.reasonCount", getTranslation("links.noLongerExists"),
                    count(result.notFound().size())));
        }
        int total = result.skipped().size() + result.notFound().size();
        return getTranslation("links.notProcessedSummary", count(total),
                String.join(getTranslation("links.reasonSeparator"), parts));
    }

    /** The invoices whose links were requested last (empty before Create). */
    List<InvoiceId> requested() {
        return requested;
    }

    /** Whether the last requested links are all created or failed (true before Create: nothing is running). */
    boolean finished() {
        return finished;
    }

    /** Shows the requested invoices' current state; read back every time, so a missed update cannot leave it stale. */
    void showProgress(List<BillingInvoice> current) {
        if (requested.isEmpty()) {
            progressBar.setValue(1);
            progressText.setText(getTranslation("links.noneRequested"));
            return;
        }
        var created = current.stream().filter(i -> i.paymentLinkUrl().isPresent()).count();
        var failed = current.stream().filter(i -> i.onlinePayment() == OnlinePaymentStatus.LINK_FAILED).toList();
        long done = created + failed.size();
        progressBar.setValue((double) done / requested.size());
        progressText.setText(getTranslation("links.progress", count(done), count(requested.size())));
        finished = done == requested.size();
        if (finished) {
            showSummary(created, failed);
        }
    }

    private void showSummary(long created, List<BillingInvoice> failed) {
        summary.removeAll();
        setHeaderTitle(getTranslation("links.doneTitle"));
        heading.setText(getTranslation("links.done"));
        var createdText = new Span(failed.isEmpty() ? getTranslation("links.created", created)
                : getTranslation("links.createdFailed", created, (long) failed.size()));
        createdText.setId("payment-links-result");
        summary.add(createdText);
        if (!failed.isEmpty()) {
            summary.add(new PaymentLinkInvoiceList("failed-invoices", failed, i -> i.paymentLinkFailure().orElse("")));
            var retry = new Button(getTranslation("links.retryFailed"),
                    click -> fireEvent(new CreateEvent(this, failed.stream().map(BillingInvoice::id).toList())));
            retry.setId("retry-failed-payment-links");
            retry.setDisableOnClick(true);
            summary.add(retry);
        }
    }

    @Override
    public void close() {
        super.close();
        fireEvent(new CloseEvent(this));
    }

    Registration addCreateListener(ComponentEventListener<CreateEvent> listener) {
        return addListener(CreateEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** Create (or Retry failed) was clicked: links are wanted for these invoices. */
    static final class CreateEvent extends ComponentEvent<CreatePaymentLinksDialog> {

        private final List<InvoiceId> invoices;

        CreateEvent(CreatePaymentLinksDialog source, List<InvoiceId> invoices) {
            super(source, false);
            this.invoices = List.copyOf(invoices);
        }

        List<InvoiceId> invoices() {
            return invoices;
        }
    }

    /** The dialog was closed (Cancel or Close): the rows of what it requested may need redrawing. */
    static final class CloseEvent extends ComponentEvent<CreatePaymentLinksDialog> {

        CloseEvent(CreatePaymentLinksDialog source) {
            super(source, false);
        }
    }
}
