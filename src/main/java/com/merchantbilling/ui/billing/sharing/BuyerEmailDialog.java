package com.merchantbilling.ui.billing.sharing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.sharing.BuyerLanguage;
import com.merchantbilling.sharing.BuyerMessages.Excluded;
import com.merchantbilling.sharing.BuyerMessages.Outcome;
import com.merchantbilling.sharing.BuyerMessages.Plan;
import com.merchantbilling.sharing.BuyerMessages.Recipient;
import com.merchantbilling.sharing.BuyerMessages.Result;
import com.merchantbilling.sharing.MessageKind;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;

/**
 * Email Payment Links / Send Reminder: who gets which email in which language (chosen per row), who cannot and
 * why; Send hands the choice to {@code onSend}; the result per invoice comes back through {@link #showOutcomes},
 * with Retry for what the mail server could not take.
 */
class BuyerEmailDialog extends Dialog {

    private final MessageKind kind;
    private final Locale formatting = UiTranslations.formatting(getLocale());
    private final DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(formatting);
    private final VerticalLayout body = new VerticalLayout();
    private final Button send = new Button();
    private final Button retry = new Button();
    private final Button close = new Button("", click -> close());
    private final Checkbox resend = new Checkbox();
    private final Map<InvoiceId, BuyerLanguage> languages = new HashMap<>();
    private final Plan plan;

    record SendRequest(List<InvoiceId> invoices, Map<InvoiceId, BuyerLanguage> languages) {
    }

    BuyerEmailDialog(Plan plan, Consumer<SendRequest> onSend, Runnable onRetry) {
        this.kind = plan.kind();
        this.plan = plan;
        setHeaderTitle(text("title"));
        setId("buyer-email-dialog");
        setWidth("min(64rem, 95vw)");
        setCloseOnOutsideClick(false);
        body.setPadding(false);
        add(body);
        plan.recipients().forEach(r -> languages.put(r.invoice(), r.language()));

        send.setId("send-buyer-emails");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setDisableOnClick(true);
        send.addClickListener(click -> onSend.accept(new SendRequest(chosen(), Map.copyOf(languages))));
        retry.setId("retry-buyer-emails");
        retry.setText(getTranslation("sharing.retry"));
        retry.setVisible(false);
        retry.setDisableOnClick(true);
        retry.addClickListener(click -> onRetry.run());
        close.setText(getTranslation("action.cancel"));
        close.setId("close-buyer-email-dialog");
        getFooter().add(close, retry, send);
        showPlan();
    }

    private String text(String key, Object... params) {
        return getTranslation("sharing." + (kind == MessageKind.PAYMENT_LINK ? "email" : "reminder") + "." + key,
                params);
    }

    private List<InvoiceId> chosen() {
        return plan.recipients().stream().filter(r -> resend.getValue() || r.lastSent().isEmpty())
                .map(Recipient::invoice).toList();
    }

