package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.InvoiceLineItem;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.vaadin.flow.component.button.Button;

/** The New Invoice dialog on its own: Save fires the invoice as typed, or nothing while a field is invalid. */
class NewInvoiceDialogEventTests extends PlainDialogTestSupport {

    final List<NewInvoiceDialog.SaveEvent> saves = new ArrayList<>();
    NewInvoiceDialog dialog;

    @BeforeEach
    void openDialog() {
        dialog = new NewInvoiceDialog("K-0007", number -> number.equals("K-0001"));
        dialog.addSaveListener(saves::add);
        dialog.open();
        roundTrip();
    }

    @Test
    void startsWithTheSuggestedNumberAndSaveFiresTheTypedInvoice() {
        assertThat(dialog.invoiceNumber.getValue()).isEqualTo("K-0007");
        TypedInvoices.typeHikariTeaAndCups(this, dialog);
        // the saved invoice carries the name trimmed
        test(dialog.buyerName).setValue("  Hikari Foods ");

        test($(Button.class, dialog).id("new-invoice-save")).click();

        assertThat(saves).singleElement().satisfies(save -> {
            assertThat(save.getSource()).isSameAs(dialog);
            assertThat(save.invoice()).isEqualTo(new NewInvoice("K-0007", "Hikari Foods", "billing@hikari.example",
                    LocalDate.of(2027, 1, 10), LocalDate.of(2027, 2, 10), Money.of(6017, "USD"),
                    List.of(new InvoiceLineItem("Green tea", 3, Money.of(1999, "USD")),
                            new InvoiceLineItem("Cups", 2, Money.of(10, "USD")))));
        });
        // closing is the listener's decision, once the invoice is stored
        assertThat(dialog.isOpened()).isTrue();
    }

    @Test
    void aTakenNumberOrAMissingFieldFiresNothing() {
        test(dialog.invoiceNumber).setValue("K-0001");
        test(dialog.buyerEmail).setValue("billing@hikari.example");
        var line = dialog.lines.getFirst();
        test(line.description).setValue("Green tea");
        test(line.unitPrice).setValue(new BigDecimal("1500"));

        test($(Button.class, dialog).id("new-invoice-save")).click();

        assertThat(saves).isEmpty();
        assertThat(dialog.invoiceNumber.getErrorMessage())
                .isEqualTo("Invoice number K-0001 is already used in this organization");
        assertThat(dialog.buyerName.getErrorMessage()).isEqualTo("Required");
    }

    @Test
    void aNumberTakenWhileSavingIsShownOnTheNumberField() {
        dialog.showNumberTaken("K-0007");

        assertThat(dialog.invoiceNumber.isInvalid()).isTrue();
        assertThat(dialog.invoiceNumber.getErrorMessage())
                .isEqualTo("Invoice number K-0007 is already used in this organization");
    }
}
