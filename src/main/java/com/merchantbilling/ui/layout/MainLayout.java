package com.merchantbilling.ui.layout;

import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.payments.StripeConnection;
import com.merchantbilling.ui.billing.BillingManagementView;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

/** The frame around every signed-in view: side navigation, the organization, the user and sign-out. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, StripeConnection stripe) {
        var user = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();

        var appName = new Span("Merchant Billing");
        appName.addClassName("app-name");
        var organization = new Span(user.organizationName());
        organization.setId("current-organization");
        organization.addClassName("organization-name");
        var userName = new Span(user.displayName());
        userName.addClassName("user-name");
        var signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");

        var header = new HorizontalLayout(new DrawerToggle(), appName, organization, userName, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(organization);
        header.addClassName("app-header");
        addToNavbar(header);
        if (stripe.sandbox()) {
            var banner = new Span("Stripe sandbox: payment links and card payments are simulated here. "
                    + "No real money moves.");
            banner.setId("sandbox-banner");
            banner.addClassName("sandbox-banner");
            addToNavbar(banner);
        }

        var transactions = new SideNavItem("Transactions");
        transactions.setPrefixComponent(VaadinIcon.EXCHANGE.create());
        transactions.addItem(new SideNavItem("Billing Management", BillingManagementView.class,
                VaadinIcon.INVOICE.create()));
        transactions.setExpanded(true);
        var nav = new SideNav();
        nav.addItem(transactions);
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
