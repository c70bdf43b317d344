package com.merchantbilling.support;

import java.util.List;

import org.springframework.boot.test.context.TestComponent;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkRequestResult;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;

/**
 * {@link TestTenants} as a bean of the test's context ({@link IntegrationTest} imports it), so a test autowires
 * this one field instead of the organizations, invoices, add-on and link-request APIs it only needs for setup.
 */
@TestComponent
public class Tenants {

    private final Organizations organizations;
    private final BillingInvoices invoices;
    private final AddOnSubscriptions addOns;
    private final PaymentLinkRequests requests;

    Tenants(Organizations organizations, BillingInvoices invoices, AddOnSubscriptions addOns,
            PaymentLinkRequests requests) {
        this.organizations = organizations;
        this.invoices = invoices;
        this.addOns = addOns;
        this.requests = requests;
    }

    /** A new organization (unique name) without the card payment add-on. */
    public OrganizationId organization(String name) {
        return TestTenants.organization(organizations, name);
    }

    /** A new organization subscribed to {@link AddOn#STRIPE_CREDIT_CARD_PAYMENT}. */
    public OrganizationId subscribed(String name) {
        var organization = organization(name);
        addOns.subscribe(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
        return organization;
    }

    /** See {@link TestTenants#invoices}. */
    public List<InvoiceId> invoices(OrganizationId organization, String prefix, int count, String currency) {
        return TestTenants.invoices(invoices, organization, prefix, count, currency);
    }

    /** See {@link TestTenants#invoice}. */
    public InvoiceId invoice(OrganizationId organization, String number, long amount, String currency) {
        return TestTenants.invoice(invoices, organization, number, amount, currency);
    }

    /** The bulk action as a merchant starts it. */
    public PaymentLinkRequestResult requestLinks(OrganizationId organization, List<InvoiceId> ids) {
        return requests.request(organization, ids, "test-merchant");
    }
}
