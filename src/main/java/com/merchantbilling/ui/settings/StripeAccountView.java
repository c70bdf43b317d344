package com.merchantbilling.ui.settings;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.StripeAccountState;
import com.merchantbilling.payments.StripeAccounts;
import com.merchantbilling.payments.StripeAccounts.StripeAccountException;
import com.merchantbilling.payments.StripeConnection;
import com.merchantbilling.ui.live.OrganizationChanges;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Settings > Stripe: the organization's own Stripe account through Stripe Connect onboarding. Connect sends the
 * browser to Stripe's hosted onboarding (an Account Link); Stripe sends it back to {@code ?onboarding=return}
 * (the account is then retrieved, since coming back says nothing about completion) or, when the link expired or
 * was used, to {@code ?onboarding=refresh}, which asks for a new link and goes there again.
 */
@Route("settings/stripe")
@RolesAllowed("OWNER")
public class StripeAccountView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    static final String PATH = "settings/stripe";

    private final MerchantUser user;
    private final StripeAccounts accounts;
    private final Organizations organizations;
    private final Div state = new Div();
    private final Button connect = new Button();
    private final Button refresh = new Button();
    private final DateTimeFormatter times;

    public StripeAccountView(AuthenticationContext authentication, StripeAccounts accounts,
            Organizations organizations, OrganizationChanges changes, StripeConnection stripe) {
        this.user = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();
        this.accounts = accounts;
        this.organizations = organizations;
        this.times = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(getLocale())
                .withZone(ZoneId.systemDefault());
        setMaxWidth("60em");
        add(new H2(getTranslation("stripeAccount.title")), new Paragraph(getTranslation("stripeAccount.what")));
        if (stripe.sandbox()) {
            var sandbox = new Paragraph(getTranslation("stripeAccount.sandbox"));
            sandbox.setId("stripe-account-sandbox-note");
            sandbox.addClassName("sandbox-note");
            add(sandbox);
        }
        state.setId("stripe-account-state");
        state.addClassName("stripe-account-state");
        connect.setId("connect-stripe-account");
        connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // role: owner
        connect.addClickListener(click -> startOnboarding());
        refresh.setText(getTranslation("stripeAccount.refresh"));
        refresh.setId("refresh-stripe-account");
        refresh.addClickListener(click -> retrieve(false));
        add(state, new HorizontalLayout(connect, refresh));
        show();
        // account.updated arriving on the Connect webhook (any node) shows here without a reload
        changes.registerWhileAttached(this, user.organizationId(), this::show);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var onboarding = event.getLocation().getQueryParameters().getSingleParameter("onboarding").orElse("");
        if (onboarding.equals("return")) {
            retrieve(true);
        } else if (onboarding.equals("refresh")) {
            // Stripe's refresh_url: the link expired or was used; a new one continues where the merchant was
            startOnboarding();
        }
    }

    // role: owner
    private void startOnboarding() {
        var base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/" + PATH);
        URI returnUrl = base.cloneBuilder().queryParam("onboarding", "return").build().toUri();
        URI refreshUrl = base.cloneBuilder().queryParam("onboarding", "refresh").build().toUri();
        try {
            var onboarding = accounts.startOnboarding(user.organizationId(), user.getUsername(), returnUrl, refreshUrl);
            UI.getCurrent().getPage().setLocation(onboarding);
        } catch (StripeAccountException e) {
            notice(getTranslation("stripeAccount.failed", e.getMessage()), NotificationVariant.LUMO_ERROR);
            show();
        }
    }

    private void retrieve(boolean returning) {
        try {
            var found = accounts.refresh(user.organizationId());
            show();
            if (returning) {
                found.ifPresent(account -> notice(getTranslation(account.chargesEnabled() ? "stripeAccount.returned.ready"
                        : "stripeAccount.returned.notReady"), account.chargesEnabled() ? NotificationVariant.LUMO_SUCCESS
                                : NotificationVariant.LUMO_WARNING));
            }
        } catch (StripeAccountException e) {
            notice(getTranslation("stripeAccount.failed", e.getMessage()), NotificationVariant.LUMO_ERROR);
            show();
        }
    }

    /** The account as last known: nothing connected, or its charges, details and what Stripe still needs. */
    void show() {
        state.removeAll();
        var known = accounts.find(user.organizationId());
        var current = organizations.find(user.organizationId()).flatMap(Organization::stripeAccountId);
        if (known.isEmpty()) {
            state.add(new Paragraph(current.map(account -> getTranslation("stripeAccount.configured", account))
                    .orElseGet(() -> getTranslation("stripeAccount.none"))));
            connect.setText(getTranslation("stripeAccount.connect"));
            connect.setVisible(true);
            refresh.setVisible(false);
            return;
        }
        StripeAccountState account = known.get();
        // the verdict first: whether links can be created is what the merchant came to see
        var verdict = new Paragraph(getTranslation(account.chargesEnabled() ? "stripeAccount.ready"
                : "stripeAccount.refused", account.accountId()));
        verdict.setId("stripe-account-verdict");
        verdict.addClassName(account.chargesEnabled() ? "stripe-account-ready" : "stripe-account-not-ready");
        state.add(verdict);
        var id = new Span(account.accountId());
        id.setId("stripe-account-id");
        state.add(new Div(new Span(getTranslation("stripeAccount.account") + " "), id));
        state.add(row("charges-enabled", getTranslation("stripeAccount.chargesEnabled"), account.chargesEnabled()));
        state.add(row("details-submitted", getTranslation("stripeAccount.detailsSubmitted"),
                account.detailsSubmitted()));
        var due = new Div(new Span(getTranslation(account.currentlyDue().isEmpty() ? "stripeAccount.currentlyDue.none"
                : "stripeAccount.currentlyDue") + " "));
        var fields = new Span(String.join(", ", account.currentlyDue()));
        fields.setId("stripe-account-currently-due");
        fields.addClassName("stripe-account-due");
        due.add(fields);
        due.addClassName("stripe-account-row");
        state.add(due);
        var updated = new Paragraph(getTranslation("stripeAccount.updatedAt", times.format(account.updatedAt())));
        updated.addClassName("stripe-account-updated");
        state.add(updated);
        connect.setText(getTranslation("stripeAccount.continue"));
        connect.setVisible(!account.chargesEnabled() || !account.detailsSubmitted());
        refresh.setVisible(true);
    }

    private Div row(String id, String label, boolean value) {
        var answer = new Span(getTranslation(value ? "stripeAccount.yes" : "stripeAccount.no"));
        answer.setId("stripe-account-" + id);
        answer.addClassNames("status-pill", value ? "ok" : "bad");
        var row = new Div(new Span(label + " "), answer);
        row.addClassName("stripe-account-row");
        return row;
    }

    private static void notice(String message, NotificationVariant variant) {
        Notification.show(message, 6000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("stripeAccount.pageTitle");
    }
}
