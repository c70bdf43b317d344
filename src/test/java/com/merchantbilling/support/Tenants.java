package com.merchantbilling.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestComponent;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkRequestResult;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;

/**
 * {@link TestTenants} as a bean of the test's context ({@link IntegrationTest} imports it), so a test autowires
 * this one field instead of the organizations, invoices, add-on and link-request APIs it only needs for setup.
 * Contexts without a fake Stripe import it themselves: the whole application with the built-in sandbox
 * ({@code @SpringBootTest @Import(Tenants.class)}, one cached context for all such classes) and module tests
 * ({@code @ApplicationModuleTest @Import(Tenants.class)}).
 */
@TestComponent
public class Tenants {

    private final Organizations organizations;
    private final BillingInvoices invoices;
    /** Absent in module tests that bootstrap only invoicing and organizations; they subscribe nobody. */
    private final ObjectProvider<AddOnSubscriptions> addOns;
    private final PaymentLinkRequests requests;
    private final OnlinePayments onlinePayments;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Tenants(Organizations organizations, BillingInvoices invoices, ObjectProvider<AddOnSubscriptions> addOns,
            PaymentLinkRequests requests, OnlinePayments onlinePayments,
            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.organizations = organizations;
        this.invoices = invoices;
        this.addOns = addOns;
        this.requests = requests;
        this.onlinePayments = onlinePayments;
        this.jdbc = jdbc;
    }

    /**
     * Pending Payment with a made-up link, written straight into the row: for tests of what the grid and its
     * filters read, where going through a link request and Stripe would only add time and nothing to check.
     */
    public void pendingByHand(InvoiceId id) {
        jdbc.sql("""
                        update invoices set online_payment_status = 'PENDING_PAYMENT',
                               payment_link_id = 'plink_' || id, payment_link_url = 'https://buy.stripe.com/' || id
                         where id = :id""")
                .param("id", id.value()).update();
    }

    /** A new organization (unique name) without the card payment add-on. */
    public OrganizationId organization(String name) {
        return TestTenants.organization(organizations, name);
    }

    /** A new organization (unique name) whose links are made on its own connected Stripe account. */
    public OrganizationId organization(String name, String stripeAccount) {
        return organizations.register(name + " " + UUID.randomUUID().toString().substring(0, 8),
                Optional.of(stripeAccount)).id();
    }

    /** A new organization subscribed to {@link AddOn#STRIPE_CREDIT_CARD_PAYMENT}. */
    public OrganizationId subscribed(String name) {
        return subscribe(organization(name));
    }

    /** Subscribes an existing organization (e.g. one registered with its own Stripe account) to the add-on. */
    public OrganizationId subscribe(OrganizationId organization) {
        asFixture(() -> {
            addOns.getObject().subscribe(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
            return organization;
        });
        return organization;
    }

    /** A new organization (unique name, no add-on) with {@code count} invoices, see {@link TestTenants#invoices}. */
    public OrganizationId withInvoices(String name, String prefix, int count, String currency) {
        var organization = organization(name);
        invoices(organization, prefix, count, currency);
        return organization;
    }

    /** See {@link TestTenants#invoices}. */
    public List<InvoiceId> invoices(OrganizationId organization, String prefix, int count, String currency) {
        return asFixture(() -> TestTenants.invoices(invoices, organization, prefix, count, currency));
    }

    /** See {@link TestTenants#invoice}. */
    public InvoiceId invoice(OrganizationId organization, String number, long amount, String currency) {
        return asFixture(() -> TestTenants.invoice(invoices, organization, number, amount, currency));
    }

    /** See {@link TestTenants#invoice(BillingInvoices, OrganizationId, String, long, String, LocalDate)}. */
    public InvoiceId invoice(OrganizationId organization, String number, long amount, String currency,
            LocalDate issued) {
        return asFixture(() -> TestTenants.invoice(invoices, organization, number, amount, currency, issued));
    }

    /** The bulk action as a merchant starts it. */
    public PaymentLinkRequestResult requestLinks(OrganizationId organization, List<InvoiceId> ids) {
        return requestLinks(organization, ids, "test-merchant");
    }

    /** The same, by the named merchant user (the audit trail names them). */
    public PaymentLinkRequestResult requestLinks(OrganizationId organization, List<InvoiceId> ids, String merchant) {
        return requests.request(organization, ids, merchant);
    }

    /** The invoices' Online Payment status, in the order of {@code ids}, as the organization sees them. */
    public List<OnlinePaymentStatus> statuses(OrganizationId organization, List<InvoiceId> ids) {
        return ids.stream().map(id -> invoices.find(organization, id).orElseThrow().onlinePayment()).toList();
    }

    /** Whether every one of the invoices has the status (e.g. to await Pending Payment after a bulk action). */
    public boolean all(OrganizationId organization, List<InvoiceId> ids, OnlinePaymentStatus status) {
        return statuses(organization, ids).stream().allMatch(status::equals);
    }

    /**
     * Pending Payment with a link id made up here ({@code prefix} and a random suffix) that no Stripe ever created:
     * the invoice is claimed for a link and the link recorded as the payments module records a created one. For
     * tests that plant what Stripe knows about that link themselves (sessions, payment intents, webhooks).
     */
    public String pendingWithMadeUpLink(OrganizationId organization, InvoiceId invoice, String prefix,
            String requestedBy) {
        asFixture(() -> requests.request(organization, List.of(invoice), requestedBy));
        String link = prefix + UUID.randomUUID().toString().replace("-", "");
        // on the organization's account, as the payments module records the link it created there
        onlinePayments.recordPaymentLink(invoice, 1, link, "https://buy.stripe.com/test_" + link,
                organizations.find(organization).flatMap(com.merchantbilling.organizations.Organization::stripeAccountId));
        return link;
    }

    /**
     * Set-up runs as the test fixture's Owner whoever is signed in: a test that signed in a merchant of one
     * organization may still set up another (the role checks refuse a merchant acting on another organization).
     * {@link #requestLinks} stays the signed-in merchant's own bulk action.
     */
    private static <T> T asFixture(java.util.function.Supplier<T> setUp) {
        var before = org.springframework.security.core.context.SecurityContextHolder.getContext();
        FixtureOwner.actAsOwner();
        try {
            return setUp.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContext(before);
        }
    }
}
