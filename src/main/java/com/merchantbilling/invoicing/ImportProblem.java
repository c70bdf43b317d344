package com.merchantbilling.invoicing;

/** Why an imported row cannot become an invoice. */
public enum ImportProblem {
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
