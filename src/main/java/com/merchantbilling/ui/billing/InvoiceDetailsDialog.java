package com.merchantbilling.ui.billing;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import com.merchantbilling.invoicing.InvoiceDetails.AuditEntry;
import com.merchantbilling.invoicing.InvoiceDetails;
import com.merchantbilling.invoicing.InvoiceLineItem;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;

/** One invoice: its fields, line items and the audit trail of its online payment. Read-only. */
class InvoiceDetailsDialog extends Dialog {

    final Grid<InvoiceLineItem> lineItems = new Grid<>();
    final Grid<AuditEntry> auditTrail = new Grid<>();

    InvoiceDetailsDialog(InvoiceDetails.Details detail) {
        var invoice = detail.invoice();
        var locale = UiTranslations.formatting(getLocale());
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        var times = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault());
        setId("invoice-details-dialog");
        setHeaderTitle(getTranslation("details.title", invoice.invoiceNumber()));
        setWidth("min(64rem, 96vw)");

        var fields = new FormLayout();
        fields.addFormItem(value(invoice.invoiceNumber()), getTranslation("invoice.field.number"));
        fields.addFormItem(value(invoice.buyerName()), getTranslation("invoice.field.buyerName"));
        fields.addFormItem(value(detail.buyerEmail().orElse("")), getTranslation("invoice.field.buyerEmail"));
        fields.addFormItem(value(dates.format(invoice.issueDate())), getTranslation("invoice.field.issueDate"));
        fields.addFormItem(value(dates.format(invoice.dueDate())), getTranslation("invoice.field.dueDate"));
        fields.addFormItem(value(invoice.billingAmount().format(locale)), getTranslation("invoice.field.billingAmount"));
        fields.addFormItem(value(getTranslation("status." + invoice.onlinePayment().name())),
                getTranslation("details.onlinePayment"));
        fields.addFormItem(paymentLinkUrl(invoice.paymentLinkUrl().orElse("")), getTranslation("details.paymentLinkUrl"));
        invoice.paymentLinkUrl().ifPresent(url -> fields.addFormItem(
                new com.merchantbilling.ui.billing.slips.PaymentLinkQrPanel(invoice), getTranslation("slips.qr.label")));
        var flags = new java.util.ArrayList<String>();
        for (var flag : invoice.flags()) {
            flags.add(flag == com.merchantbilling.invoicing.PaymentFlag.PAYMENT_DIFFERS
                    && invoice.differingPayment().isPresent()
                    ? getTranslation("flag." + flag.name()) + " (" + getTranslation("payment.detail.differs",
                            invoice.differingPayment().get().format(locale), invoice.billingAmount().format(locale)) + ")"
                    : getTranslation("flag." + flag.name()));
        }
        var flagsValue = value(String.join(" · ", flags));
        flagsValue.setId("invoice-details-flags");
        fields.addFormItem(flagsValue, getTranslation("details.flags"));

        lineItems.setId("invoice-details-line-items");
        lineItems.addThemeVariants(GridVariant.LUMO_COMPACT);
        lineItems.addColumn(InvoiceLineItem::description).setHeader(getTranslation("invoice.line.description"))
                .setFlexGrow(1);
        lineItems.addColumn(InvoiceLineItem::quantity).setHeader(getTranslation("invoice.line.quantity"))
                .setAutoWidth(true).setFlexGrow(0);
        lineItems.addColumn(line -> line.unitPrice().format(locale)).setHeader(getTranslation("invoice.line.unitPrice"))
                .setAutoWidth(true).setFlexGrow(0);
        lineItems.addColumn(line -> line.amount().format(locale)).setHeader(getTranslation("invoice.line.amount"))
                .setAutoWidth(true).setFlexGrow(0);
        lineItems.setItems(detail.lineItems());
        lineItems.setAllRowsVisible(true);
        var noLines = new Span(getTranslation("details.noLineItems"));
        noLines.setVisible(detail.lineItems().isEmpty());
        lineItems.setVisible(!detail.lineItems().isEmpty());

        auditTrail.setId("invoice-details-audit");
        // long Stripe ids and details wrap inside the dialog instead of running past its edge
        auditTrail.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        auditTrail.addColumn(entry -> times.format(entry.occurredAt())).setHeader(getTranslation("audit.when"))
                .setAutoWidth(true).setFlexGrow(0);
        auditTrail.addColumn(entry -> getTranslation("audit.action." + entry.action().name()))
                .setHeader(getTranslation("audit.what")).setAutoWidth(true).setFlexGrow(0);
        auditTrail.addColumn(AuditEntry::actor).setHeader(getTranslation("audit.who")).setAutoWidth(true).setFlexGrow(0);
        auditTrail.addColumn(entry -> String.join(" ", entry.paymentLinkId().orElse(""),
                entry.checkoutSessionId().orElse(""), entry.stripeEventId().orElse("")).strip())
                .setHeader(getTranslation("audit.stripe")).setWidth("14em").setFlexGrow(1);
        auditTrail.addColumn(entry -> entry.detail().orElse("")).setHeader(getTranslation("audit.detail"))
                .setWidth("14em").setFlexGrow(2);
        auditTrail.setItems(detail.auditTrail());
        auditTrail.setAllRowsVisible(true);
        var noAudit = new Span(getTranslation("details.noAudit"));
        noAudit.setVisible(detail.auditTrail().isEmpty());

        add(fields, new H4(getTranslation("invoice.line.title")), lineItems, noLines,
                new H4(getTranslation("details.auditTrail")), auditTrail, noAudit);
        var close = new Button(getTranslation("action.close"), click -> close());
        close.setId("invoice-details-close");
        getFooter().add(close);
    }

    /** The URL wraps anywhere (it has no spaces) and has a copy button, so it never runs past the dialog's edge. */
    private com.vaadin.flow.component.Component paymentLinkUrl(String url) {
        if (url.isEmpty()) {
            return value("");
        }
        var link = new com.vaadin.flow.component.html.Anchor(url, url);
        link.setTarget("_blank");
        link.setId("invoice-details-url");
        var copy = new Button(getTranslation("payment.copyShort"), com.vaadin.flow.component.icon.VaadinIcon.COPY_O.create());
        copy.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY,
                com.vaadin.flow.component.button.ButtonVariant.LUMO_SMALL);
        copy.setAriaLabel(getTranslation("payment.copyUrl"));
        // the clipboard takes writes only during the click itself, so the browser copies, not the server
        copy.getElement().executeJs("this.addEventListener('click', () => navigator.clipboard.writeText($0))", url);
        var box = new com.vaadin.flow.component.html.Div(link, copy);
        box.addClassName("details-url");
        return box;
    }

    private static Span value(String text) {
        return new Span(text);
    }
}
