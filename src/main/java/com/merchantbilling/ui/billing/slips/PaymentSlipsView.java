package com.merchantbilling.ui.billing.slips;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

/**
 * Payment slips to print, one per invoice and page: invoice number, buyer, amount, due date, the payment link as a
 * QR code and as text, and the organization's name. {@code billing/slips?invoices=12,13}: invoices of the signed-in
 * merchant's organization only; an id that is not one of them (another organization's, or none) answers 404 for
 * the whole page, so a shared or edited URL tells nothing about other organizations' invoices. Outside the app's
 * frame, so that only the slips reach the paper; styled by payment-slips.css (imported by styles.css).
 */
@Route(value = PaymentSlipsView.ROUTE, autoLayout = false)
@PermitAll
public class PaymentSlipsView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    public static final String ROUTE = "billing/slips";
    static final String INVOICES = "invoices";

    private final MerchantUser user;
    private final BillingInvoices invoices;

    private final Organizations organizations;

    PaymentSlipsView(AuthenticationContext authentication, BillingInvoices invoices, Organizations organizations) {
        this.user = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();
        this.invoices = invoices;
        this.organizations = organizations;
        addClassName("payment-slips-page");
    }

    /** Where the slips of these invoices are, relative to the app's root. */
    public static String location(Collection<InvoiceId> invoices) {
        return ROUTE + "?" + INVOICES + "=" + invoices.stream().map(InvoiceId::toString).collect(Collectors.joining(","));
    }

    /** The same as {@link #location}, for {@code UI.navigate(ROUTE, parameters)}. */
    public static com.vaadin.flow.router.QueryParameters parameters(Collection<InvoiceId> invoices) {
        return com.vaadin.flow.router.QueryParameters.of(INVOICES,
                invoices.stream().map(InvoiceId::toString).collect(Collectors.joining(",")));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var requested = requested(event.getLocation().getQueryParameters().getSingleParameter(INVOICES));
        if (requested.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        var found = new ArrayList<>(invoices.findAll(user.organizationId(), requested.get()));
        if (found.size() != requested.get().size()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        var order = new ArrayList<>(requested.get());
        found.sort(Comparator.comparingInt(invoice -> order.indexOf(invoice.id())));
        show(found);
    }

    /** The ids, at most as many as a selection holds; empty for anything else (404). */
    static Optional<Set<InvoiceId>> requested(Optional<String> parameter) {
        if (parameter.isEmpty() || parameter.get().isBlank()) {
            return Optional.empty();
        }
        var ids = new LinkedHashSet<InvoiceId>();
        for (var part : parameter.get().split(",")) {
            try {
                ids.add(new InvoiceId(Long.parseLong(part.strip())));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return ids.size() > PaymentLinkRequests.MAX_INVOICES ? Optional.empty() : Optional.of(ids);
    }

    private void show(List<BillingInvoice> selected) {
        removeAll();
        var linked = selected.stream().filter(invoice -> invoice.paymentLinkUrl().isPresent()).toList();
        var withoutLink = selected.stream().filter(invoice -> invoice.paymentLinkUrl().isEmpty()).toList();
        add(toolbar(linked.size(), withoutLink));
        var formatting = UiTranslations.formatting(getLocale());
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(formatting);
        // the name as it is now, not as it was at sign-in: the slip is what the buyer reads
        var organizationName = organizations.find(user.organizationId()).map(Organization::name)
                .orElse(user.organizationName());
        for (var invoice : linked) {
            add(slip(invoice, organizationName, dates));
        }
    }

    /** On screen only: how many slips, which invoices have none, and Print. */
    private Div toolbar(int slips, List<BillingInvoice> withoutLink) {
        var print = new Button(getTranslation("slips.page.print"), VaadinIcon.PRINT.create());
        print.setId("print-slips");
        print.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // the print dialog is the browser's: nothing for the server to do
        print.getElement().executeJs("this.addEventListener('click', () => window.print())");
        var count = new Span(getTranslation("slips.page.count", slips));
        count.setId("slips-count");
        var bar = new Div(print, count);
        bar.addClassName("slips-toolbar");
        if (!withoutLink.isEmpty()) {
            var missing = new Paragraph(getTranslation("slips.page.withoutLink", withoutLink.size(),
                    withoutLink.stream().map(BillingInvoice::invoiceNumber).collect(Collectors.joining(", "))));
            missing.setId("slips-without-link");
            bar.add(missing);
        }
        return bar;
    }

    private Div slip(BillingInvoice invoice, String organizationName, DateTimeFormatter dates) {
        var url = invoice.paymentLinkUrl().orElseThrow();
        var formatting = UiTranslations.formatting(getLocale());
        var organization = new Div(organizationName);
        organization.addClassName("slip-organization");
        var title = new H1(getTranslation("slips.slip.title"));
        var fields = new Div(
                field("slips.slip.invoiceNumber", invoice.invoiceNumber(), "slip-invoice-number"),
                field("slips.slip.buyer", invoice.buyerName(), "slip-buyer"),
                field("slips.slip.amount", invoice.billingAmount().format(formatting), "slip-amount"),
                field("slips.slip.dueDate", dates.format(invoice.dueDate()), "slip-due-date"));
        fields.addClassName("slip-fields");
        var qr = new Image(QrCodes.dataUrl(url), getTranslation("slips.slip.qrAlt", invoice.invoiceNumber()));
        qr.addClassName("slip-qr");
        var how = new Paragraph(getTranslation("slips.slip.how"));
        how.addClassName("slip-how");
        var link = new Paragraph(url);
        link.addClassName("slip-url");
        var pay = new Div(qr, new Div(how, link));
        pay.addClassName("slip-pay");
        var slip = new Div(organization, title, fields, pay);
        slip.addClassName("payment-slip");
        slip.getElement().setAttribute("data-invoice", invoice.id().toString());
        return slip;
    }

    private Div field(String labelKey, String value, String className) {
        var label = new Span(getTranslation(labelKey));
        label.addClassName("slip-label");
        var text = new Span(value);
        text.addClassName("slip-value");
        var field = new Div(label, text);
        field.addClassNames("slip-field", className);
        return field;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("slips.page.title");
    }
}
