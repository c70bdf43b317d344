package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.PaymentLinkRequests.IneligibleInvoice;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkRequestResult;

/**
 * Two signed-in users of one organization press Create for overlapping selections at the same moment,
 * twenty times: between them every invoice is requested once, gets one link and one idempotency key.
 */
class ConcurrentBulkActionIntegrationTests extends ReliabilityTestSupport {

    static final int REPETITIONS = 20;
    static final int INVOICES = 20;

    @Test
    void overlappingSelectionsAtTheSameMomentRequestEachInvoiceOnce() throws Exception {
        var organization = tenants.subscribed("Race");
        var all = new ArrayList<InvoiceId>();
        int overlaps = 0;
        try (var users = new org.springframework.security.concurrent.DelegatingSecurityContextExecutorService(
                Executors.newFixedThreadPool(2))) {
            for (int repetition = 0; repetition < REPETITIONS; repetition++) {
                var ids = tenants.invoices(organization, "R" + repetition, INVOICES, "JPY");
                all.addAll(ids);
                // aiko takes the first 15, ben the last 15: 10 invoices are in both selections
                var aikos = ids.subList(0, 15);
                var bens = ids.subList(5, 20);
                var barrier = new CyclicBarrier(2);
                Future<PaymentLinkRequestResult> aiko = users.submit(() -> {
                    barrier.await();
                    return requests.request(organization, aikos, "aiko");
                });
                Future<PaymentLinkRequestResult> ben = users.submit(() -> {
                    barrier.await();
                    return requests.request(organization, bens, "ben");
                });
                var first = aiko.get();
                var second = ben.get();

                var requestedByBoth = new HashSet<>(first.requested());
                requestedByBoth.retainAll(second.requested());
                assertThat(requestedByBoth).as("requested by both users").isEmpty();
                var requested = new HashSet<>(first.requested());
                requested.addAll(second.requested());
                assertThat(requested).containsExactlyInAnyOrderElementsOf(ids);
                // what one user did not get, the other had just claimed
                assertThat(concat(first.skipped(), second.skipped()))
                        .allSatisfy(skipped -> assertThat(skipped.reason())
                                .isIn(Ineligibility.LINK_BEING_CREATED, Ineligibility.LINK_EXISTS));
                assertThat(first.skipped().size() + second.skipped().size()).isEqualTo(10);
                if (!first.skipped().isEmpty() && !second.skipped().isEmpty()) {
                    overlaps++;
                }
            }
        }
        awaitStatus(all, OnlinePaymentStatus.PENDING_PAYMENT);

        for (var id : all) {
            assertThat(linksAtStripe(id)).as("links of invoice %s", id).isEqualTo(1);
            assertThat(idempotencyKeys(id)).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from invoices where id in (:ids) and payment_link_attempt <> 1")
                .param("ids", all.stream().map(InvoiceId::value).toList()).query(Long.class).single())
                .as("invoices requested more than once").isZero();
        System.out.printf("[race] %d repetitions x %d invoices: %d links, 0 duplicates; the overlap was split"
                + " between both users in %d repetitions (otherwise the first lock took it all)%n", REPETITIONS, INVOICES, all.size(), overlaps);
    }

    private static List<IneligibleInvoice> concat(List<IneligibleInvoice> a, List<IneligibleInvoice> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
