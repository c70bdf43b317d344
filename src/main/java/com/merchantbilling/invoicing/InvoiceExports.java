package com.merchantbilling.invoicing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;

import com.merchantbilling.organizations.OrganizationId;

/** The Billing Invoices list as a CSV file, read in chunks so that a slow download holds no database connection. */
public interface InvoiceExports {

    /** The import's columns first, so an exported file imports again, then the online payment. */
    List<String> COLUMNS = List.of("invoice_number", "buyer_name", "buyer_email", "issue_date", "due_date", "currency",
            "amount", "online_payment", "payment_link_url", "paid_at", "payment_flags");

    /**
     * Writes every invoice matching the filter (as {@link BillingInvoices#count}) in the sort order, all
     * pages, as UTF-8 CSV with a byte order mark (spreadsheets then read Japanese text correctly).
     *
     * @return the number of invoices written
     */
    @PreAuthorize("@merchantRoles.billing('export invoices', #organization)")
    default long export(OrganizationId organization, String filter, InvoiceSort sort, OutputStream out)
            throws IOException {
        return export(organization, filter, OnlinePaymentFilter.ALL, sort, out);
    }

    /** As the grid shows the list: the text filter and the online payment filter together. */
    @PreAuthorize("@merchantRoles.billing('export invoices', #organization)")
    long export(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment, InvoiceSort sort,
            OutputStream out) throws IOException;
}
