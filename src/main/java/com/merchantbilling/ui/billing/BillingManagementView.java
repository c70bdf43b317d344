package com.merchantbilling.ui.billing;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.payments.PaymentReconciliation;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

/** Transactions > Billing Management, with the Billing Invoices tab open. */
@Route("billing-management")
@RouteAlias("")
@PermitAll
public class BillingManagementView extends VerticalLayout implements HasDynamicTitle {

    public BillingManagementView(AuthenticationContext authentication, BillingInvoices invoices,
            PaymentLinkRequests linkRequests, AddOnSubscriptions addOns, OnlinePaymentUpdates updates,
            PaymentReconciliation reconciliation, InvoiceActions invoiceActions) {
        var user = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();
        boolean addOnActive = addOns.isActive(user.organizationId(), AddOn.STRIPE_CREDIT_CARD_PAYMENT);
        setSizeFull();
        var title = new H2(getTranslation("billing.title"));
        var tabs = new TabSheet();
        tabs.setSizeFull();
        tabs.setId("billing-management-tabs");
        var invoicesTab = new BillingInvoicesTab(user, addOnActive, invoices, linkRequests, updates, reconciliation);
        invoiceActions.addTo(invoicesTab, user);
        tabs.add(getTranslation("billing.tab.invoices"), invoicesTab);
        add(title, tabs);
        expand(tabs);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("billing.pageTitle");
    }
}
