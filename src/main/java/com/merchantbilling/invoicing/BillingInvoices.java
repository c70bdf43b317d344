package com.merchantbilling.invoicing;

import java.util.List;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;

import com.merchantbilling.organizations.OrganizationId;

/**
 * The invoicing module's API for the Billing Invoices list. Every method is scoped to one
 * organization: an invoice of another organization does not exist for the caller.
 */
public interface BillingInvoices {

    /** How many invoices match the filter (invoice number or buyer text; blank matches all). */
    default long count(OrganizationId organization, String filter) {
        return count(organization, filter, OnlinePaymentFilter.ALL);
    }

    /** How many invoices match the text filter and the online payment filter. */
    long count(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment);

    /** For each online payment option, how many invoices matching the text filter it would show. */
    OnlinePaymentFilter.Counts onlinePaymentCounts(OrganizationId organization, String filter);

    default List<BillingInvoice> page(OrganizationId organization, String filter, InvoiceSort sort, long offset,
            int limit) {
        return page(organization, filter, OnlinePaymentFilter.ALL, sort, offset, limit);
    }

    List<BillingInvoice> page(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, long offset, int limit);

    default List<BillingInvoice> pageAfter(OrganizationId organization, String filter, InvoiceSort sort,
            Optional<BillingInvoice> boundary, int limit) {
        return pageAfter(organization, filter, OnlinePaymentFilter.ALL, sort, boundary, limit);
    }

    /**
     * The page after {@code boundary} (the previous page's last row) in the sort order; without a boundary,
     * the first page. Costs the same on any page of a large book, unlike an offset.
     */
    List<BillingInvoice> pageAfter(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, Optional<BillingInvoice> boundary, int limit);

    default List<BillingInvoice> pageBefore(OrganizationId organization, String filter, InvoiceSort sort,
            Optional<BillingInvoice> boundary, int limit) {
        return pageBefore(organization, filter, OnlinePaymentFilter.ALL, sort, boundary, limit);
    }

    /**
     * The page before {@code boundary} (the next page's first row), in the sort order; without a boundary,
     * the last {@code limit} rows.
     */
    List<BillingInvoice> pageBefore(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, Optional<BillingInvoice> boundary, int limit);

    /**
     * A page of the list as {@link #pageAfter}, together with how many invoices the whole list has and every
     * Online Payment option's count (as {@link #onlinePaymentCounts}): what the grid shows with a page. Read
     * together, so that a text filter's matches are found once for the three (one trigram scan, not three), and
     * without a text filter from the per-organization counters instead of counting rows.
     */
    CountedPage countedPageAfter(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, Optional<BillingInvoice> boundary, int limit);

    /** As {@link #countedPageAfter}, the page before {@code boundary} (as {@link #pageBefore}). */
    CountedPage countedPageBefore(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, Optional<BillingInvoice> boundary, int limit);

    /** Rows of one page in the sort order, the list's total, and the options' counts at the same moment. */
    record CountedPage(List<BillingInvoice> rows, long total, OnlinePaymentFilter.Counts options) {

        public CountedPage {
            rows = List.copyOf(rows);
        }
    }

    Optional<BillingInvoice> find(OrganizationId organization, InvoiceId invoice);

    List<BillingInvoice> findAll(OrganizationId organization, java.util.Collection<InvoiceId> invoices);

    @PreAuthorize("@merchantRoles.billing('issue invoices', #organization)")
    InvoiceId issue(OrganizationId organization, NewInvoice invoice);
}
