package com.merchantbilling.payments.internal.links;

import java.time.Instant;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.PaymentLinkRequested;

/**
 * Link requests whose Stripe call kept failing transiently are tried again, with the same idempotency
 * key, instead of waiting for the next restart.
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
