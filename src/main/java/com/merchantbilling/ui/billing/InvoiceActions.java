package com.merchantbilling.ui.billing;

import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceImports;
import com.merchantbilling.invoicing.InvoiceNumbers;
import com.merchantbilling.organizations.MerchantUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * The invoice actions of the Billing Invoices tab beyond payment links: New Invoice, CSV import and
 * export, and the invoice details. One stateless bean holding the module APIs the actions call.
 */
@Component
public class InvoiceActions {

    private final BillingInvoices invoices;
    private final InvoiceNumbers numbers;
    private final InvoiceImports imports;

    InvoiceActions(BillingInvoices invoices, InvoiceNumbers numbers, InvoiceImports imports) {
        this.invoices = invoices;
        this.numbers = numbers;
        this.imports = imports;
    }

    void addTo(BillingInvoicesTab tab, MerchantUser user) {
        var organization = user.organizationId();
        var newInvoice = new Button(tab.getTranslation("invoice.new.button"), VaadinIcon.PLUS.create());
        newInvoice.setId("new-invoice");
        newInvoice.addClickListener(click -> new NewInvoiceDialog(organization, invoices, numbers, issued -> {
            tab.showPage(0);
            var notification = Notification.show(tab.getTranslation("invoice.new.saved"), 5000,
                    Notification.Position.BOTTOM_START);
            notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }).open());
        var importInvoices = new Button(tab.getTranslation("import.button"), VaadinIcon.UPLOAD.create());
        importInvoices.setId("import-invoices");
        importInvoices.addClickListener(click -> new ImportInvoicesDialog(organization, imports,
                () -> tab.showPage(0)).open());
        tab.addToolbarActions(newInvoice, importInvoices);
    }
}
