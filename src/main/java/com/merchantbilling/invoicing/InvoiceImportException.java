package com.merchantbilling.invoicing;

/** The file as a whole cannot be imported (too large, not CSV, wrong header): nothing was stored. */
public class InvoiceImportException extends RuntimeException {

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
