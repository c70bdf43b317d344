package com.merchantbilling.ui.billing;

import java.util.Objects;

import com.merchantbilling.invoicing.InvoiceSort;

/** The invoice list as the grid shows it: its filter text and sort. The page and the export read the same. */
record InvoiceListQuery(String filter, InvoiceSort sort) {

    InvoiceListQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
    }
}
