package com.merchantbilling.ui.billing;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;

/** A compact read-only list of invoices in the payment links dialog, with a reason column where one is given. */
class PaymentLinkInvoiceList extends Grid<BillingInvoice> {

    PaymentLinkInvoiceList(String id, List<BillingInvoice> rows, Function<BillingInvoice, String> reason) {
        Locale formatting = UiTranslations.formatting(getLocale());
        setId(id);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        addColumn(BillingInvoice::invoiceNumber).setHeader(getTranslation("grid.invoiceNumber")).setAutoWidth(true);
        addColumn(BillingInvoice::buyerName).setHeader(getTranslation("grid.buyer"));
        addColumn(invoice -> invoice.billingAmount().format(formatting))
                .setHeader(getTranslation("grid.billingAmount"))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        if (reason != null) {
            addColumn(reason::apply).setHeader(getTranslation("grid.reason")).setAutoWidth(true);
        }
        setItems(rows);
        setAllRowsVisible(rows.size() <= 8);
        if (rows.size() > 8) {
            setHeight("16rem");
        }
    }
}
