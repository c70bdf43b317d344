package com.merchantbilling.payments.internal.links;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.payments.internal.publications.StalePublications;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Link requests whose handling was cut short (a crash, a shutdown in the middle of a backoff) are taken up
 * again instead of waiting for the next restart. Expected Stripe failures never leave a publication incomplete
 * (see {@link PaymentLinkCreation}); a resubmitted request continues with the invoice's persisted attempt and
 * so its idempotency key. Only failed or abandoned requests are taken, never one another node is handling
 * (see {@link StalePublications}).
 */
@Component
class IncompleteLinkRequests {

    private final StalePublications publications;
    private final PaymentLinkProperties properties;

    IncompleteLinkRequests(StalePublications publications, PaymentLinkProperties properties) {
        this.publications = publications;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${payments.links.resubmit-interval:1m}",
            fixedDelayString = "${payments.links.resubmit-interval:1m}")
    // once per interval for the cluster; the run only claims publications and hands them to the async listener,
    // so it returns in moments and the interval serves as both lock times (see SchedulerLocks). Two nodes
    // running it at once would still not run a request twice (the claim is a conditional update): the lock
    // saves the duplicate reads.
    @SchedulerLock(name = "incomplete-link-requests",
            lockAtLeastFor = "${payments.links.resubmit-interval:1m}",
            lockAtMostFor = "${payments.links.resubmit-interval:1m}")
    void scheduledResubmit() {
        resubmit();
    }

    void resubmit() {
        // only link requests: Stripe events are no publications (the webhook inbox retries its own, see WebhookInboxProcessing)
        publications.resubmit(PaymentLinkRequested.class, properties.resubmitOlderThan());
    }
}
