package com.merchantbilling.ui.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceCurrencies;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceLineItem;
import com.merchantbilling.invoicing.InvoiceNumberTakenException;
import com.merchantbilling.invoicing.InvoiceNumbers;
import com.merchantbilling.invoicing.MajorUnits;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.validator.EmailValidator;
import com.vaadin.flow.data.validator.StringLengthValidator;

/**
 * "New Invoice": buyer, number (suggested), dates, currency and line items. Prices are typed in major
 * units and converted exactly; the billing amount is the lines' sum in minor units, shown as it changes.
 */
class NewInvoiceDialog extends Dialog {

    private final OrganizationId organization;
    private final BillingInvoices invoices;
    private final InvoiceNumbers numbers;
    private final Consumer<InvoiceId> onIssued;

    final TextField invoiceNumber = new TextField();
    final TextField buyerName = new TextField();
    final TextField buyerEmail = new TextField();
    final DatePicker issueDate = new DatePicker();
    final DatePicker dueDate = new DatePicker();
    final ComboBox<String> currency = new ComboBox<>();
    final List<LineRow> lines = new ArrayList<>();
    private final VerticalLayout lineRows = new VerticalLayout();
    private final Span total = new Span();
    private final Span linesError = new Span();
    private final Binder<Draft> binder = new Binder<>();
    private final Binder.Binding<Draft, LocalDate> dueBinding;

