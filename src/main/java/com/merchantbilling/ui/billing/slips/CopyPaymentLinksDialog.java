package com.merchantbilling.ui.billing.slips;

import java.util.List;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * Copy Payment Links: what will be copied (the invoices with a link, as rows), which invoices have no link and are
 * left out, and the button that copies. The browser writes the clipboard during the button's click, with the text
 * already in the page: a clipboard write is allowed only while the click is being handled, which a server round
 * trip would outlive.
 */
class CopyPaymentLinksDialog extends Dialog {

    CopyPaymentLinksDialog(List<BillingInvoice> selected) {
        var formatting = UiTranslations.formatting(getLocale());
        var linked = selected.stream().filter(invoice -> invoice.paymentLinkUrl().isPresent()).toList();
        var withoutLink = selected.stream().filter(invoice -> invoice.paymentLinkUrl().isEmpty()).toList();
        var header = new PaymentLinkTable.Header(getTranslation("grid.invoiceNumber"), getTranslation("grid.buyer"),
                getTranslation("grid.billingAmount"), getTranslation("grid.dueDate"), getTranslation("details.paymentLinkUrl"));
        var tsv = PaymentLinkTable.tsv(header, linked, formatting);

        setId("copy-payment-links-dialog");
        setHeaderTitle(getTranslation("slips.copyLinks.title"));
        setWidth("min(60rem, 96vw)");

        var summary = new Paragraph(getTranslation("slips.copyLinks.summary", linked.size()));
        summary.setId("copy-links-summary");
        add(summary);

        var rows = new Grid<BillingInvoice>();
        rows.setId("copy-links-rows");
        rows.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        rows.addColumn(BillingInvoice::invoiceNumber).setHeader(header.invoiceNumber()).setAutoWidth(true).setFlexGrow(0);
        rows.addColumn(BillingInvoice::buyerName).setHeader(header.buyer()).setFlexGrow(1);
        rows.addColumn(invoice -> invoice.billingAmount().format(formatting)).setHeader(header.amount())
                .setAutoWidth(true).setFlexGrow(0);
        rows.addColumn(invoice -> java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.format(invoice.dueDate()))
                .setHeader(header.dueDate()).setAutoWidth(true).setFlexGrow(0);
        rows.addColumn(invoice -> invoice.paymentLinkUrl().orElse("")).setHeader(header.url()).setFlexGrow(2);
        rows.setItems(linked);
        // a short list in full, a long one scrolls inside the dialog
        if (linked.size() <= 5) {
            rows.setAllRowsVisible(true);
        } else {
            rows.setHeight("16rem");
        }
        rows.setVisible(!linked.isEmpty());
        add(rows);

        if (!withoutLink.isEmpty()) {
            // named, not silently left out: the merchant may want to create their links first
            var names = String.join(", ", withoutLink.stream().map(BillingInvoice::invoiceNumber).toList());
            var missing = new Div(VaadinIcon.EXCLAMATION_CIRCLE_O.create(),
                    new Paragraph(getTranslation("slips.copyLinks.withoutLink", withoutLink.size(), names)));
            missing.setId("copy-links-without-link");
            missing.addClassName("copy-links-without-link");
            missing.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "baseline")
                    .set("color", "var(--lumo-error-text-color)");
            add(missing);
        }

        var result = new Paragraph();
        result.setId("copy-links-result");
        result.setVisible(false);
        // when the browser refuses the clipboard (a page served over plain http has none), the text to copy by hand
        var manual = new TextArea();
        manual.setId("copy-links-text");
        manual.setValue(tsv);
        manual.setReadOnly(true);
        manual.setWidthFull();
        manual.setVisible(false);
        add(result, manual);

        var copy = new Button(getTranslation("slips.copyLinks.copy"), VaadinIcon.COPY_O.create());
        copy.setId("copy-payment-links-to-clipboard");
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        copy.setEnabled(!linked.isEmpty());
        copy.getElement().setProperty("tsv", tsv);
        copy.getElement().executeJs("""
                this.addEventListener('click', () => navigator.clipboard.writeText(this.tsv).then(
                    () => this.dispatchEvent(new CustomEvent('links-copied')),
                    () => this.dispatchEvent(new CustomEvent('links-copy-failed'))))""");
        copy.getElement().addEventListener("links-copied", event -> {
            result.setText(getTranslation("slips.copyLinks.copied", linked.size()));
            result.setVisible(true);
        });
        copy.getElement().addEventListener("links-copy-failed", event -> {
            result.setText(getTranslation("slips.copyLinks.failed"));
            result.setVisible(true);
            manual.setVisible(true);
        });
        var close = new Button(getTranslation("action.close"), click -> close());
        close.setId("close-copy-links-dialog");
        getFooter().add(close, copy);
    }
}
