package com.merchantbilling.invoicing;

import java.io.InputStream;
import java.util.List;

import com.merchantbilling.organizations.OrganizationId;

/**
 * Invoices from a CSV file (UTF-8, comma separated, RFC 4180 quoting) with the header
 * {@value #HEADER}. Every row is checked first ({@link #preview}); then the valid rows are stored in one
 * transaction ({@link #importInvoices}). See README.md, "Importing invoices from CSV".
 */
public interface InvoiceImports {

    String HEADER = "invoice_number,buyer_name,buyer_email,issue_date,due_date,currency,amount";
    List<String> COLUMNS = List.of(HEADER.split(","));
    long MAX_FILE_BYTES = 10L * 1024 * 1024;
    int MAX_ROWS = 100_000;

    /**
     * Reads and checks the file against the organization's invoices; stores nothing.
     *
     * @throws InvoiceImportException when the file as a whole is unusable
     */
    ImportPreview preview(OrganizationId organization, InputStream csv);

    /**
     * Stores the preview's valid rows in one transaction. A number someone used since the preview is
     * skipped and reported, the other rows are stored.
     */
    ImportResult importInvoices(OrganizationId organization, ImportPreview preview);
}
