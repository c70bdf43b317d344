package com.merchantbilling.ui.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.merchantbilling.invoicing.InvoiceLineItem;
import com.merchantbilling.invoicing.MajorUnits;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.BinderValidationStatus;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.validator.StringLengthValidator;

/** One line item of a new invoice: description, quantity and unit price (major units), and its amount. */
final class InvoiceLineRow extends HorizontalLayout {

    final TextField description = new TextField();
    final IntegerField quantity = new IntegerField();
    final BigDecimalField unitPrice = new BigDecimalField();
    private final Span amount = new Span();
    private final Binder<LineDraft> binder = new Binder<>();
    private final Binder.Binding<LineDraft, BigDecimal> priceBinding;
    private final Supplier<Optional<Currency>> currency;
    private final Runnable changed;

    /** {@code currency} is the invoice's (none while unset); {@code changed} runs when the amount may have. */
    InvoiceLineRow(int index, Supplier<Optional<Currency>> currency, Runnable changed,
            Consumer<InvoiceLineRow> remove) {
        this.currency = currency;
        this.changed = changed;
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWidthFull();
        description.setId("new-invoice-line-description-" + index);
        description.setPlaceholder(getTranslation("invoice.line.description"));
        description.setAriaLabel(getTranslation("invoice.line.description"));
        quantity.setId("new-invoice-line-quantity-" + index);
        quantity.setAriaLabel(getTranslation("invoice.line.quantity"));
        quantity.setPlaceholder(getTranslation("invoice.line.quantity"));
        quantity.setStepButtonsVisible(true);
        quantity.setWidth("8em");
        unitPrice.setId("new-invoice-line-unit-price-" + index);
        unitPrice.setAriaLabel(getTranslation("invoice.line.unitPrice"));
        unitPrice.setPlaceholder(getTranslation("invoice.line.unitPrice"));
        unitPrice.setWidth("10em");
        amount.addClassName("line-amount");
        var removeButton = new Button(VaadinIcon.TRASH.create(), click -> remove.accept(this));
        removeButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        removeButton.setAriaLabel(getTranslation("invoice.line.remove"));
        add(description, quantity, unitPrice, amount, removeButton);
        expand(description);

        String required = getTranslation("validation.required");
        binder.forField(description).asRequired(required)
                .withValidator(new StringLengthValidator(getTranslation("validation.descriptionLength"), 1, 500))
                .bind(LineDraft::getDescription, LineDraft::setDescription);
        binder.forField(quantity).asRequired(required)
                .withValidator(q -> q >= 1, getTranslation("validation.quantity"))
                .bind(LineDraft::getQuantity, LineDraft::setQuantity);
        priceBinding = binder.forField(unitPrice).asRequired(required)
                .withValidator(Validator.from(
                        price -> currency.get().map(c -> MajorUnits.fits(price, c)).orElse(true),
                        context -> decimalsMessage()))
                .bind(LineDraft::getUnitPrice, LineDraft::setUnitPrice);
        var line = new LineDraft();
        line.setQuantity(1);
        binder.readBean(line);
        quantity.addValueChangeListener(change -> amountChanged());
        unitPrice.addValueChangeListener(change -> amountChanged());
    }

    private String decimalsMessage() {
        return currency.get().map(c -> c.getDefaultFractionDigits() == 0
                ? getTranslation("validation.noDecimals", c.getCurrencyCode())
                : getTranslation("validation.maxDecimals", c.getCurrencyCode(),
                        String.valueOf(c.getDefaultFractionDigits()))).orElse("");
    }

    private void amountChanged() {
        amount.setText(currency.get().flatMap(this::amount)
                .map(m -> m.format(UiTranslations.formatting(getLocale()))).orElse(""));
        changed.run();
    }

    void revalidatePrice() {
        if (unitPrice.getValue() != null) {
            priceBinding.validate();
        }
        amountChanged();
    }

    BinderValidationStatus<LineDraft> validate() {
        return binder.validate();
    }

    /** The line's amount if its quantity and price are usable in the currency. */
    Optional<Money> amount(Currency code) {
        Integer q = quantity.getValue();
        BigDecimal price = unitPrice.getValue();
        if (q == null || q < 1 || price == null || !MajorUnits.fits(price, code)) {
            return Optional.empty();
        }
        return Optional.of(new Money(Math.multiplyExact(q.longValue(),
                MajorUnits.toMoney(price, code).minorUnits()), code));
    }

    InvoiceLineItem toLineItem(Currency code) {
        return new InvoiceLineItem(description.getValue(), quantity.getValue(),
                MajorUnits.toMoney(unitPrice.getValue(), code));
    }

    static final class LineDraft {
        private String description;
        private Integer quantity;
        private BigDecimal unitPrice;

        String getDescription() { return description; }
        void setDescription(String value) { description = value; }
        Integer getQuantity() { return quantity; }
        void setQuantity(Integer value) { quantity = value; }
        BigDecimal getUnitPrice() { return unitPrice; }
        void setUnitPrice(BigDecimal value) { unitPrice = value; }
    }
}
