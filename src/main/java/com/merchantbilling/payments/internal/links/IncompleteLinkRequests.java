package com.merchantbilling.payments.internal.links;

import java.time.Instant;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.events.PaymentLinkRequested;

/**
 * Link requests whose handling was cut short (a crash, a shutdown in the middle of a backoff) are taken up
 * again instead of waiting for the next restart. Expected Stripe failures never leave a publication incomplete
 * (see {@link PaymentLinkCreation}); a resubmitted request continues with the invoice's persisted attempt and
 * so its idempotency key.
 */
@Component
class IncompleteLinkRequests {

    private final IncompleteEventPublications publications;
    private final PaymentLinkProperties properties;

    IncompleteLinkRequests(IncompleteEventPublications publications, PaymentLinkProperties properties) {
        this.publications = publications;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${payments.links.resubmit-interval:1m}",
            fixedDelayString = "${payments.links.resubmit-interval:1m}")
    void resubmit() {
        // only link requests: Stripe events have their own job and delay (StripeEventResubmission)
        var before = Instant.now().minus(properties.resubmitOlderThan());
        publications.resubmitIncompletePublications(publication -> publication.getEvent() instanceof PaymentLinkRequested
                && publication.getPublicationDate().isBefore(before));
    }
}
