package com.merchantbilling.ui.billing;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import com.merchantbilling.invoicing.InvoiceLineItem;
import com.merchantbilling.invoicing.Money;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * The line items part of the New Invoice form: the rows, Add line, the lines' error and the billing
 * amount (the lines' sum in minor units, shown as it changes). Its components go straight into the form.
 */
final class InvoiceLines {

    final List<InvoiceLineRow> rows = new ArrayList<>();
    private final Component texts;
    private final Locale formatting;
    private final Supplier<Optional<Currency>> currency;
    private final VerticalLayout rowLayout = new VerticalLayout();
    private final Button addLine;
    private final Span error = new Span();
    private final Span total = new Span();
    private final HorizontalLayout totalRow;

    /** {@code texts} is the component whose locale the texts are in; amounts are formatted for {@code formatting}. */
    InvoiceLines(Component texts, Locale formatting, Supplier<Optional<Currency>> currency) {
        this.texts = texts;
        this.formatting = formatting;
        this.currency = currency;
        rowLayout.setPadding(false);
        rowLayout.setSpacing(false);
        addLine = new Button(texts.getTranslation("invoice.line.add"), VaadinIcon.PLUS.create(), click -> addLine());
        addLine.setId("new-invoice-add-line");
        addLine.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        error.setId("new-invoice-lines-error");
        error.addClassName("field-error");
        total.setId("new-invoice-total");
        total.addClassName("invoice-total");
        totalRow = new HorizontalLayout(new Span(texts.getTranslation("invoice.field.billingAmount")), total);
        totalRow.setAlignItems(FlexComponent.Alignment.BASELINE);
    }

    /** The rows, Add line, the error and the total, in that order. */
    Component[] components() {
        return new Component[] { rowLayout, addLine, error, totalRow };
    }

    InvoiceLineRow addLine() {
        var row = new InvoiceLineRow(rows.size(), currency, this::updateTotal, this::removeLine);
        rows.add(row);
        rowLayout.add(row);
        updateTotal();
        return row;
    }

    private void removeLine(InvoiceLineRow row) {
        rows.remove(row);
        rowLayout.remove(row);
        updateTotal();
    }

    /** The currency changed: prices are checked against its decimals again. */
    void revalidate() {
        rows.forEach(InvoiceLineRow::revalidatePrice);
        updateTotal();
    }

    /** The sum of the lines that are complete and valid so far, in minor units. */
    private void updateTotal() {
        var code = currency.get();
        if (code.isEmpty()) {
            total.setText("");
            return;
        }
        long sum = 0;
        try {
            for (var line : rows) {
                sum = Math.addExact(sum, line.amount(code.get()).map(Money::minorUnits).orElse(0L));
            }
            total.setText(new Money(sum, code.get()).format(formatting));
        } catch (ArithmeticException e) {
            total.setText(texts.getTranslation("validation.amountTooLarge"));
        }
    }

    /** Shows every line's problems; valid when there is at least one line and all are valid. */
    boolean validate() {
        boolean valid = true;
        for (var line : rows) {
            valid &= line.validate().isOk();
        }
        error.setText(rows.isEmpty() ? texts.getTranslation("validation.lineRequired") : "");
        return valid && !rows.isEmpty();
    }

    List<InvoiceLineItem> toLineItems(Currency code) {
        return rows.stream().map(line -> line.toLineItem(code)).toList();
    }

    void showAmountTooLarge() {
        error.setText(texts.getTranslation("validation.amountTooLarge"));
    }

    String totalText() {
        return total.getText();
    }
}
