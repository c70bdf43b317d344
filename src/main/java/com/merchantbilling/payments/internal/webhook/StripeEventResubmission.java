package com.merchantbilling.payments.internal.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries Stripe events whose processing failed (a lock timeout, the database briefly gone) without waiting
 * for a restart. Only this module's StripeEventReceived publications: other modules decide for their own.
 */
@Component
class StripeEventResubmission {

    private final IncompleteEventPublications publications;
    private final WebhookProperties properties;
    private final Clock clock;

    StripeEventResubmission(IncompleteEventPublications publications, WebhookProperties properties,
            Optional<Clock> clock) {
        this.publications = publications;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${payments.webhook.resubmit-after:5m}",
            initialDelayString = "${payments.webhook.resubmit-after:5m}")
    void resubmitStale() {
        Instant before = clock.instant().minus(properties.resubmitAfter());
        publications.resubmitIncompletePublications(publication -> publication.getEvent() instanceof StripeEventReceived
                && publication.getPublicationDate().isBefore(before));
    }
}
