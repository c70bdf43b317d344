package com.merchantbilling.ui.billing;

import java.util.Objects;

import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentFilter;

/**
 * The invoice list as the grid shows it: its filter text, its Online Payment filter and its sort. The page,
 * the count and the export read the same.
 */
record InvoiceListQuery(String filter, OnlinePaymentFilter onlinePayment, InvoiceSort sort) {

    InvoiceListQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(onlinePayment, "onlinePayment");
        Objects.requireNonNull(sort, "sort");
    }

    InvoiceListQuery(String filter, InvoiceSort sort) {
        this(filter, OnlinePaymentFilter.ALL, sort);
    }
}
