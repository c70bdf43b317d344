package com.merchantbilling.ui.billing;

import java.time.LocalDate;

/** The form's bean: Binder writes here only when every field is valid. */
final class NewInvoiceDraft {
    private String invoiceNumber;
    private String buyerName;
    private String buyerEmail;
    private LocalDate issueDate;
    private LocalDate dueDate;
    private String currency;

    String getInvoiceNumber() { return invoiceNumber; }
    void setInvoiceNumber(String value) { invoiceNumber = value; }
    String getBuyerName() { return buyerName; }
    void setBuyerName(String value) { buyerName = value; }
    String getBuyerEmail() { return buyerEmail; }
    void setBuyerEmail(String value) { buyerEmail = value; }
    LocalDate getIssueDate() { return issueDate; }
    void setIssueDate(LocalDate value) { issueDate = value; }
    LocalDate getDueDate() { return dueDate; }
    void setDueDate(LocalDate value) { dueDate = value; }
    String getCurrency() { return currency; }
    void setCurrency(String value) { currency = value; }
}
