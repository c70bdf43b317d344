package com.merchantbilling.ui.billing;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;

import jakarta.annotation.security.PermitAll;

/** Transactions > Billing Management, with the Billing Invoices tab open. */
@Route("billing-management")
@RouteAlias("")
@PermitAll
public class BillingManagementView extends VerticalLayout implements HasDynamicTitle {

    public BillingManagementView(BillingInvoicesTab invoicesTab) {
        setSizeFull();
        var title = new H2(getTranslation("billing.title"));
        var tabs = new TabSheet();
        tabs.setSizeFull();
        tabs.setId("billing-management-tabs");
        tabs.add(getTranslation("billing.tab.invoices"), invoicesTab);
        add(title, tabs);
        expand(tabs);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("billing.pageTitle");
    }
}
