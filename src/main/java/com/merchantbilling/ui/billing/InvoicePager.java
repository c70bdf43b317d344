package com.merchantbilling.ui.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
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
    private Optional<OnlinePaymentFilter.Counts> options = Optional.empty();

    InvoicePager(BillingInvoices invoices, OrganizationId organization) {
        this.invoices = invoices;
        this.organization = organization;
    }

    /**
     * Reads the given page (clamped to the pages there are) of the list, with a fresh total. The first page,
     * Next, Previous and the last page are each one read of page, total and option counts together (see
     * {@link BillingInvoices#countedPageAfter}); only a jump to another page counts first and pays an offset.
     */
    List<BillingInvoice> show(int requested, InvoiceListQuery query) {
        var counted = counted(requested, query);
        if (counted.isPresent()) {
            var read = counted.get();
            total = read.page().total();
            options = Optional.of(read.page().options());
            int target = read.target() < 0 ? pageCount() - 1 : read.target();
            var shown = read.page().rows();
            if (read.target() < 0) {
                // the last page's rows are the last (total - earlier pages) of the last PAGE_SIZE read
                shown = shown.subList(Math.max(0, shown.size() - rowsOnPage(target)), shown.size());
            }
            // a list that shrank under the merchant (Next past the new end): fall back to the clamped read
            if (target < pageCount() && (!shown.isEmpty() || total == 0)) {
                rows = new ArrayList<>(shown);
                rowsQuery = query;
                page = target;
                return rows();
            }
        }
        total = invoices.count(organization, query.filter(), query.onlinePayment());
        options = Optional.empty();
        int target = Math.clamp(requested, 0, pageCount() - 1);
        rows = new ArrayList<>(read(target, query));
        rowsQuery = query;
        page = target;
        return rows();
    }

    /** The read of page and total together, where the page is found from an edge (target -1: the last page). */
    private Optional<Counted> counted(int requested, InvoiceListQuery query) {
        boolean sameList = !rows.isEmpty() && query.equals(rowsQuery);
        var filter = query.filter();
        var onlinePayment = query.onlinePayment();
        var sort = query.sort();
        if (requested <= 0) {
            return Optional.of(new Counted(0, invoices.countedPageAfter(organization, filter, onlinePayment, sort,
                    Optional.empty(), PAGE_SIZE)));
        }
        if (sameList && requested == page + 1) {
            return Optional.of(new Counted(requested, invoices.countedPageAfter(organization, filter, onlinePayment,
                    sort, Optional.of(rows.getLast()), PAGE_SIZE)));
        }
        if (sameList && requested == page - 1) {
            return Optional.of(new Counted(requested, invoices.countedPageBefore(organization, filter, onlinePayment,
                    sort, Optional.of(rows.getFirst()), PAGE_SIZE)));
        }
        if (total > 0 && requested >= pageCount() - 1) {
            return Optional.of(new Counted(-1, invoices.countedPageBefore(organization, filter, onlinePayment, sort,
                    Optional.empty(), PAGE_SIZE)));
        }
        return Optional.empty();
    }

    private record Counted(int target, BillingInvoices.CountedPage page) {
    }

    private List<BillingInvoice> read(int target, InvoiceListQuery query) {
        var filter = query.filter();
        var onlinePayment = query.onlinePayment();
        var sort = query.sort();
        if (target == 0) {
            return invoices.pageAfter(organization, filter, onlinePayment, sort, Optional.empty(), PAGE_SIZE);
        }
        if (target == pageCount() - 1) {
            return invoices.pageBefore(organization, filter, onlinePayment, sort, Optional.empty(), rowsOnPage(target));
        }
        return invoices.page(organization, filter, onlinePayment, sort, (long) target * PAGE_SIZE, rowsOnPage(target));
    }

    /**
     * The options' counts read with the page just shown, when they were (every read but a jump to an arbitrary
     * page): the tab shows them without a read of its own.
     */
    Optional<OnlinePaymentFilter.Counts> options() {
        return options;
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
