package com.merchantbilling.invoicing;

/** The columns the Billing Invoices list can be sorted by. */
public record InvoiceSort(Field field, boolean descending) {

    public static final InvoiceSort DEFAULT = new InvoiceSort(Field.ISSUE_DATE, true);

    public enum Field {
        INVOICE_NUMBER, BUYER, ISSUE_DATE, DUE_DATE, BILLING_AMOUNT
    }
}
