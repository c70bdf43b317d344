package com.merchantbilling.invoicing;

import java.util.Collection;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;

import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.organizations.OrganizationId;

/** Asking for online payment links for a selection of an organization's invoices. */
public interface PaymentLinkRequests {

    /** The most invoices one bulk action may cover. */
    int MAX_INVOICES = 100;

    /** Which of the selected invoices would get a link, and why the others would not. */
    PaymentLinkTargets targets(OrganizationId organization, Collection<InvoiceId> selection);

    /**
     * Marks every eligible selected invoice as requested and publishes one {@link PaymentLinkRequested}
     * each. Eligibility is checked and claimed in one statement, so two users pressing Create at the same
     * moment get one request per invoice between them.
     *
     * @throws TooManyInvoicesSelectedException for more than {@link #MAX_INVOICES} invoices
     */
    @PreAuthorize("@merchantRoles.billing('create payment links', #organization)")
    PaymentLinkRequestResult request(OrganizationId organization, Collection<InvoiceId> selection, String requestedBy);

    /**
     * What a request for payment links did.
     *
     * @param requested invoices now being given a link (one {@link PaymentLinkRequested} event each)
     * @param skipped   invoices that were not eligible at the moment of the request
     * @param notFound  ids that are not invoices of the organization
     */
    record PaymentLinkRequestResult(List<InvoiceId> requested, List<IneligibleInvoice> skipped,
            List<InvoiceId> notFound) {
    }

    /**
     * The selected invoices split for the "Create Invoice Online Payment Links" dialog.
     *
     * @param notFound selected ids that are not (or no longer) invoices of the organization
     */
    record PaymentLinkTargets(List<BillingInvoice> eligible, List<IneligibleInvoice> ineligible,
            List<InvoiceId> notFound) {
    }

    record IneligibleInvoice(BillingInvoice invoice, Ineligibility reason) {
    }

    /** Why a selected invoice gets no payment link. */
    enum Ineligibility {

        LINK_EXISTS("A payment link already exists"),
        LINK_BEING_CREATED("A payment link is being created"),
        PAID("Already paid"),
        AMOUNT_NOT_POSITIVE("Billing amount is 0 or less");

        private final String reason;

        Ineligibility(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }

        /**
         * The one rule for who may get a link: no link yet (or the last request failed) and a billing amount
         * above 0. {@code internal.links.PaymentLinkClaims} applies the same rule atomically in SQL.
         */
        public static java.util.Optional<Ineligibility> of(BillingInvoice invoice) {
            return java.util.Optional.ofNullable(switch (invoice.onlinePayment()) {
                case PAID -> PAID;
                case PENDING_PAYMENT -> LINK_EXISTS;
                case LINK_REQUESTED -> LINK_BEING_CREATED;
                case NOT_CREATED, LINK_FAILED -> invoice.billingAmount().isPositive() ? null : AMOUNT_NOT_POSITIVE;
            });
        }
    }

    class TooManyInvoicesSelectedException extends IllegalArgumentException {

        public TooManyInvoicesSelectedException(int selected, int limit) {
            super("Payment links can be created for at most " + limit + " invoices at once; " + selected
                    + " are selected");
        }
    }
}
