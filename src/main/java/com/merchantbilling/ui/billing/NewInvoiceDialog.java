package com.merchantbilling.ui.billing;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.merchantbilling.invoicing.InvoiceCurrencies;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.validator.EmailValidator;
import com.vaadin.flow.data.validator.StringLengthValidator;
import com.vaadin.flow.shared.Registration;

/**
 * "New Invoice": buyer, number (suggested), dates, currency and line items. Prices are typed in major
 * units and converted exactly; the billing amount is the lines' sum in minor units, shown as it changes.
 * Saving fires a {@link SaveEvent}; the dialog itself stores nothing.
 */
class NewInvoiceDialog extends Dialog {

    final TextField invoiceNumber = new TextField();
    final TextField buyerName = new TextField();
    final TextField buyerEmail = new TextField();
    final DatePicker issueDate = new DatePicker();
    final DatePicker dueDate = new DatePicker();
    final ComboBox<String> currency = new ComboBox<>();
    private final InvoiceLines lineItems = new InvoiceLines(this,
            UiTranslations.formatting(getLocale()), this::selectedCurrency);
    final List<InvoiceLineRow> lines = lineItems.rows;
    private final Binder<NewInvoiceDraft> binder = new Binder<>();
    private final Binder.Binding<NewInvoiceDraft, LocalDate> dueBinding;

    /** {@code numberTaken} tells whether the organization already has an invoice of that number. */
    NewInvoiceDialog(String suggestedNumber, Predicate<String> numberTaken) {
        setId("new-invoice-dialog");
        setHeaderTitle(getTranslation("invoice.new.title"));
        setWidth("min(60rem, 96vw)");
        setCloseOnOutsideClick(false);

        field(invoiceNumber, "new-invoice-number", "invoice.field.number");
        field(buyerName, "new-invoice-buyer-name", "invoice.field.buyerName");
        field(buyerEmail, "new-invoice-buyer-email", "invoice.field.buyerEmail");
        field(issueDate, "new-invoice-issue-date", "invoice.field.issueDate");
        field(dueDate, "new-invoice-due-date", "invoice.field.dueDate");
        field(currency, "new-invoice-currency", "invoice.field.currency");
        currency.setItems(InvoiceCurrencies.SUPPORTED);
        currency.setAllowCustomValue(false);

        String required = getTranslation("validation.required");
        binder.forField(invoiceNumber).asRequired(required)
                .withValidator(new StringLengthValidator(getTranslation("validation.numberLength"), 1, 64))
                .withValidator(Validator.from(number -> !numberTaken.test(number),
                        context -> getTranslation("validation.numberTaken", invoiceNumber.getValue().strip())))
                .bind(NewInvoiceDraft::getInvoiceNumber, NewInvoiceDraft::setInvoiceNumber);
        binder.forField(buyerName).asRequired(required)
                .withValidator(new StringLengthValidator(getTranslation("validation.buyerLength"), 1, 200))
                .bind(NewInvoiceDraft::getBuyerName, NewInvoiceDraft::setBuyerName);
        binder.forField(buyerEmail).asRequired(required)
                .withValidator(new EmailValidator(getTranslation("validation.email")))
                .bind(NewInvoiceDraft::getBuyerEmail, NewInvoiceDraft::setBuyerEmail);
        binder.forField(issueDate).asRequired(required).bind(NewInvoiceDraft::getIssueDate, NewInvoiceDraft::setIssueDate);
        dueBinding = binder.forField(dueDate).asRequired(required)
                .withValidator(due -> issueDate.getValue() == null || !due.isBefore(issueDate.getValue()),
                        getTranslation("validation.dueBeforeIssue"))
                .bind(NewInvoiceDraft::getDueDate, NewInvoiceDraft::setDueDate);
        binder.forField(currency).asRequired(required).bind(NewInvoiceDraft::getCurrency, NewInvoiceDraft::setCurrency);
        issueDate.addValueChangeListener(change -> {
            if (dueDate.getValue() != null) {
                dueBinding.validate();
            }
        });
        currency.addValueChangeListener(change -> lineItems.revalidate());

        var today = LocalDate.now();
        var draft = new NewInvoiceDraft();
        draft.setInvoiceNumber(suggestedNumber);
        draft.setIssueDate(today);
        draft.setDueDate(today.plusDays(30));
        draft.setCurrency("JPY");
        binder.readBean(draft);

        var form = new FormLayout(invoiceNumber, buyerName, buyerEmail, currency, issueDate, dueDate);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));

        add(form, new H4(getTranslation("invoice.line.title")));
        add(lineItems.components());
        addLine();

        var save = new Button(getTranslation("action.save"), click -> save());
        save.setId("new-invoice-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button(getTranslation("action.cancel"), click -> close());
        cancel.setId("new-invoice-cancel");
        getFooter().add(cancel, save);
    }

    private <T extends Component & HasLabel> void field(T field, String id, String labelKey) {
        field.setId(id);
        field.setLabel(getTranslation(labelKey));
    }

    InvoiceLineRow addLine() {
        return lineItems.addLine();
    }

    private Optional<Currency> selectedCurrency() {
        return Optional.ofNullable(currency.getValue()).map(Currency::getInstance);
    }

    void save() {
        var draft = new NewInvoiceDraft();
        boolean valid = binder.writeBeanIfValid(draft);
        boolean linesValid = lineItems.validate();
        if (!valid || !linesValid) {
            return;
        }
        var code = Currency.getInstance(draft.getCurrency());
        NewInvoice invoice;
        try {
            var items = lineItems.toLineItems(code);
            invoice = NewInvoice.withLineItems(draft.getInvoiceNumber().strip(), draft.getBuyerName().strip(),
                    draft.getBuyerEmail().strip(), draft.getIssueDate(), draft.getDueDate(), code, items);
        } catch (IllegalArgumentException | ArithmeticException e) {
            showAmountTooLarge();
            return;
        }
        fireEvent(new SaveEvent(this, invoice));
    }

    /** Someone took the number between validation and saving. */
    void showNumberTaken(String number) {
        invoiceNumber.setErrorMessage(getTranslation("validation.numberTaken", number));
        invoiceNumber.setInvalid(true);
    }

    void showAmountTooLarge() {
        lineItems.showAmountTooLarge();
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    String totalText() {
        return lineItems.totalText();
    }

    /**
     * Save was clicked and every field is valid: this invoice is to be issued. The listener closes the
     * dialog when it was, or reports why not ({@link #showNumberTaken}, {@link #showAmountTooLarge}).
     */
    static final class SaveEvent extends ComponentEvent<NewInvoiceDialog> {

        private final NewInvoice invoice;

        SaveEvent(NewInvoiceDialog source, NewInvoice invoice) {
            super(source, false);
            this.invoice = invoice;
        }

        NewInvoice invoice() {
            return invoice;
        }
    }
}
