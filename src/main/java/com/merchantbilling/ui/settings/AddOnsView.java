package com.merchantbilling.ui.settings;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.payments.AddOnSubscriptions.AddOnAuditEntry;
import com.merchantbilling.ui.live.OrganizationChanges;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Settings > Add-ons: the Stripe Credit Card Payment Add-on, what it gives, since when it is active, Subscribe or
 * Cancel (Owner only, wired by the roles work), and who subscribed or canceled it when. Another Owner's change,
 * on any node, shows here at once.
 */
@Route("settings/add-ons")
@RolesAllowed("OWNER")
public class AddOnsView extends VerticalLayout implements HasDynamicTitle {

    static final AddOn ADD_ON = AddOn.STRIPE_CREDIT_CARD_PAYMENT;

    private final MerchantUser user;
    private final AddOnSubscriptions subscriptions;
    private final Span status = new Span();
    private final Button subscribe = new Button();
    private final Button cancel = new Button();
    private final UnorderedList history = new UnorderedList();
    private final DateTimeFormatter times;

    public AddOnsView(AuthenticationContext authentication, AddOnSubscriptions subscriptions,
            OrganizationChanges changes) {
        this.user = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();
        this.subscriptions = subscriptions;
        this.times = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(getLocale())
                .withZone(ZoneId.systemDefault());
        setMaxWidth("60em");
        add(new H2(getTranslation("addOns.title")));

        var name = getTranslation("addOn." + ADD_ON.name());
        var title = new H3(name);
        title.addClassName("add-on-title");
        status.setId("add-on-status");
        status.addClassName("status-pill");
        var gives = new UnorderedList(new ListItem(getTranslation("addOns.card.gives1")),
                new ListItem(getTranslation("addOns.card.gives2")),
                new ListItem(getTranslation("addOns.card.gives3")));
        var cancelNote = new Paragraph(getTranslation("addOns.card.cancelNote"));
        cancelNote.addClassName("add-on-cancel-note");

        subscribe.setText(getTranslation("addOns.subscribe"));
        subscribe.setId("subscribe-add-on");
        subscribe.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // role: owner
        subscribe.addClickListener(click -> {
            subscriptions.subscribe(user.organizationId(), ADD_ON, user.getUsername());
            notice(getTranslation("addOns.subscribed", name), NotificationVariant.LUMO_SUCCESS);
            refresh();
        });
        cancel.setText(getTranslation("addOns.cancel"));
        cancel.setId("cancel-add-on");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        // role: owner
        cancel.addClickListener(click -> confirmCancel(name));

        var card = new Div(new HorizontalLayout(VaadinIcon.CREDIT_CARD.create(), title, status),
                new Paragraph(getTranslation("addOns.card.what")), gives, cancelNote,
                new HorizontalLayout(subscribe, cancel));
        card.setId("add-on-card");
        card.addClassName("add-on-card");

        history.setId("add-on-history");
        add(card, new H4(getTranslation("addOns.history")), history);
        refresh();
        changes.registerWhileAttached(this, user.organizationId(), this::refresh);
    }

    private void confirmCancel(String name) {
        var dialog = new ConfirmDialog();
        dialog.setId("cancel-add-on-dialog");
        dialog.setHeader(getTranslation("addOns.cancel.confirmTitle", name));
        dialog.setText(getTranslation("addOns.cancel.confirmText"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("addOns.cancel.keep"));
        dialog.setConfirmText(getTranslation("addOns.cancel.confirm"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(confirmed -> {
            subscriptions.cancel(user.organizationId(), ADD_ON, user.getUsername());
            notice(getTranslation("addOns.canceled", name), NotificationVariant.LUMO_CONTRAST);
            refresh();
        });
        dialog.open();
    }

    /** Reads the subscription and its history again. */
    void refresh() {
        var since = subscriptions.activeSince(user.organizationId(), ADD_ON);
        status.setText(since.map(at -> getTranslation("addOns.activeSince", times.format(at)))
                .orElseGet(() -> getTranslation("addOns.notSubscribed")));
        status.setClassName("ok", since.isPresent());
        status.setClassName("off", since.isEmpty());
        subscribe.setVisible(since.isEmpty());
        cancel.setVisible(since.isPresent());
        history.removeAll();
        var entries = subscriptions.history(user.organizationId(), ADD_ON);
        if (entries.isEmpty()) {
            history.add(new ListItem(getTranslation("addOns.history.none")));
        }
        for (AddOnAuditEntry entry : entries) {
            history.add(new ListItem(getTranslation("addOns.history." + entry.action().name(), times.format(entry.at()),
                    entry.actor())));
        }
    }

    private static void notice(String message, NotificationVariant variant) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("addOns.pageTitle");
    }
}
