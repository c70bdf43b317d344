package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.invoicing.OnlinePaymentFilter.Status;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.Tenants;

/**
 * The Online Payment filter of the Billing Invoices list on PostgreSQL: statuses and flags, with the text filter,
 * in the page, the count, the option counts and the export; another organization's invoices never in them.
 */
@IntegrationTest
class OnlinePaymentFilterIntegrationTests {

    @Autowired
    BillingInvoices invoices;
    @Autowired
    InvoiceExports exports;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcClient jdbc;

    OrganizationId a;
    OrganizationId b;
    List<InvoiceId> ofA;

    /**
     * A: 10 invoices A-0001..A-0010; 3, 4 and 5 Pending Payment, 6 and 7 Paid (7 refunded), 8 Link Failed, 9
     * Creating Link, the rest Not Created. B: the same numbers and statuses, all Pending Payment or Paid, refunded.
     */
    @BeforeEach
    void books() {
        a = tenants.organization("Filter A");
        b = tenants.organization("Filter B");
        ofA = tenants.invoices(a, "A", 10, "JPY");
        var ofB = tenants.invoices(b, "A", 10, "JPY");
        for (int i : new int[] {3, 4, 5}) {
            pending(ofA.get(i - 1));
        }
        paid(ofA.get(5), false);
        paid(ofA.get(6), true);
        status(ofA.get(7), "LINK_FAILED");
        status(ofA.get(8), "LINK_REQUESTED");
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                pending(ofB.get(i));
            } else {
                paid(ofB.get(i), true);
            }
        }
    }

    @Test
    void pendingPaymentListsOnlyThoseAndCountsThem() {
        var pending = OnlinePaymentFilter.of(Status.PENDING_PAYMENT);
        assertThat(invoices.count(a, "", pending)).isEqualTo(3);
        assertThat(numbers(invoices.pageAfter(a, "", pending, byNumber(), Optional.empty(), 100)))
                .containsExactly("A-0003", "A-0004", "A-0005");
        // keyset paging inside the filter: after A-0003, before A-0005
        var first = invoices.pageAfter(a, "", pending, byNumber(), Optional.empty(), 1);
        assertThat(numbers(invoices.pageAfter(a, "", pending, byNumber(), Optional.of(first.getFirst()), 1)))
                .containsExactly("A-0004");
        assertThat(numbers(invoices.pageBefore(a, "", pending, byNumber(), Optional.empty(), 2)))
                .containsExactly("A-0004", "A-0005");
        assertThat(numbers(invoices.page(a, "", pending, byNumber(), 1, 100))).containsExactly("A-0004", "A-0005");
    }

    @Test
    void notCreatedIncludesFailedAndInFlightRequests() {
        var notCreated = OnlinePaymentFilter.of(Status.NOT_CREATED);
        assertThat(numbers(invoices.pageAfter(a, "", notCreated, byNumber(), Optional.empty(), 100)))
                .containsExactly("A-0001", "A-0002", "A-0008", "A-0009", "A-0010");
        assertThat(invoices.count(a, "", notCreated)).isEqualTo(5);
    }

    @Test
    void statusAndTextFiltersTogether() {
        // "A-000" matches 1..9, not 10
        var notCreated = OnlinePaymentFilter.of(Status.NOT_CREATED);
        assertThat(invoices.count(a, "A-000", notCreated)).isEqualTo(4);
        assertThat(numbers(invoices.pageAfter(a, "A-000", notCreated, byNumber(), Optional.empty(), 100)))
                .containsExactly("A-0001", "A-0002", "A-0008", "A-0009");
        var both = OnlinePaymentFilter.of(Status.NOT_CREATED, Status.PAID);
        assertThat(invoices.count(a, "A-000", both)).isEqualTo(6);
    }

    @Test
    void aFlagNarrowsToItsInvoices() {
        var refunded = OnlinePaymentFilter.flagged(PaymentFlag.REFUNDED);
        assertThat(numbers(invoices.pageAfter(a, "", refunded, InvoiceSort.DEFAULT, Optional.empty(), 100)))
                .containsExactly("A-0007");
        assertThat(invoices.count(a, "", refunded)).isEqualTo(1);
        var paidAndRefunded = new OnlinePaymentFilter(java.util.Set.of(Status.PAID), Optional.of(PaymentFlag.REFUNDED));
        assertThat(invoices.count(a, "", paidAndRefunded)).isEqualTo(1);
        assertThat(invoices.count(a, "", OnlinePaymentFilter.flagged(PaymentFlag.DISPUTED))).isZero();
    }

    @Test
    void optionCountsAreTheOrganizationsOnlyAndFollowTheTextFilter() {
        var counts = invoices.onlinePaymentCounts(a, "");
        assertThat(counts.all()).isEqualTo(10);
        assertThat(counts.of(Status.NOT_CREATED)).isEqualTo(5);
        assertThat(counts.of(Status.PENDING_PAYMENT)).isEqualTo(3);
        assertThat(counts.of(Status.PAID)).isEqualTo(2);
        assertThat(counts.of(PaymentFlag.REFUNDED)).isEqualTo(1);
        assertThat(counts.of(PaymentFlag.DISPUTED)).isZero();

        var filtered = invoices.onlinePaymentCounts(a, "A-0007");
        assertThat(filtered.all()).isEqualTo(1);
        assertThat(filtered.of(Status.PAID)).isEqualTo(1);
        assertThat(filtered.of(Status.PENDING_PAYMENT)).isZero();
        assertThat(filtered.of(PaymentFlag.REFUNDED)).isEqualTo(1);

        // B has 5 pending, 5 paid and refunded with the same numbers: none of it leaks into A and back
        var ofB = invoices.onlinePaymentCounts(b, "");
        assertThat(ofB.of(Status.PENDING_PAYMENT)).isEqualTo(5);
        assertThat(ofB.of(Status.NOT_CREATED)).isZero();
        assertThat(ofB.of(PaymentFlag.REFUNDED)).isEqualTo(5);
        // every option's count agrees with what the option lists
        for (var status : Status.values()) {
            assertThat(invoices.count(a, "", OnlinePaymentFilter.of(status))).isEqualTo(counts.of(status));
        }
        for (var flag : PaymentFlag.values()) {
            assertThat(invoices.count(a, "", OnlinePaymentFilter.flagged(flag))).as(flag.name())
                    .isEqualTo(counts.of(flag));
        }
    }

    /**
     * The counters V22's triggers keep (what the options and a status list's total read without a text filter)
     * against counting the rows, after inserts, status and flag changes by update, a multi-row update and a
     * delete, for both organizations.
     */
    @Test
    void theCountersAgreeWithCountingRowsAfterEveryKindOfChange() {
        assertCountersMatchRows(a);
        assertCountersMatchRows(b);

        var more = tenants.invoices(a, "C", 4, "JPY");
        paid(more.get(0), false);
        jdbc.sql("update invoices set payment_count = 2, paid_amount = billing_amount + 1 where id = :id")
                .param("id", more.get(0).value()).update();
        pending(more.get(1));
        jdbc.sql("update invoices set dispute_state = 'OPEN', payment_failed_at = now() where id = :id")
                .param("id", more.get(1).value()).update();
        jdbc.sql("update invoices set differing_amount = 5, differing_currency = 'USD', refund_state = 'PARTIAL'"
                + " where id = :id").param("id", more.get(2).value()).update();
        // one statement, many rows and both organizations; and an update that changes no count at all
        jdbc.sql("update invoices set online_payment_status = 'LINK_FAILED' where invoice_number in ('A-0001', 'A-0002')"
                + " and online_payment_status = 'NOT_CREATED'").update();
        jdbc.sql("update invoices set version = version + 1").update();
        jdbc.sql("delete from invoices where id = :id").param("id", more.get(3).value()).update();

        var counts = invoices.onlinePaymentCounts(a, "");
        assertThat(counts.all()).isEqualTo(13);
        assertThat(counts.of(Status.PAID)).isEqualTo(3);
        assertThat(counts.of(PaymentFlag.DISPUTED)).isEqualTo(1);
        assertThat(counts.of(PaymentFlag.PAYMENT_FAILED)).isEqualTo(1);
        assertThat(counts.of(PaymentFlag.OVERPAID)).isEqualTo(1);
        assertThat(counts.of(PaymentFlag.PAID_TWICE)).isEqualTo(1);
        assertThat(counts.of(PaymentFlag.PARTIALLY_REFUNDED)).isEqualTo(1);
        assertCountersMatchRows(a);
        assertCountersMatchRows(b);
    }

    /** Page, total and option counts read together equal the separate reads, with and without a text filter. */
    @Test
    void aCountedPageIsThePageItsListsTotalAndTheOptionCounts() {
        var pending = OnlinePaymentFilter.of(Status.PENDING_PAYMENT);
        for (var text : List.of("", "A-000", "a-0007")) {
            for (var filter : List.of(OnlinePaymentFilter.ALL, pending, OnlinePaymentFilter.flagged(PaymentFlag.REFUNDED),
                    OnlinePaymentFilter.of(Status.NOT_CREATED, Status.PAID))) {
                var what = "'" + text + "' " + filter;
                var first = invoices.countedPageAfter(a, text, filter, byNumber(), Optional.empty(), 2);
                assertThat(numbers(first.rows())).as(what)
                        .isEqualTo(numbers(invoices.pageAfter(a, text, filter, byNumber(), Optional.empty(), 2)));
                assertThat(first.total()).as(what).isEqualTo(invoices.count(a, text, filter));
                assertThat(first.options()).as(what).isEqualTo(invoices.onlinePaymentCounts(a, text));
                if (!first.rows().isEmpty()) {
                    // the total is the whole list's on every page, also past its end
                    var after = invoices.countedPageAfter(a, text, filter, byNumber(), Optional.of(first.rows().getLast()), 100);
                    assertThat(numbers(after.rows())).as(what).isEqualTo(numbers(
                            invoices.pageAfter(a, text, filter, byNumber(), Optional.of(first.rows().getLast()), 100)));
                    assertThat(after.total()).as(what).isEqualTo(first.total());
                    var end = invoices.countedPageAfter(a, text, filter, byNumber(),
                            Optional.of(after.rows().isEmpty() ? first.rows().getLast() : after.rows().getLast()), 100);
                    assertThat(end.rows()).as(what).isEmpty();
                    assertThat(end.total()).as(what).isEqualTo(first.total());
                    var last = invoices.countedPageBefore(a, text, filter, byNumber(), Optional.empty(), 2);
                    assertThat(numbers(last.rows())).as(what).isEqualTo(numbers(
                            invoices.pageBefore(a, text, filter, byNumber(), Optional.empty(), 2)));
                }
            }
        }
        var none = invoices.countedPageAfter(a, "no such invoice", OnlinePaymentFilter.ALL, byNumber(), Optional.empty(), 100);
        assertThat(none.rows()).isEmpty();
        assertThat(none.total()).isZero();
        assertThat(none.options().all()).isZero();
        // B's ten invoices share A's numbers: never in A's counted page
        var scoped = invoices.countedPageAfter(a, "A-", OnlinePaymentFilter.ALL, byNumber(), Optional.empty(), 100);
        assertThat(scoped.rows()).hasSize(10).extracting(BillingInvoice::id).containsExactlyElementsOf(ofA);
        assertThat(scoped.total()).isEqualTo(10);
    }

    private void assertCountersMatchRows(OrganizationId organization) {
        var counts = invoices.onlinePaymentCounts(organization, "");
        assertThat(counts.all()).isEqualTo(rows(organization, OnlinePaymentFilter.ALL));
        for (var status : Status.values()) {
            assertThat(counts.of(status)).as(status.name()).isEqualTo(rows(organization, OnlinePaymentFilter.of(status)));
        }
        for (var flag : PaymentFlag.values()) {
            assertThat(counts.of(flag)).as(flag.name()).isEqualTo(rows(organization, OnlinePaymentFilter.flagged(flag)));
        }
    }

    /** Counted row by row, as before the counters. */
    private long rows(OrganizationId organization, OnlinePaymentFilter filter) {
        return jdbc.sql("select count(*) from invoices where organization_id = :org"
                        + com.merchantbilling.invoicing.internal.queries.BillingInvoiceQueries.onlinePaymentCondition(filter))
                .param("org", organization.value()).query(Long.class).single();
    }

    @Test
    void theExportHoldsWhatTheFilteredGridShows() throws Exception {
        var out = new ByteArrayOutputStream();
        long written = exports.export(a, "A-00", OnlinePaymentFilter.of(Status.PENDING_PAYMENT),
                byNumber(), out);
        var lines = out.toString(StandardCharsets.UTF_8).lines().skip(1).toList();
        assertThat(written).isEqualTo(3);
        assertThat(lines).hasSize(3).allMatch(line -> line.contains(",Pending Payment,"));
        assertThat(lines).extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactly("A-0003", "A-0004", "A-0005");
    }

    private void pending(InvoiceId id) {
        tenants.pendingByHand(id);
    }

    private void paid(InvoiceId id, boolean refunded) {
        pending(id);
        jdbc.sql("""
                        update invoices set online_payment_status = 'PAID', paid_at = now(), paid_amount = billing_amount,
                               paid_currency = currency, payment_count = 1, refund_state = :refund
                         where id = :id""")
                .param("id", id.value()).param("refund", refunded ? "FULL" : null).update();
    }

    private void status(InvoiceId id, String status) {
        jdbc.sql("update invoices set online_payment_status = :status where id = :id")
                .param("status", status).param("id", id.value()).update();
    }

    private static InvoiceSort byNumber() {
        return new InvoiceSort(InvoiceSort.Field.INVOICE_NUMBER, false);
    }

    private static List<String> numbers(List<BillingInvoice> rows) {
        return rows.stream().map(BillingInvoice::invoiceNumber).toList();
    }
}
