package com.merchantbilling.ui.billing.sharing;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.sharing.BuyerMessages;
import com.merchantbilling.sharing.BuyerMessages.Outcome;
import com.merchantbilling.sharing.MessageKind;
import com.merchantbilling.sharing.SharingSettings;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * Bulk Action's email items (Email Payment Links, Send Reminder, Email Settings), added by
 * {@code BillingInvoicesTab#bulkActions()} with one line. Each confirmation is one run with its own id: however
 * often Send or Retry is clicked, and on whichever node, an invoice's email is sent once in it.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class SharingActions {

    private final OrganizationId organization;
    private final String requestedBy;
    private final BuyerMessages messages;
    private final SharingSettings settings;

    SharingActions(AuthenticationContext authentication, BuyerMessages messages, SharingSettings settings) {
        var user = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();
        this.organization = user.organizationId();
        this.requestedBy = user.getUsername();
        this.messages = messages;
        this.settings = settings;
    }

    /**
     * @param selection what is selected in the grid when an item is clicked
     * @param onSent    the invoices that got an email, to redraw their rows (the follow-up marks)
     */
    public List<MenuItem> addTo(SubMenu menu, Supplier<Set<InvoiceId>> selection,
            Consumer<Collection<InvoiceId>> onSent) {
        var ui = UI.getCurrent();
        var email = menu.addItem(ui.getTranslation("sharing.email.menu"),
                click -> open(MessageKind.PAYMENT_LINK, selection.get(), onSent));
        email.setId("email-payment-links");
        var reminder = menu.addItem(ui.getTranslation("sharing.reminder.menu"),
                click -> open(MessageKind.REMINDER, selection.get(), onSent));
        reminder.setId("send-reminder");
        var settingsItem = menu.addItem(ui.getTranslation("sharing.settings.menu"),
                click -> new SharingSettingsDialog(organization, settings).open());
        settingsItem.setId("email-settings");
        return List.of(email, reminder, settingsItem);
    }

    private void open(MessageKind kind, Set<InvoiceId> selection, Consumer<Collection<InvoiceId>> onSent) {
        if (selection.isEmpty()) {
            var ui = UI.getCurrent();
            Notification.show(ui.getTranslation("invoices.bulkAction.selectFirst"), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
            return;
        }
        var run = UUID.randomUUID();
        var holder = new BuyerEmailDialog[1];
        holder[0] = new BuyerEmailDialog(messages.plan(organization, kind, selection), request -> {
            // role: billing manager
            var outcomes = messages.send(organization, run, kind, request.invoices(), request.languages(), requestedBy);
            holder[0].showOutcomes(outcomes);
            onSent.accept(sent(outcomes));
        }, () -> {
            var outcomes = messages.retryUnavailable(organization, run, requestedBy);
            holder[0].showOutcomes(outcomes);
            onSent.accept(sent(outcomes));
        });
        holder[0].open();
    }

    private static List<InvoiceId> sent(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.result() != BuyerMessages.Result.NOT_SENT).map(Outcome::invoice).toList();
    }
}
