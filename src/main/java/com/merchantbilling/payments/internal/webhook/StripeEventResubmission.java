package com.merchantbilling.payments.internal.webhook;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.merchantbilling.payments.internal.publications.StalePublications;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Retries Stripe events whose processing failed (a lock timeout, the database briefly gone) without waiting
 * for a restart. Only this module's StripeEventReceived publications: other modules decide for their own. Only
 * failed or abandoned ones, never one another node is processing (see {@link StalePublications}).
 */
@Component
class StripeEventResubmission {

    private final StalePublications publications;
    private final WebhookProperties properties;

    StripeEventResubmission(StalePublications publications, WebhookProperties properties) {
        this.publications = publications;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${payments.webhook.resubmit-after:5m}",
            initialDelayString = "${payments.webhook.resubmit-after:5m}")
    // once per interval for the cluster, like IncompleteLinkRequests: the run claims and hands over, in moments
    @SchedulerLock(name = "stripe-event-resubmission",
            lockAtLeastFor = "${payments.webhook.resubmit-after:5m}",
            lockAtMostFor = "${payments.webhook.resubmit-after:5m}")
    void scheduledResubmit() {
        resubmitStale();
    }

    void resubmitStale() {
        publications.resubmit(StripeEventReceived.class, properties.resubmitAfter());
    }
}
