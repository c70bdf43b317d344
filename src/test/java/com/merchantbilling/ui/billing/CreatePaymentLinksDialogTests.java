package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.PaymentLinkRequests.IneligibleInvoice;
import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkRequestResult;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkTargets;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/** The payment links dialog on its own: what it shows, the events it fires, the progress it is told. */
class CreatePaymentLinksDialogTests extends PlainDialogTestSupport {

    final BillingInvoice first = invoice(1, 1200, OnlinePaymentStatus.NOT_CREATED);
    final BillingInvoice second = invoice(2, 800, OnlinePaymentStatus.NOT_CREATED);
    final BillingInvoice zero = invoice(3, 0, OnlinePaymentStatus.NOT_CREATED);
    final InvoiceId gone = new InvoiceId(4);
    final LinkedHashSet<InvoiceId> selection = new LinkedHashSet<>(List.of(first.id(), second.id(), zero.id(), gone));
    final List<CreatePaymentLinksDialog.CreateEvent> creates = new ArrayList<>();

    CreatePaymentLinksDialog open(PaymentLinkTargets targets) {
        var dialog = new CreatePaymentLinksDialog(selection, targets);
        dialog.addCreateListener(creates::add);
        dialog.open();
        roundTrip();
        return dialog;
    }

    @Test
    void createFiresTheWholeSelectionAndShowsTheProgressItIsTold() {
        var dialog = open(new PaymentLinkTargets(List.of(first, second),
                List.of(new IneligibleInvoice(zero, Ineligibility.AMOUNT_NOT_POSITIVE)), List.of(gone)));
        @SuppressWarnings("unchecked")
        Grid<BillingInvoice> targets = $(Grid.class, dialog).id("target-invoices");
        @SuppressWarnings("unchecked")
        Grid<BillingInvoice> ineligible = $(Grid.class, dialog).id("ineligible-invoices");
        assertThat(test(targets).size()).isEqualTo(2);
        assertThat(test(ineligible).getCellText(0, 3)).isEqualTo("Billing amount is zero");
        assertThat($(Paragraph.class, dialog).all()).extracting(Paragraph::getText)
                .contains("1 selected invoices no longer exist.");

        test($(Button.class, dialog).id("create-payment-links")).click();

        assertThat(creates).singleElement().satisfies(event -> {
            assertThat(event.invoices()).containsExactly(first.id(), second.id(), zero.id(), gone);
            assertThat(event.getSource()).isSameAs(dialog);
        });
        dialog.showRequested(new PaymentLinkRequestResult(List.of(first.id(), second.id()),
                List.of(new IneligibleInvoice(zero, Ineligibility.AMOUNT_NOT_POSITIVE)), List.of(gone)));
        dialog.showProgress(List.of(requested(first), requested(second)));
        assertThat(text(dialog, "payment-links-progress-text")).isEqualTo("0 of 2 processed");
        assertThat($(Paragraph.class, dialog).id("payment-links-not-processed").getText())
                .isEqualTo("2 selected invoices were not processed: Billing amount is zero (1), No longer exists (1).");
        assertThat($(Span.class, dialog).withId("payment-links-result").all()).isEmpty();
        assertThat(dialog.requested()).containsExactly(first.id(), second.id());
    }

    @Test
    void retryFiresOnlyTheFailedInvoices() {
        var dialog = open(new PaymentLinkTargets(List.of(first, second), List.of(), List.of()));
        test($(Button.class, dialog).id("create-payment-links")).click();
        dialog.showRequested(new PaymentLinkRequestResult(List.of(first.id(), second.id()), List.of(), List.of()));

        var created = withLink(first);
        var failed = new BillingInvoice(second.id(), second.invoiceNumber(), second.buyerName(), second.issueDate(),
                second.dueDate(), second.billingAmount(), OnlinePaymentStatus.LINK_FAILED, Optional.empty(),
                Optional.of("Your card was declined."), Optional.empty(), Set.of(), Optional.empty());
        dialog.showProgress(List.of(created, failed));

        assertThat(text(dialog, "payment-links-progress-text")).isEqualTo("2 of 2 processed");
        assertThat(text(dialog, "payment-links-result")).isEqualTo("1 payment link created, 1 failed.");
        assertThat($(com.vaadin.flow.component.html.H4.class, dialog).id("payment-links-heading").getText()).isEqualTo("Payment link creation finished");
        assertThat(dialog.getHeaderTitle()).isEqualTo("Create Invoice Online Payment Links: Done");
        @SuppressWarnings("unchecked")
        Grid<BillingInvoice> failures = $(Grid.class, dialog).id("failed-invoices");
        assertThat(test(failures).getCellText(0, 3)).isEqualTo("Your card was declined.");

        test($(Button.class, dialog).id("retry-failed-payment-links")).click();

        assertThat(creates).hasSize(2);
        assertThat(creates.getLast().invoices()).containsExactly(second.id());
    }

    @Test
    void nothingEligibleMeansNoCreateAndClosingFiresTheCloseEvent() {
        var dialog = open(new PaymentLinkTargets(List.of(),
                List.of(new IneligibleInvoice(zero, Ineligibility.AMOUNT_NOT_POSITIVE)), List.of()));
        var closes = new ArrayList<CreatePaymentLinksDialog.CloseEvent>();
        dialog.addCloseListener(closes::add);

        assertThat($(Button.class, dialog).id("create-payment-links").isEnabled()).isFalse();
        assertThat($(Paragraph.class, dialog).all()).extracting(Paragraph::getText)
                .contains("None of the selected invoices can get a payment link.");
        test($(Button.class, dialog).id("close-payment-links-dialog")).click();

        assertThat(dialog.isOpened()).isFalse();
        assertThat(closes).hasSize(1);
        assertThat(creates).isEmpty();
        assertThat(dialog.requested()).isEmpty();
    }

    private String text(CreatePaymentLinksDialog dialog, String id) {
        return $(Span.class, dialog).id(id).getText();
    }

    private static BillingInvoice invoice(long id, long amount, OnlinePaymentStatus status) {
        return new BillingInvoice(new InvoiceId(id), "T-%03d".formatted(id), "Buyer " + id, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), Money.of(amount, "USD"), status, Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of(), Optional.empty());
    }

    private static BillingInvoice requested(BillingInvoice invoice) {
        return new BillingInvoice(invoice.id(), invoice.invoiceNumber(), invoice.buyerName(), invoice.issueDate(),
                invoice.dueDate(), invoice.billingAmount(), OnlinePaymentStatus.LINK_REQUESTED, Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), Optional.empty());
    }

    private static BillingInvoice withLink(BillingInvoice invoice) {
        return new BillingInvoice(invoice.id(), invoice.invoiceNumber(), invoice.buyerName(), invoice.issueDate(),
                invoice.dueDate(), invoice.billingAmount(), OnlinePaymentStatus.PENDING_PAYMENT,
                Optional.of("https://buy.stripe.com/test_" + invoice.id().value()), Optional.empty(), Optional.empty(), Set.of(), Optional.empty());
    }
}