    NewInvoiceDialog(OrganizationId organization, BillingInvoices invoices, InvoiceNumbers numbers,
            Consumer<InvoiceId> onIssued) {
        this.organization = organization;
        this.invoices = invoices;
        this.numbers = numbers;
        this.onIssued = onIssued;
        setId("new-invoice-dialog");
        setHeaderTitle(getTranslation("invoice.new.title"));
        setWidth("min(60rem, 96vw)");
        setCloseOnOutsideClick(false);

        invoiceNumber.setId("new-invoice-number");
        invoiceNumber.setLabel(getTranslation("invoice.field.number"));
        buyerName.setId("new-invoice-buyer-name");
        buyerName.setLabel(getTranslation("invoice.field.buyerName"));
        buyerEmail.setId("new-invoice-buyer-email");
        buyerEmail.setLabel(getTranslation("invoice.field.buyerEmail"));
        issueDate.setId("new-invoice-issue-date");
        issueDate.setLabel(getTranslation("invoice.field.issueDate"));
        dueDate.setId("new-invoice-due-date");
        dueDate.setLabel(getTranslation("invoice.field.dueDate"));
        currency.setId("new-invoice-currency");
        currency.setLabel(getTranslation("invoice.field.currency"));
        currency.setItems(InvoiceCurrencies.SUPPORTED);
        currency.setAllowCustomValue(false);

        String required = getTranslation("validation.required");
        binder.forField(invoiceNumber).asRequired(required)
                .withValidator(new StringLengthValidator(getTranslation("validation.numberLength"), 1, 64))
                .withValidator(Validator.from(number -> !numbers.isTaken(organization, number),
                        context -> getTranslation("validation.numberTaken", invoiceNumber.getValue().strip())))
                .bind(Draft::getInvoiceNumber, Draft::setInvoiceNumber);
        binder.forField(buyerName).asRequired(required)
                .withValidator(new StringLengthValidator(getTranslation("validation.buyerLength"), 1, 200))
                .bind(Draft::getBuyerName, Draft::setBuyerName);
        binder.forField(buyerEmail).asRequired(required)
                .withValidator(new EmailValidator(getTranslation("validation.email")))
                .bind(Draft::getBuyerEmail, Draft::setBuyerEmail);
        binder.forField(issueDate).asRequired(required).bind(Draft::getIssueDate, Draft::setIssueDate);
        dueBinding = binder.forField(dueDate).asRequired(required)
                .withValidator(due -> issueDate.getValue() == null || !due.isBefore(issueDate.getValue()),
                        getTranslation("validation.dueBeforeIssue"))
                .bind(Draft::getDueDate, Draft::setDueDate);
        binder.forField(currency).asRequired(required).bind(Draft::getCurrency, Draft::setCurrency);
        issueDate.addValueChangeListener(change -> {
            if (dueDate.getValue() != null) {
                dueBinding.validate();
            }
        });
        currency.addValueChangeListener(change -> {
            lines.forEach(LineRow::revalidatePrice);
            updateTotal();
        });

        var today = LocalDate.now();
        var draft = new Draft();
        draft.setInvoiceNumber(numbers.suggestNext(organization));
        draft.setIssueDate(today);
        draft.setDueDate(today.plusDays(30));
        draft.setCurrency("JPY");
        binder.readBean(draft);

        var form = new FormLayout(invoiceNumber, buyerName, buyerEmail, currency, issueDate, dueDate);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));

        lineRows.setPadding(false);
        lineRows.setSpacing(false);
        var addLine = new Button(getTranslation("invoice.line.add"), VaadinIcon.PLUS.create(), click -> addLine());
        addLine.setId("new-invoice-add-line");
        addLine.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        linesError.setId("new-invoice-lines-error");
        linesError.addClassName("field-error");
        total.setId("new-invoice-total");
        total.addClassName("invoice-total");
        var totalRow = new HorizontalLayout(new Span(getTranslation("invoice.field.billingAmount")), total);
        totalRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(form, new H4(getTranslation("invoice.line.title")), lineRows, addLine, linesError, totalRow);
        addLine();

        var save = new Button(getTranslation("action.save"), click -> save());
        save.setId("new-invoice-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button(getTranslation("action.cancel"), click -> close());
        cancel.setId("new-invoice-cancel");
        getFooter().add(cancel, save);
    }

    LineRow addLine() {
        var row = new LineRow(lines.size());
        lines.add(row);
        lineRows.add(row);
        updateTotal();
        return row;
    }

    private void removeLine(LineRow row) {
        lines.remove(row);
        lineRows.remove(row);
        updateTotal();
    }

    private Optional<Currency> selectedCurrency() {
        return Optional.ofNullable(currency.getValue()).map(Currency::getInstance);
    }

    /** The sum of the lines that are complete and valid so far, in minor units. */
    private void updateTotal() {
        var code = selectedCurrency();
        if (code.isEmpty()) {
            total.setText("");
            return;
        }
        long sum = 0;
        try {
            for (var line : lines) {
                sum = Math.addExact(sum, line.amount(code.get()).map(Money::minorUnits).orElse(0L));
            }
            total.setText(new Money(sum, code.get()).format(UiTranslations.formatting(getLocale())));
        } catch (ArithmeticException e) {
            total.setText(getTranslation("validation.amountTooLarge"));
        }
    }

    void save() {
        var draft = new Draft();
        boolean valid = binder.writeBeanIfValid(draft);
        boolean linesValid = true;
        for (var line : lines) {
            linesValid &= line.binder.validate().isOk();
        }
        linesError.setText(lines.isEmpty() ? getTranslation("validation.lineRequired") : "");
        if (!valid || !linesValid || lines.isEmpty()) {
            return;
        }
        var code = Currency.getInstance(draft.getCurrency());
        try {
            var items = lines.stream().map(line -> line.toLineItem(code)).toList();
            var invoice = NewInvoice.withLineItems(draft.getInvoiceNumber().strip(), draft.getBuyerName().strip(),
                    draft.getBuyerEmail().strip(), draft.getIssueDate(), draft.getDueDate(), code, items);
            var id = invoices.issue(organization, invoice);
            close();
            onIssued.accept(id);
        } catch (InvoiceNumberTakenException e) {
            // someone took the number between validation and saving
            invoiceNumber.setErrorMessage(getTranslation("validation.numberTaken", draft.getInvoiceNumber().strip()));
            invoiceNumber.setInvalid(true);
        } catch (IllegalArgumentException | ArithmeticException e) {
            linesError.setText(getTranslation("validation.amountTooLarge"));
        }
    }

    String totalText() {
        return total.getText();
    }

    /** One line item: description, quantity and unit price (major units), and its amount. */
    final class LineRow extends HorizontalLayout {

        final TextField description = new TextField();
        final IntegerField quantity = new IntegerField();
        final BigDecimalField unitPrice = new BigDecimalField();
        private final Span amount = new Span();
        private final Binder<LineDraft> binder = new Binder<>();
        private final Binder.Binding<LineDraft, BigDecimal> priceBinding;

        LineRow(int index) {
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
            var remove = new Button(VaadinIcon.TRASH.create(), click -> removeLine(this));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.setAriaLabel(getTranslation("invoice.line.remove"));
            add(description, quantity, unitPrice, amount, remove);
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
                            price -> selectedCurrency().map(c -> MajorUnits.fits(price, c)).orElse(true),
                            context -> decimalsMessage()))
                    .bind(LineDraft::getUnitPrice, LineDraft::setUnitPrice);
            var line = new LineDraft();
            line.setQuantity(1);
            binder.readBean(line);
            quantity.addValueChangeListener(change -> changed());
            unitPrice.addValueChangeListener(change -> changed());
        }

        private String decimalsMessage() {
            return selectedCurrency().map(c -> c.getDefaultFractionDigits() == 0
                    ? getTranslation("validation.noDecimals", c.getCurrencyCode())
                    : getTranslation("validation.maxDecimals", c.getCurrencyCode(),
                            String.valueOf(c.getDefaultFractionDigits()))).orElse("");
        }

        private void changed() {
            amount.setText(selectedCurrency().flatMap(this::amount)
                    .map(m -> m.format(UiTranslations.formatting(getLocale()))).orElse(""));
            updateTotal();
        }

        void revalidatePrice() {
            if (unitPrice.getValue() != null) {
                priceBinding.validate();
            }
            changed();
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
    }

    /** The form's bean: Binder writes here only when every field is valid. */
    static final class Draft {
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
