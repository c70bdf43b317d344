package com.merchantbilling.payments.internal.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.merchantbilling.organizations.OrganizationId;

/**
 * The budget's order of grants (within one JVM; the two-node tests cover the shared bucket): organizations by
 * turns, interactive calls ahead of queued bulk work.
 */
class StripeBudgetTests {

    static final int RATE = 40;
    final StripeBudget budget = StripeBudget.local(RATE);
    final List<String> grants = new CopyOnWriteArrayList<>();

    @Test
    void aSecondOrganizationIsNotQueuedBehindTheFirstOnesBulkRun() {
        var first = StripeCaller.background(new OrganizationId(1), Optional.empty());
        var second = StripeCaller.background(new OrganizationId(2), Optional.empty());
        start(first, "first", 60);
        await().atMost(Duration.ofSeconds(10)).until(() -> grants.size() >= 5);
        int firstsBefore = grants.size();
        start(second, "second", 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> grants.size() == 80);

        int secondsFirst = grants.indexOf("second");
        assertThat(secondsFirst - firstsBefore).as("first organization's grants while the second waited")
                .isLessThanOrEqualTo(3);
        var overlap = grants.subList(secondsFirst, secondsFirst + 20);
        assertThat(overlap.stream().filter("second"::equals).count()).as("second's share while both ran")
                .isBetween(7L, 13L);
    }

    @Test
    void anInteractiveCallWaitsBehindAtMostTheHorizonOfQueuedWork() {
        var bulk = StripeCaller.background(new OrganizationId(1), Optional.empty());
        start(bulk, "bulk", 80);
        await().atMost(Duration.ofSeconds(10)).until(() -> grants.size() >= 5);
        int before = grants.size();
        start(StripeCaller.interactive(new OrganizationId(1), Optional.empty()), "check", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> grants.size() == 81);

        // the same organization's 75 queued links are not ahead of its merchant's click
        assertThat(grants.indexOf("check") - before).as("grants between the click and its own")
                .isLessThanOrEqualTo((int) (StripeBudget.HORIZON.toMillis() * RATE / 1000) + 2);
    }

    private void start(StripeCaller caller, String name, int calls) {
        for (int i = 0; i < calls; i++) {
            Thread.ofVirtual().start(() -> {
                try {
                    budget.acquire(caller);
                    grants.add(name);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
