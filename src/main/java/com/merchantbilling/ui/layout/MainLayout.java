package com.merchantbilling.ui.layout;

import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.payments.StripeConnection;
import com.merchantbilling.ui.billing.BillingManagementView;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.merchantbilling.ui.settings.AddOnsView;
import com.merchantbilling.ui.settings.StripeAccountView;
import com.merchantbilling.ui.settings.UsersView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;

import java.util.Locale;

import jakarta.annotation.security.PermitAll;

/**
 * The frame around every signed-in view: side navigation, the organization, the user, the language switch
 * and sign-out.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, StripeConnection stripe) {
        var user = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();

        var appName = new Span(getTranslation("app.name"));
        appName.addClassName("app-name");
        var organization = new Span(user.organizationName());
        organization.setId("current-organization");
        organization.addClassName("organization-name");
        var userName = new Span(user.displayName());
        userName.addClassName("user-name");
        var signOut = new Button(getTranslation("layout.signOut"), VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");

        var header = new HorizontalLayout(new DrawerToggle(), appName, organization, userName, languageSwitch(),
                signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(organization);
        header.addClassName("app-header");
        addToNavbar(header);
        if (stripe.sandbox()) {
            var banner = new Span(getTranslation("layout.sandbox"));
            banner.setId("sandbox-banner");
            banner.addClassName("sandbox-banner");
            addToNavbar(banner);
        }

        var transactions = new SideNavItem(getTranslation("nav.transactions"));
        transactions.setPrefixComponent(VaadinIcon.EXCHANGE.create());
        transactions.addItem(new SideNavItem(getTranslation("nav.billingManagement"), BillingManagementView.class,
                VaadinIcon.INVOICE.create()));
        transactions.setExpanded(true);
        var nav = new SideNav();
        nav.addItem(transactions);
        // Settings (issue 16): Owners only, as the views themselves require (@RolesAllowed("OWNER"))
        var settings = new SideNavItem(getTranslation("nav.settings"));
        settings.setPrefixComponent(VaadinIcon.COG.create());
        settings.setExpanded(true);
        if (user.role() == MerchantRole.OWNER) {
            settings.addItem(new SideNavItem(getTranslation("nav.addOns"), AddOnsView.class,
                    VaadinIcon.PUZZLE_PIECE.create()));
            settings.addItem(new SideNavItem(getTranslation("nav.stripeAccount"), StripeAccountView.class,
                    VaadinIcon.CREDIT_CARD.create()));
            settings.addItem(new SideNavItem(getTranslation("nav.users"), UsersView.class, VaadinIcon.USERS.create()));
        }
        if (!settings.getItems().isEmpty()) {
            nav.addItem(settings);
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    /**
     * English / 日本語, each language named in itself. A choice is kept in the Vaadin session, which gives
     * every new UI (and so the reloaded page) its locale ahead of the browser's languages; the reload rebuilds
     * every component in the new language.
     */
    private Select<Locale> languageSwitch() {
        var languages = new Select<Locale>();
        languages.setId("language-switch");
        languages.setItems(UiTranslations.ENGLISH, UiTranslations.JAPANESE);
        languages.setItemLabelGenerator(locale -> locale.equals(UiTranslations.JAPANESE) ? "日本語" : "English");
        languages.setValue(UiTranslations.supported(getLocale()));
        languages.setAriaLabel(getTranslation("layout.language"));
        languages.setWidth("8em");
        languages.addClassName("language-switch");
        languages.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                switchTo(change.getValue());
            }
        });
        return languages;
    }

    private static void switchTo(Locale locale) {
        VaadinSession.getCurrent().setLocale(locale);
        var ui = UI.getCurrent();
        ui.setLocale(locale);
        ui.getPage().reload();
    }
}
