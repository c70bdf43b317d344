package com.merchantbilling.ui.billing.slips;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The Bulk Action items that hand existing payment links on: Copy Payment Links (a table for a spreadsheet) and
 * Print Payment Slips (one A4 slip with a QR code per invoice). Both only read, so a viewer may use them, and both
 * work on links that exist, with or without the add-on today.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class PaymentLinkShareActions {

    private final OrganizationId organization;
    private final BillingInvoices invoices;

    PaymentLinkShareActions(AuthenticationContext authentication, BillingInvoices invoices) {
        this.organization = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow().organizationId();
        this.invoices = invoices;
    }

    /**
     * Adds the items to the Bulk Action menu; {@code selection} is read at each click.
     *
     * @return the items, for the tab to show while the organization has links
     */
    public List<MenuItem> addTo(SubMenu menu, Supplier<Set<InvoiceId>> selection) {
        var ui = UI.getCurrent();
        var copy = menu.addItem(ui.getTranslation("slips.copyLinks"), click -> copyLinks(selection.get()));
        copy.setId("copy-payment-links");
        var print = menu.addItem(ui.getTranslation("slips.print"), click -> printSlips(selection.get()));
        print.setId("print-payment-slips");
        return List.of(copy, print);
    }

    // role: viewer (reads only)
    void copyLinks(Set<InvoiceId> selection) {
        var selected = selected(selection);
        if (selected.isEmpty()) {
            warn("slips.selectFirst");
            return;
        }
        new CopyPaymentLinksDialog(selected).open();
    }

    // role: viewer (reads only)
    void printSlips(Set<InvoiceId> selection) {
        var selected = selected(selection);
        if (selected.isEmpty()) {
            warn("slips.selectFirst");
            return;
        }
        if (selected.stream().noneMatch(invoice -> invoice.paymentLinkUrl().isPresent())) {
            warn("slips.noneHasLink");
            return;
        }
        // the slips page names the invoices without a link itself; a new tab keeps the grid and its selection
        UI.getCurrent().getPage().open(PaymentSlipsView.location(selection), "_blank");
    }

    /** The selected invoices as they are now, in the order they were selected; the organization's only. */
    private List<BillingInvoice> selected(Set<InvoiceId> selection) {
        var order = new ArrayList<>(selection);
        var found = new ArrayList<>(invoices.findAll(organization, selection));
        found.sort(Comparator.comparingInt(invoice -> order.indexOf(invoice.id())));
        return found;
    }

    private static void warn(String key) {
        var notification = Notification.show(UI.getCurrent().getTranslation(key), 5000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_WARNING);
    }
}
