package com.merchantbilling.ui.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Which page of an organization's invoice list is shown, and its rows. Reads a page by seeking from a
 * known row (the neighbouring page's edge, or either end of the list) rather than by offset: an offset
 * makes PostgreSQL walk past every earlier row, which on a book of a million invoices takes longer than the
 * user will wait. Only a jump to an arbitrary page still pays it.
 */
final class InvoicePager {

    static final int PAGE_SIZE = 100;

    private final BillingInvoices invoices;
    private final OrganizationId organization;
    private int page;
    private long total;
    /** The current page's rows, and the filter and sort they were read with: the seek for Next and Previous. */
    private List<BillingInvoice> rows = new ArrayList<>();
    private InvoiceListQuery rowsQuery;

    InvoicePager(BillingInvoices invoices, OrganizationId organization) {
        this.invoices = invoices;
        this.organization = organization;
    }

    /** Reads the given page (clamped to the pages there are) of the list, with a fresh total. */
    List<BillingInvoice> show(int requested, InvoiceListQuery query) {
        total = invoices.count(organization, query.filter(), query.onlinePayment());
        int target = Math.clamp(requested, 0, pageCount() - 1);
        rows = new ArrayList<>(read(target, query));
        rowsQuery = query;
        page = target;
        return rows();
    }

    private List<BillingInvoice> read(int target, InvoiceListQuery query) {
        boolean sameList = !rows.isEmpty() && query.equals(rowsQuery);
        var filter = query.filter();
        var onlinePayment = query.onlinePayment();
        var sort = query.sort();
        if (target == 0) {
            return invoices.pageAfter(organization, filter, onlinePayment, sort, Optional.empty(), PAGE_SIZE);
        }
        if (target == pageCount() - 1) {
            return invoices.pageBefore(organization, filter, onlinePayment, sort, Optional.empty(), rowsOnPage(target));
        }
        if (sameList && target == page + 1) {
            return invoices.pageAfter(organization, filter, onlinePayment, sort, Optional.of(rows.getLast()), PAGE_SIZE);
        }
        if (sameList && target == page - 1) {
            return invoices.pageBefore(organization, filter, onlinePayment, sort, Optional.of(rows.getFirst()), PAGE_SIZE);
        }
        return invoices.page(organization, filter, onlinePayment, sort, (long) target * PAGE_SIZE, rowsOnPage(target));
    }

    private int rowsOnPage(int target) {
        return (int) Math.max(0, Math.min(PAGE_SIZE, total - (long) target * PAGE_SIZE));
    }

    /** Keeps a re-read row in place, so the next seek starts from what the page shows. */
    void replace(BillingInvoice fresh) {
        rows.replaceAll(row -> row.id().equals(fresh.id()) ? fresh : row);
    }

    List<BillingInvoice> rows() {
        return List.copyOf(rows);
    }

    /** Zero-based. */
    int page() {
        return page;
    }

    long total() {
        return total;
    }

    int pageCount() {
        return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    boolean hasPrevious() {
        return page > 0;
    }

    boolean hasNext() {
        return page < pageCount() - 1;
    }
}
