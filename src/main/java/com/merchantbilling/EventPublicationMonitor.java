package com.merchantbilling;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.NotNull;

/**
 * Makes event publications that did not complete visible to an operator. With completion mode DELETE the
 * {@code event_publication} table holds only the backlog, so one grouped count over the partial index
 * {@code event_publication_incomplete_idx} (V16) is cheap; it runs on a schedule and the gauges report the last
 * result, so a metrics scrape never queries the database.
 * <ul>
 * <li>{@code event.publications.incomplete} (tag {@code status}: published, processing, resubmitted, failed)</li>
 * <li>{@code event.publications.stale}: incomplete, not failed, published longer than {@code stale-after} ago,
 * e.g. a listener that never finished on a node that died</li>
 * </ul>
 * One warning per check when there are failed or stale publications, never one per row.
 */
@Component
class EventPublicationMonitor {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationMonitor.class);

    private final JdbcClient jdbc;
    private final Properties properties;
    private final Clock clock;
    private final Map<EventPublication.Status, AtomicLong> incomplete = new EnumMap<>(EventPublication.Status.class);
    private final AtomicLong stale = new AtomicLong();

    EventPublicationMonitor(JdbcClient jdbc, Properties properties, MeterRegistry meters, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
        for (var status : EventPublication.Status.values()) {
            if (status != EventPublication.Status.COMPLETED) {
                var value = new AtomicLong();
                incomplete.put(status, value);
                Gauge.builder("event.publications.incomplete", value, AtomicLong::get)
                        .tag("status", status.name().toLowerCase())
                        .description("Event publications not completed, as of the last check")
                        .register(meters);
            }
        }
        Gauge.builder("event.publications.stale", stale, AtomicLong::get)
                .description("Incomplete, not failed event publications older than the stale-after period")
                .register(meters);
    }

    /**
     * Once per interval for the cluster: the table is the same from every node, so N nodes counting would only
     * write the warning N times. The gauges are those of the node that checked (the lock's holder keeps winning
     * while it lives, see SchedulerLocks); the others keep their last values: alert on the maximum over nodes.
     */
    @Scheduled(initialDelayString = "${merchantbilling.event-publications.check-interval:PT1M}",
            fixedDelayString = "${merchantbilling.event-publications.check-interval:PT1M}")
    @SchedulerLock(name = "event-publication-monitor",
            lockAtLeastFor = "${merchantbilling.event-publications.check-interval:PT1M}",
            lockAtMostFor = "${merchantbilling.event-publications.check-interval:PT1M}")
    void scheduledCheck() {
        check();
    }

    /** Counts by status; the result the gauges now report. */
    Check check() {
        var staleBefore = OffsetDateTime.ofInstant(clock.instant().minus(properties.staleAfter()), ZoneOffset.UTC);
        var counts = new EnumMap<EventPublication.Status, Long>(EventPublication.Status.class);
        long[] staleCount = { 0 };
        // the same predicate as Modulith's incomplete lookup, so the partial index serves it; a null status is
        // a row of the v1 schema, which only knew published and completed
        jdbc.sql("""
                select coalesce(status, 'PUBLISHED') as status, count(*) as total,
                       count(*) filter (where publication_date < :staleBefore
                                          and coalesce(status, 'PUBLISHED') <> 'FAILED') as stale
                  from event_publication
                 where completion_date is null or status <> 'COMPLETED'
                 group by 1""")
                .param("staleBefore", staleBefore)
                .query((row, n) -> {
                    var status = EventPublication.Status.valueOf(row.getString("status"));
                    counts.merge(status, row.getLong("total"), Long::sum);
                    staleCount[0] += row.getLong("stale");
                    return status;
                })
                .list();
        incomplete.forEach((status, value) -> value.set(counts.getOrDefault(status, 0L)));
        stale.set(staleCount[0]);
        var check = new Check(counts.getOrDefault(EventPublication.Status.FAILED, 0L), staleCount[0]);
        if (check.needsAttention()) {
            log.warn("Event publications need attention: {} failed, {} stale (incomplete for more than {}); "
                    + "listeners: {}", check.failed(), check.stale(), properties.staleAfter(), listeners(staleBefore));
        }
        return check;
    }

    /** The few listeners concerned, for the one log line. */
    private String listeners(OffsetDateTime staleBefore) {
        return jdbc.sql("""
                select listener_id, count(*) as total from event_publication
                 where (completion_date is null or status <> 'COMPLETED')
                   and (status = 'FAILED' or publication_date < :staleBefore)
                 group by listener_id order by total desc, listener_id limit 5""")
                .param("staleBefore", staleBefore)
                .query((row, n) -> row.getString("listener_id") + " (" + row.getLong("total") + ")")
                .list().stream().collect(Collectors.joining(", "));
    }

    record Check(long failed, long stale) {

        boolean needsAttention() {
            return failed > 0 || stale > 0;
        }
    }

    /**
     * {@code merchantbilling.event-publications.*}
     *
     * @param checkInterval how often the counts are taken (read by the schedule)
     * @param staleAfter an incomplete publication older than this counts as stale; longer than the payments
     *                   module's own resubmission delays, so a publication on its normal retry path is not stale
     */
    @Validated
    @ConfigurationProperties("merchantbilling.event-publications")
    record Properties(
            @DefaultValue("1m") @NotNull Duration checkInterval,
            @DefaultValue("15m") @NotNull Duration staleAfter) {
    }
}
