package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/** What organization B's user sees never contains organization A's invoices: grid, dialog, copy button, push. */
@IntegrationTest
class TenantIsolationViewIntegrationTests extends BillingTabTestSupport {

    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentLinkRequests requests;
    @Autowired
    OnlinePaymentUpdates updates;

    OrganizationId a;
    OrganizationId b;
    List<InvoiceId> ofA;
    List<String> urlsOfA;

    @BeforeEach
    void twoOrganizations() {
        UiLanguage.english();
        a = tenants.subscribed("View A");
        b = tenants.subscribed("View B");
        ofA = tenants.invoices(a, "VA", 3, "USD");
        tenants.invoices(b, "VB", 2, "USD");
        requests.request(a, ofA, "aiko");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> invoices.findAll(a, ofA).stream()
                .allMatch(i -> i.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT));
        urlsOfA = invoices.findAll(a, ofA).stream().map(i -> i.paymentLinkUrl().orElseThrow()).toList();
        SignedIn.as(b, "ben");
    }

    @Test
    void theGridShowsOnlyBsInvoicesAndNoneOfAsLinks() {
        navigate(BillingManagementView.class);
        @SuppressWarnings("unchecked")
        Grid<BillingInvoice> grid = $view(Grid.class).id("billing-invoices-grid");

        var rows = new ArrayList<BillingInvoice>();
        for (int i = 0; i < test(grid).size(); i++) {
            rows.add(test(grid).getRow(i));
        }
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.invoiceNumber()).startsWith("VB");
            assertThat(ofA).doesNotContain(row.id());
            // the copy button copies the row's own URL, and B's rows have none
            assertThat(row.paymentLinkUrl()).isEmpty();
        });
        assertThat($view(Span.class).id("pager-total").getText()).isEqualTo("2 invoices");
    }

    @Test
    void theDialogTreatsAsInvoicesAsGone() {
        navigate(BillingManagementView.class);
        var selection = new LinkedHashSet<>(ofA);
        var dialog = new CreatePaymentLinksDialog(selection, requests.targets(b, selection));
        dialog.open();
        roundTrip();

        var opened = $(Dialog.class).id("create-payment-links-dialog");
        assertThat($(Grid.class, opened).all()).as("no invoice list: nothing of A is shown").isEmpty();
        assertThat($(Paragraph.class, opened).all()).extracting(Paragraph::getText)
                .contains("None of the selected invoices can get a payment link.",
                        "3 selected invoices no longer exist.");
        assertThat($(Button.class, opened).id("create-payment-links").isEnabled()).isFalse();
        assertThat(opened.getElement().getOuterHTML()).doesNotContain("VA-").doesNotContain(urlsOfA.getFirst());
    }

    @Test
    void updatesOfAsInvoicesReachOnlyAsViews() {
        var seenByB = new ArrayList<InvoiceId>();
        var seenByA = new ArrayList<InvoiceId>();
        var registrationB = updates.register(b, seenByB::add);
        var registrationA = updates.register(a, seenByA::add);
        try {
            updates.notify(a, ofA.getFirst());
        } finally {
            registrationB.remove();
            registrationA.remove();
        }
        assertThat(seenByB).isEmpty();
        assertThat(seenByA).containsExactly(ofA.getFirst());
    }
}
