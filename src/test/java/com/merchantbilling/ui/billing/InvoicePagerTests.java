package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.OrganizationId;

/** The pager's keyset seeks, without Spring or Vaadin: which read each move makes, and what it shows. */
class InvoicePagerTests {

    static final OrganizationId ORG = new OrganizationId(7);
    static final InvoiceListQuery ALL = new InvoiceListQuery("", InvoiceSort.DEFAULT);

    final InMemoryInvoices invoices = new InMemoryInvoices(250);
    final InvoicePager pager = new InvoicePager(invoices, ORG);

    @Test
    void theFirstPageSeeksFromTheStart() {
        var rows = pager.show(0, ALL);

        // page, total and option counts in one read, no count of its own
        assertThat(invoices.reads).containsExactly("counted-after(none,100)");
        assertThat(invoices.filters).isEmpty();
        assertThat(pager.options()).hasValueSatisfying(options -> assertThat(options.all()).isEqualTo(250));
        assertThat(numbers(rows)).startsWith("N-0001").endsWith("N-0100").hasSize(100);
        assertThat(pager.total()).isEqualTo(250);
        assertThat(pager.pageCount()).isEqualTo(3);
        assertThat(pager.hasPrevious()).isFalse();
        assertThat(pager.hasNext()).isTrue();
    }

    @Test
    void nextAndPreviousSeekFromTheShownPagesEdges() {
        invoices.total = 350;
        pager.show(0, ALL);
        var second = pager.show(1, ALL);
        var back = pager.show(0, ALL);
        pager.show(1, ALL);
        var third = pager.show(2, ALL);
        var secondAgain = pager.show(1, ALL);

        assertThat(invoices.reads).containsExactly("counted-after(none,100)", "counted-after(N-0100,100)",
                "counted-after(none,100)", "counted-after(N-0100,100)", "counted-after(N-0200,100)",
                "counted-before(N-0201,100)");
        assertThat(invoices.filters).as("separate counts").isEmpty();
        assertThat(numbers(second)).startsWith("N-0101").endsWith("N-0200");
        assertThat(numbers(back)).startsWith("N-0001");
        assertThat(numbers(third)).startsWith("N-0201").endsWith("N-0300");
        assertThat(numbers(secondAgain)).isEqualTo(numbers(second));
        assertThat(pager.page()).isEqualTo(1);
    }

    @Test
    void theLastPageSeeksBackFromTheEndWithOnlyTheRowsItHas() {
        var last = pager.show(2, ALL);

        assertThat(invoices.reads).containsExactly("before(none,50)");
        assertThat(numbers(last)).startsWith("N-0201").endsWith("N-0250").hasSize(50);
        assertThat(pager.hasNext()).isFalse();
        assertThat(pager.hasPrevious()).isTrue();
    }

    @Test
    void aJumpOrAChangedListCannotSeekFromStaleRowsAndReadsByOffset() {
        invoices.total = 450;
        pager.show(0, ALL);
        pager.show(2, ALL);
        pager.show(1, ALL);
        pager.show(2, new InvoiceListQuery("", new InvoiceSort(InvoiceSort.Field.BUYER, false)));

        assertThat(invoices.reads).containsExactly("counted-after(none,100)", "offset(200,100)",
                "counted-before(N-0201,100)", "offset(200,100)");
        // only the jumps counted on their own
        assertThat(invoices.filters).hasSize(2);
        assertThat(pager.options()).isEmpty();
        assertThat(invoices.sorts.getLast()).isEqualTo(new InvoiceSort(InvoiceSort.Field.BUYER, false));
    }

    @Test
    void theLastPageOfAShownListIsTheEndReadBackwardsKeepingTheRowsItHas() {
        pager.show(0, ALL);
        var last = pager.show(2, ALL);

        assertThat(invoices.reads).containsExactly("counted-after(none,100)", "counted-before(none,100)");
        assertThat(numbers(last)).startsWith("N-0201").endsWith("N-0250").hasSize(50);
        assertThat(pager.page()).isEqualTo(2);
        assertThat(pager.hasNext()).isFalse();
    }

    @Test
    void nextOnAListThatShrankMeanwhileShowsWhatIsLeft() {
        pager.show(0, ALL);
        invoices.total = 100;

        var rows = pager.show(1, ALL);

        assertThat(invoices.reads).containsExactly("counted-after(none,100)", "counted-after(N-0100,100)",
                "after(none,100)");
        assertThat(pager.page()).isZero();
        assertThat(pager.total()).isEqualTo(100);
        assertThat(numbers(rows)).startsWith("N-0001").hasSize(100);
    }

    @Test
    void aPageBeyondTheEndIsClampedAndAnEmptyListHasOnePage() {
        pager.show(9, ALL);
        assertThat(pager.page()).isEqualTo(2);

        invoices.total = 0;
        var rows = pager.show(1, new InvoiceListQuery("nothing", InvoiceSort.DEFAULT));

        assertThat(rows).isEmpty();
        assertThat(pager.page()).isZero();
        assertThat(pager.pageCount()).isEqualTo(1);
        assertThat(pager.hasNext()).isFalse();
        assertThat(invoices.filters.getLast()).isEqualTo("nothing");
    }

