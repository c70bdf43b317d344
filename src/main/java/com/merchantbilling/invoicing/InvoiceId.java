package com.merchantbilling.invoicing;

public record InvoiceId(long value) {

    public InvoiceId {
        if (value <= 0) {
            throw new IllegalArgumentException("An invoice id is positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
