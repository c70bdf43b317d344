package com.merchantbilling.invoicing;

public class InvoiceNumberTakenException extends RuntimeException {

    public InvoiceNumberTakenException(String invoiceNumber) {
        super("Invoice number " + invoiceNumber + " is already used in this organization");
    }
}
