package com.merchantbilling.invoicing;

import java.io.InputStream;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;

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
    @PreAuthorize("@merchantRoles.billing('import invoices', #organization)")
    ImportPreview preview(OrganizationId organization, InputStream csv);

    /**
     * Stores the preview's valid rows in one transaction. A number someone used since the preview is
     * skipped and reported, the other rows are stored.
     */
    @PreAuthorize("@merchantRoles.billing('import invoices', #organization)")
    ImportResult importInvoices(OrganizationId organization, ImportPreview preview);

    /**
     * An import file read and checked, nothing stored yet.
     *
     * @param rows every data row in the file
     */
    record ImportPreview(int rows, List<ImportedInvoice> valid, List<ImportRowError> errors) {

        public ImportPreview {
            valid = List.copyOf(valid);
            errors = List.copyOf(errors);
        }
    }

    /** What an import stored, and every row it skipped with the reason. */
    record ImportResult(int imported, List<ImportRowError> skipped) {

        public ImportResult {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * A row of an import file that was (or will be) skipped.
     *
     * @param line          the line in the file, 1 being the header
     * @param invoiceNumber as written in the row, possibly blank
     * @param column        the column at fault, blank for the row as a whole
     * @param message       what is wrong, in English, with the value that was found
     */
    record ImportRowError(int line, String invoiceNumber, ImportProblem problem, String column, String message) {
    }

    /** Why an imported row cannot become an invoice. */
    enum ImportProblem {
        WRONG_COLUMN_COUNT,
        MISSING_VALUE,
        TOO_LONG,
        INVALID_INVOICE_NUMBER,
        INVALID_EMAIL,
        INVALID_DATE,
        DUE_BEFORE_ISSUE,
        UNSUPPORTED_CURRENCY,
        INVALID_AMOUNT,
        DUPLICATE_IN_FILE,
        NUMBER_TAKEN
    }

    /** A valid row of an import file and the invoice it becomes. */
    record ImportedInvoice(int line, NewInvoice invoice) {
    }

    /** The file as a whole cannot be imported (too large, not CSV, wrong header): nothing was stored. */
    class InvoiceImportException extends RuntimeException {

        public enum Reason { TOO_LARGE, TOO_MANY_ROWS, EMPTY, BAD_HEADER, NOT_READABLE }

        private final Reason reason;

        public InvoiceImportException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
