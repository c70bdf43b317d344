package com.merchantbilling.ui.billing;

import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.InvoiceDetails;
import com.merchantbilling.invoicing.InvoiceExports;
import com.merchantbilling.invoicing.InvoiceId;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.merchantbilling.invoicing.InvoiceImports;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.time.LocalDate;
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
    private final InvoiceExports exports;
    private final InvoiceDetails details;

    InvoiceActions(BillingInvoices invoices, InvoiceNumbers numbers, InvoiceImports imports, InvoiceExports exports,
            InvoiceDetails details) {
        this.details = details;
        this.invoices = invoices;
        this.numbers = numbers;
        this.imports = imports;
        this.exports = exports;
    }

    /** A link that downloads the list as the grid shows it: same filter, same sort, every page. */
    private Anchor exportLink(BillingInvoicesTab tab, OrganizationId organization) {
        DownloadHandler download = event -> {
            // the grid's filter and sort at the moment of the click, read under the session lock
            var query = new java.util.concurrent.atomic.AtomicReference<InvoiceListQuery>();
            event.getUI().accessSynchronously(() -> query.set(tab.currentQuery()));
            event.setFileName("invoices-" + LocalDate.now() + ".csv");
            event.setContentType("text/csv; charset=UTF-8");
            exports.export(organization, query.get().filter(), query.get().sort(), event.getOutputStream());
        };
        var link = new Anchor(download, "");
        link.setId("export-invoices");
        var button = new Button(tab.getTranslation("export.button"), VaadinIcon.DOWNLOAD.create());
        button.setTabIndex(-1);
        link.add(button);
        return link;
    }

    void openDetails(OrganizationId organization, InvoiceId invoice) {
        details.find(organization, invoice).ifPresent(detail -> new InvoiceDetailsDialog(detail).open());
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
        tab.addToolbarActions(newInvoice, importInvoices, exportLink(tab, organization));
        tab.addDetailsListener(invoice -> openDetails(organization, invoice.id()));
    }
}
