package com.merchantbilling.invoicing;

public class TooManyInvoicesSelectedException extends IllegalArgumentException {

    public TooManyInvoicesSelectedException(int selected, int limit) {
        super("Payment links can be created for at most " + limit + " invoices at once; " + selected
                + " are selected");
    }
}
