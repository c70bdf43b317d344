package com.merchantbilling.ui.billing;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceDetails;
import com.merchantbilling.invoicing.InvoiceExports;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException;
import com.merchantbilling.invoicing.InvoiceImports;
import com.merchantbilling.invoicing.InvoiceNumberTakenException;
import com.merchantbilling.invoicing.InvoiceNumbers;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.annotation.SpringComponent;

/**
 * The invoice actions of the Billing Invoices tab beyond payment links, in a row of their own above the
 * toolbar (so the filter, selection status and Bulk Action keep their room): New Invoice, CSV import and
 * export; and the invoice details. The module APIs are called here, not in the dialogs.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
class InvoiceActions extends HorizontalLayout {

    private final OrganizationId organization;
    private final BillingInvoices invoices;
    private final InvoiceNumbers numbers;
    private final InvoiceImports imports;
    private final InvoiceExports exports;
    private final InvoiceDetails details;
    private final com.merchantbilling.ui.billing.sharing.SendHistory sendHistory;
    private Supplier<InvoiceListQuery> currentQuery = () -> new InvoiceListQuery("", InvoiceSort.DEFAULT);
    private Runnable listChanged = () -> { };

    InvoiceActions(CurrentMerchant merchant, BillingInvoices invoices, InvoiceNumbers numbers, InvoiceImports imports,
            InvoiceExports exports, InvoiceDetails details, com.merchantbilling.ui.billing.sharing.SendHistory sendHistory) {
        this.organization = merchant.organization();
        this.invoices = invoices;
        this.numbers = numbers;
        this.imports = imports;
        this.exports = exports;
        this.details = details;
        this.sendHistory = sendHistory;
        addClassName("invoice-actions");
        var newInvoice = new Button(getTranslation("invoice.new.button"), VaadinIcon.PLUS.create());
        newInvoice.setId("new-invoice");
        newInvoice.addClickListener(click -> openNewInvoice());
        var importInvoices = new Button(getTranslation("import.button"), VaadinIcon.UPLOAD.create());
        importInvoices.setId("import-invoices");
        importInvoices.addClickListener(click -> openImport());
        add(newInvoice, importInvoices, exportLink());
        // a Viewer reads only: the row stays (the tab lays out around it) with nothing in it
        setVisible(merchant.mayBill());
    }

    /**
     * The list the export downloads ({@code query}, read at the moment of the click) and what to run when
     * an action added invoices to it.
     */
    void connect(Supplier<InvoiceListQuery> query, Runnable onListChanged) {
        this.currentQuery = query;
        this.listChanged = onListChanged;
    }

    private void openNewInvoice() {
        var dialog = new NewInvoiceDialog(numbers.suggestNext(organization), number -> numbers.isTaken(organization, number));
        dialog.addSaveListener(save -> {
            try {
                invoices.issue(organization, save.invoice());
            } catch (InvoiceNumberTakenException e) {
                // someone took the number between validation and saving
                dialog.showNumberTaken(save.invoice().invoiceNumber());
                return;
            } catch (IllegalArgumentException | ArithmeticException e) {
                dialog.showAmountTooLarge();
                return;
            }
            dialog.close();
            listChanged.run();
            Notices.show(getTranslation("invoice.new.saved"), NotificationVariant.LUMO_SUCCESS);
        });
        dialog.open();
    }

    private void openImport() {
        var dialog = new ImportInvoicesDialog();
        dialog.addFileListener(file -> {
            try {
                dialog.showPreview(imports.preview(organization, file.csv()));
            } catch (InvoiceImportException e) {
                dialog.showFileError(e);
            }
        });
        dialog.addImportListener(confirmed -> {
            dialog.showImported(imports.importInvoices(organization, confirmed.preview()));
            listChanged.run();
        });
        dialog.open();
    }

    /** A link that downloads the list as the grid shows it: same filters, same sort, every page. */
    private Anchor exportLink() {
        DownloadHandler download = event -> {
            // the grid's filter and sort at the moment of the click, read under the session lock
            var query = new AtomicReference<InvoiceListQuery>();
            event.getUI().accessSynchronously(() -> query.set(currentQuery.get()));
            event.setFileName("invoices-" + LocalDate.now() + ".csv");
            event.setContentType("text/csv; charset=UTF-8");
            exports.export(organization, query.get().filter(), query.get().onlinePayment(), query.get().sort(),
                    event.getOutputStream());
        };
        var link = new Anchor(download, "");
        link.setId("export-invoices");
        var button = new Button(getTranslation("export.button"), VaadinIcon.DOWNLOAD.create());
        button.setTabIndex(-1);
        link.add(button);
        return link;
    }

    void openDetails(InvoiceId invoice) {
        details.find(organization, invoice).ifPresent(detail -> {
            var dialog = new InvoiceDetailsDialog(detail);
            // the emails to the buyer (sharing's send log), below invoicing's audit trail
            dialog.add(sendHistory.of(invoice, dialog));
            dialog.open();
        });
    }
}
