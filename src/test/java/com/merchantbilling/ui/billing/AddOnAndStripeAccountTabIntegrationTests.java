package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.payments.StripeAccounts;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarTester;
import com.vaadin.flow.component.notification.Notification;

/**
 * The Billing Invoices tab and the organization's settings, without a browser: Create Payment Link is refused
 * with the reason while the connected account's charges are not enabled, and a click after the add-on was canceled
 * elsewhere creates nothing and takes the item away.
 */
@IntegrationTest
class AddOnAndStripeAccountTabIntegrationTests extends BillingTabTestSupport {

    @Autowired
    StripeAccounts accounts;
    @Autowired
    AddOnSubscriptions addOns;
    @Autowired
    FakeStripeServer stripe;

    OrganizationId organization;
    List<InvoiceId> invoices;

    @BeforeEach
    void subscribedOrganizationWithInvoices() {
        UiLanguage.english();
        organization = tenants.subscribed("Tab Settings");
        invoices = tenants.invoices(organization, "TS", 3, "JPY");
        SignedIn.as(organization, "owner");
    }

    @Test
    void createPaymentLinkIsRefusedWithTheReasonWhileChargesAreNotEnabled() {
        accounts.startOnboarding(organization, "owner", URI.create("http://localhost/settings/stripe?onboarding=return"),
                URI.create("http://localhost/settings/stripe?onboarding=refresh"));
        String account = accounts.find(organization).orElseThrow().accountId();
        long createsBefore = stripe.createCalls();
        navigate(BillingManagementView.class);
        test(gridInView()).select(0);

        new MenuBarTester<>($view(MenuBar.class).id("bulk-action")).clickItem("Bulk Action", "Create Payment Link");

        assertThat($(Notification.class).last().getElement().getProperty("text"))
                .contains("Stripe account " + account + " cannot accept card payments yet (charges not enabled)");
        assertThat($(Dialog.class).withId("create-payment-links-dialog").all()).isEmpty();
        assertThat(tenants.statuses(organization, invoices))
                .containsOnly(OnlinePaymentStatus.NOT_CREATED);
        assertThat(stripe.createCalls()).isEqualTo(createsBefore);
    }

    @Test
    void aClickOnCreatePaymentLinkAfterTheAddOnWasCanceledElsewhereCreatesNothing() {
        navigate(BillingManagementView.class);
        var menu = $view(MenuBar.class).id("bulk-action");
        test(gridInView()).select(0);
        long createsBefore = stripe.createCalls();

        // canceled by an Owner on another node; this tab has not re-read the subscription yet (the browser test
        // SettingsBrowserTests shows the live update), so the click itself must check
        addOns.cancel(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT, "owner");
        new MenuBarTester<>(menu).clickItem("Bulk Action", "Create Payment Link");

        assertThat($(Notification.class).last().getElement().getProperty("text"))
                .contains("Online payment links need the Stripe Credit Card Payment Add-on");
        assertThat($(Dialog.class).withId("create-payment-links-dialog").all()).isEmpty();
        assertThat(menu.isVisible()).isFalse();
        assertThat($view(com.vaadin.flow.component.html.Div.class).id("add-on-notice").isVisible()).isTrue();
        assertThat(tenants.statuses(organization, invoices)).containsOnly(OnlinePaymentStatus.NOT_CREATED);
        assertThat(stripe.createCalls()).isEqualTo(createsBefore);
    }
}
