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
        jdbc.sql("""
                        update invoices set online_payment_status = 'PENDING_PAYMENT',
                               payment_link_id = 'plink_' || id, payment_link_url = 'https://buy.stripe.com/' || id
                         where id = :id""")
                .param("id", id.value()).update();
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