    @Test
    void aReplacedRowStaysInPlace() {
        pager.show(0, ALL);
        var first = pager.rows().getFirst();
        var paid = new BillingInvoice(first.id(), first.invoiceNumber(), first.buyerName(), first.issueDate(),
                first.dueDate(), first.billingAmount(), OnlinePaymentStatus.PAID, Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), Optional.empty());

        pager.replace(paid);

        assertThat(pager.rows().getFirst()).isEqualTo(paid);
        assertThat(pager.rows()).hasSize(100);
    }

    private static List<String> numbers(List<BillingInvoice> rows) {
        return rows.stream().map(BillingInvoice::invoiceNumber).toList();
    }

    /** Invoices N-0001.. in number order whatever the sort: the pager's reads are what is checked. */
    static final class InMemoryInvoices implements BillingInvoices {

        int total;
        final List<String> reads = new ArrayList<>();
        final List<InvoiceSort> sorts = new ArrayList<>();
        final List<String> filters = new ArrayList<>();

        InMemoryInvoices(int total) {
            this.total = total;
        }

        private List<BillingInvoice> all() {
            return IntStream.rangeClosed(1, total).mapToObj(InMemoryInvoices::invoice).toList();
        }

        private static BillingInvoice invoice(int n) {
            return new BillingInvoice(new InvoiceId(n), "N-%04d".formatted(n), "Buyer " + n, LocalDate.of(2026, 1, 1),
                    LocalDate.of(2026, 2, 1), Money.of(n * 100L, "JPY"), OnlinePaymentStatus.NOT_CREATED,
                    Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty());
        }

        @Override
        public OnlinePaymentFilter.Counts onlinePaymentCounts(OrganizationId organization, String filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment) {
            assertThat(organization).isEqualTo(ORG);
            filters.add(filter);
            return total;
        }

        @Override
        public List<BillingInvoice> page(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
                InvoiceSort sort, long offset, int limit) {
            record(organization, sort, "offset(" + offset + "," + limit + ")");
            return all().stream().skip(offset).limit(limit).toList();
        }

        @Override
        public List<BillingInvoice> pageAfter(OrganizationId organization, String filter,
                OnlinePaymentFilter onlinePayment, InvoiceSort sort, Optional<BillingInvoice> boundary, int limit) {
            record(organization, sort, "after(" + boundary.map(BillingInvoice::invoiceNumber).orElse("none") + ","
                    + limit + ")");
            long from = boundary.map(b -> b.id().value()).orElse(0L);
            return all().stream().filter(i -> i.id().value() > from).limit(limit).toList();
        }

        @Override
        public List<BillingInvoice> pageBefore(OrganizationId organization, String filter,
                OnlinePaymentFilter onlinePayment, InvoiceSort sort, Optional<BillingInvoice> boundary, int limit) {
            record(organization, sort, "before(" + boundary.map(BillingInvoice::invoiceNumber).orElse("none") + ","
                    + limit + ")");
            long to = boundary.map(b -> b.id().value()).orElse(Long.MAX_VALUE);
            var before = all().stream().filter(i -> i.id().value() < to)
                    .sorted(Comparator.comparingLong((BillingInvoice i) -> i.id().value()).reversed())
                    .limit(limit).toList();
            return before.reversed();
        }

        @Override
        public CountedPage countedPageAfter(OrganizationId organization, String filter,
                OnlinePaymentFilter onlinePayment, InvoiceSort sort, Optional<BillingInvoice> boundary, int limit) {
            var rows = pageAfter(organization, filter, onlinePayment, sort, boundary, limit);
            reads.set(reads.size() - 1, "counted-" + reads.getLast());
            return new CountedPage(rows, total, counts());
        }

        @Override
        public CountedPage countedPageBefore(OrganizationId organization, String filter,
                OnlinePaymentFilter onlinePayment, InvoiceSort sort, Optional<BillingInvoice> boundary, int limit) {
            var rows = pageBefore(organization, filter, onlinePayment, sort, boundary, limit);
            reads.set(reads.size() - 1, "counted-" + reads.getLast());
            return new CountedPage(rows, total, counts());
        }

        private OnlinePaymentFilter.Counts counts() {
            return new OnlinePaymentFilter.Counts(total,
                    java.util.Map.of(OnlinePaymentFilter.Status.NOT_CREATED, (long) total), java.util.Map.of());
        }

        private void record(OrganizationId organization, InvoiceSort sort, String read) {
            assertThat(organization).isEqualTo(ORG);
            sorts.add(sort);
            reads.add(read);
        }

        @Override
        public Optional<BillingInvoice> find(OrganizationId organization, InvoiceId invoice) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<BillingInvoice> findAll(OrganizationId organization, Collection<InvoiceId> invoices) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InvoiceId issue(OrganizationId organization, NewInvoice invoice) {
            throw new UnsupportedOperationException();
        }
    }
}
