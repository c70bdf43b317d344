package com.merchantbilling.ui.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.vaadin.browserless.TesterWrappers;

/**
 * What the New Invoice dialog tests type, in one place: with and without Spring they type the same invoice and
 * expect the same total (USD 60.17), so a change to the dialog's fields changes one fixture.
 */
final class TypedInvoices {

    private TypedInvoices() {
    }

    /** Hikari Foods, USD, 3 x Green tea at 19.99 and 2 x Cups at 0.10, issued 2027-01-10, due 2027-02-10. */
    static void typeHikariTeaAndCups(TesterWrappers user,
            NewInvoiceDialog dialog) {
        user.test(dialog.buyerName).setValue("Hikari Foods");
        user.test(dialog.buyerEmail).setValue("billing@hikari.example");
        user.test(dialog.currency).selectItem("USD");
        user.test(dialog.issueDate).setValue(LocalDate.of(2027, 1, 10));
        user.test(dialog.dueDate).setValue(LocalDate.of(2027, 2, 10));
        var tea = dialog.lines.getFirst();
        user.test(tea.description).setValue("Green tea");
        user.test(tea.quantity).setValue(3);
        user.test(tea.unitPrice).setValue(new BigDecimal("19.99"));
        var cups = dialog.addLine();
        user.test(cups.description).setValue("Cups");
        user.test(cups.quantity).setValue(2);
        user.test(cups.unitPrice).setValue(new BigDecimal("0.10"));
    }
}