    private void showPlan() {
        var recipients = plan.recipients();
        long already = recipients.stream().filter(r -> r.lastSent().isPresent()).count();
        body.add(new H4(text("willSend")));
        if (recipients.isEmpty()) {
            body.add(new Paragraph(text("noneCan")));
        } else {
            var grid = new Grid<Recipient>();
            grid.setId("buyer-email-recipients");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            grid.addColumn(Recipient::invoiceNumber).setHeader(getTranslation("grid.invoiceNumber")).setAutoWidth(true).setFlexGrow(0);
            grid.addColumn(Recipient::buyerName).setHeader(getTranslation("grid.buyer")).setFlexGrow(1);
            grid.addColumn(Recipient::email).setHeader(getTranslation("sharing.email")).setFlexGrow(1)
                    .setTooltipGenerator(Recipient::email);
            grid.addColumn(r -> r.amount().format(formatting)).setHeader(getTranslation("grid.billingAmount"))
                    .setAutoWidth(true).setFlexGrow(0);
            grid.addColumn(r -> dates.format(r.dueDate())).setHeader(getTranslation("grid.dueDate")).setAutoWidth(true).setFlexGrow(0);
            grid.addComponentColumn(this::languageSelect).setHeader(getTranslation("sharing.language")).setWidth("9.5em").setFlexGrow(0);
            grid.addColumn(r -> r.lastSent().map(at -> dates.format(at.atZone(ZoneOffset.UTC))).orElse(""))
                    .setHeader(getTranslation("sharing.lastSent")).setAutoWidth(true).setFlexGrow(0);
            grid.setItems(recipients);
            grid.setAllRowsVisible(recipients.size() <= 8);
            if (recipients.size() > 8) {
                grid.setHeight("18rem");
            }
            body.add(grid);
            if (already > 0) {
                resend.setLabel(text("resend", already));
                resend.setId("resend-already-sent");
                resend.addValueChangeListener(change -> updateSend());
                body.add(resend);
            }
        }
        if (!plan.excluded().isEmpty()) {
            body.add(new H4(text("cannotSend", (long) plan.excluded().size())));
            var grid = new Grid<Excluded>();
            grid.setId("buyer-email-excluded");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT);
            grid.addColumn(Excluded::invoiceNumber).setHeader(getTranslation("grid.invoiceNumber")).setAutoWidth(true).setFlexGrow(0);
            grid.addColumn(Excluded::buyerName).setHeader(getTranslation("grid.buyer")).setFlexGrow(1);
            grid.addColumn(e -> e.email().orElse("")).setHeader(getTranslation("sharing.email")).setFlexGrow(1);
            grid.addColumn(e -> getTranslation("sharing.reason." + e.reason().name())).setHeader(getTranslation("sharing.why"))
                    .setFlexGrow(1);
            grid.setItems(plan.excluded());
            grid.setAllRowsVisible(plan.excluded().size() <= 6);
            if (plan.excluded().size() > 6) {
                grid.setHeight("12rem");
            }
            body.add(grid);
        }
        updateSend();
    }

    private Select<BuyerLanguage> languageSelect(Recipient recipient) {
        var select = new Select<BuyerLanguage>();
        select.setItems(BuyerLanguage.values());
        select.setItemLabelGenerator(language -> getTranslation("sharing.language." + language.name()));
        select.setValue(languages.get(recipient.invoice()));
        select.setWidthFull();
        select.addThemeName("small");
        select.setAriaLabel(getTranslation("sharing.language") + " " + recipient.invoiceNumber());
        select.addClassName("buyer-language");
        select.getElement().setAttribute("data-invoice", recipient.invoiceNumber());
        select.addValueChangeListener(change -> languages.put(recipient.invoice(), change.getValue()));
        return select;
    }

    private void updateSend() {
        int n = chosen().size();
        send.setText(text("send", (long) n));
        send.setEnabled(n > 0);
    }

    /** The run's result per invoice. */
    void showOutcomes(Collection<Outcome> sent) {
        // the invoices that could not get one are part of the result too, named as in the confirmation
        var outcomes = new ArrayList<>(sent);
        plan.excluded().stream().filter(e -> sent.stream().noneMatch(o -> o.invoice().equals(e.invoice())))
                .map(Outcome::of).forEach(outcomes::add);
        body.removeAll();
        var counts = new EnumMap<Result, Long>(Result.class);
        outcomes.forEach(o -> counts.merge(o.result(), 1L, Long::sum));
        var summary = new ArrayList<String>();
        for (var result : Result.values()) {
            if (counts.containsKey(result)) {
                summary.add(getTranslation("sharing.result.count." + result.name(), counts.get(result)));
            }
        }
        var heading = new Span(String.join(" · ", summary));
        heading.setId("buyer-email-result");
        heading.addClassName("buyer-email-result");
        body.add(heading);
        if (counts.containsKey(Result.UNAVAILABLE)) {
            var hint = new Paragraph(getTranslation("sharing.result.unavailableHint"));
            hint.setId("buyer-email-unavailable-hint");
            body.add(hint);
        }
        var grid = new Grid<Outcome>();
        grid.setId("buyer-email-outcomes");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Outcome::invoiceNumber).setHeader(getTranslation("grid.invoiceNumber")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Outcome::recipient).setHeader(getTranslation("sharing.email")).setFlexGrow(1);
        grid.addColumn(this::outcomeText).setHeader(getTranslation("sharing.result")).setFlexGrow(2);
        grid.setItems(List.copyOf(outcomes));
        grid.setAllRowsVisible(outcomes.size() <= 10);
        if (outcomes.size() > 10) {
            grid.setHeight("22rem");
        }
        body.add(grid);
        send.setVisible(false);
        resend.setVisible(false);
        retry.setVisible(counts.containsKey(Result.UNAVAILABLE));
        retry.setEnabled(true);
        close.setText(getTranslation("action.close"));
    }

    String outcomeText(Outcome outcome) {
        var text = outcome.result() == Result.NOT_SENT
                ? getTranslation("sharing.result.NOT_SENT", getTranslation("sharing.reason." + outcome.notSent().orElseThrow().name()))
                : getTranslation("sharing.result." + outcome.result().name());
        return outcome.detail().map(detail -> text + ": " + detail).orElse(text);
    }
}
