package com.merchantbilling.payments.internal.publications;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;

/**
 * Resubmission of this module's event publications that never takes one another node is handling.
 * <p>
 * Spring Modulith 2.1 offers two ways. {@code resubmitIncompletePublications(Predicate)} (and the
 * {@code republish-outstanding-events-on-restart} flag) re-invoke <em>every</em> incomplete publication,
 * PROCESSING ones included: with several nodes that runs a listener a second time while another node is still in
 * it. {@code resubmitIncompletePublications(ResubmissionOptions)} only takes FAILED ones and claims each with a
 * conditional update ({@code JdbcEventPublicationRepositoryV2}: {@code SET STATUS = 'RESUBMITTED',
 * LAST_RESUBMISSION_DATE = ? WHERE ID = ? AND STATUS != 'RESUBMITTED'}), so of two nodes only one gets it. That
 * is the one we use; what remains is to turn an abandoned publication (its node died in the listener) into a
 * FAILED one.
 * <p>
 * Modulith's own staleness monitor ({@code spring.modulith.events.staleness.*}) does that, but it measures every
 * status from the <em>publication</em> date (DefaultEventPublicationRegistry.markStalePublicationsFailed filters
 * on getPublicationDate): a publication resubmitted after being stale is older than the threshold from its first
 * second on, so the next check would fail it again while it runs, and the next resubmission would run it twice.
 * So we leave that monitor off and mark stale ourselves, as a lease: a PUBLISHED, PROCESSING or RESUBMITTED
 * publication is abandoned when neither its publication nor its last resubmission is younger than
 * {@code payments.publications.stale-after}. A live listener finishes well within that lease; a dead node's
 * publications are taken over by whichever node runs the job next (it runs once per cluster, under ShedLock), so
 * a crash loses nothing.
 */
@Component
public class StalePublications {

    private static final Logger log = LoggerFactory.getLogger(StalePublications.class);

    private final JdbcClient jdbc;
    private final IncompleteEventPublications publications;
    private final PublicationProperties properties;
    private final Clock clock;

    StalePublications(JdbcClient jdbc, IncompleteEventPublications publications, PublicationProperties properties,
            Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.publications = publications;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Marks the abandoned publications of the event type FAILED, then resubmits its failed publications whose
     * last submission is older than {@code retryAfter}.
     *
     * @return the publications found abandoned
     */
    public int resubmit(Class<?> eventType, Duration retryAfter) {
        var now = clock.instant();
        int abandoned = jdbc.sql("""
                update event_publication set status = 'FAILED'
                 where event_type = :type and completion_date is null
                   and status in ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
                   and coalesce(last_resubmission_date, publication_date) < :leaseStart""")
                .param("type", eventType.getName())
                .param("leaseStart", OffsetDateTime.ofInstant(now.minus(properties.staleAfter()), ZoneOffset.UTC))
                .update();
        if (abandoned > 0) {
            log.warn("{} {} publication(s) not completed within {} of their last submission: taken over",
                    abandoned, eventType.getSimpleName(), properties.staleAfter());
        }
        var retryBefore = now.minus(retryAfter);
        // the batch is read before the filter applies: large enough that the other event type cannot crowd it out
        publications.resubmitIncompletePublications(ResubmissionOptions.defaults()
                .withBatchSize(1000)
                .withFilter(publication -> eventType.isInstance(publication.getEvent())
                        && lastSubmission(publication).isBefore(retryBefore)));
        return abandoned;
    }

    private static java.time.Instant lastSubmission(EventPublication publication) {
        return publication.getLastResubmissionDate() != null ? publication.getLastResubmissionDate()
                : publication.getPublicationDate();
    }
}
