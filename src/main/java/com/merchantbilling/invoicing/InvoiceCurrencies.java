package com.merchantbilling.invoicing;

import java.util.List;

/** The currencies a merchant may issue invoices in: all are Stripe presentment currencies. */
public final class InvoiceCurrencies {

    public static final List<String> SUPPORTED = List.of("JPY", "USD", "EUR", "GBP");

    private InvoiceCurrencies() {
    }

    public static boolean supported(String code) {
        return code != null && SUPPORTED.contains(code);
    }
}
