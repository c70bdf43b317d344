package com.merchantbilling.payments.internal.reconciliation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeCaller;
import com.merchantbilling.payments.internal.webhook.StripeEventIntake;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.EventListParams;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the payments (and refunds, disputes, failures) whose webhook never reached us by listing Stripe's own
 * record of them, as Stripe advises in "Process undelivered webhook events"
 * (docs.stripe.com/webhooks/process-undelivered-events): {@code GET /v1/events} filtered by {@code types[]}, on each
 * Stripe account that has Pending Payment links, and hands every event found to the webhook's intake
 * ({@link StripeEventIntake}), where the event id makes it count once whether the webhook brought it too or not.
 * The cost is a page of up to 100 events per call, whatever the number of pending links: 10,000 pending links with
 * 1,000 missed payments cost about ten calls per account, where asking per link cost 10,000.
 * <p>
 * Stripe's list is newest first and goes back 30 days ("List all events", docs.stripe.com/api/events/list).
 * So a listing is bounded first, {@code created[gt]} the floor (less the overlap) and {@code created[lte]} the
 * time it started, and paged back with {@code starting_after}; only when its last page is taken does the floor
 * move up to that bound. The cursor (V25) is saved after every page: a run cut short by the page cap, an error
 * or a crash resumes after the last page taken, on whichever node runs next. Every page is one call through the
 * shared budget ({@link StripeCallPolicy}), never stripe-java's auto-paging, which would send the next pages
 * around it.
 * <p>
 * Per-invoice checks stay for Check Payment ({@code PaymentReconciliationService}).
 */
@Component
@ConditionalOnBooleanProperty(name = "payments.reconciliation.enabled", matchIfMissing = true)
class StripeEventCatchUp {

    static final String PLATFORM_KEY = "platform";

    private static final Logger log = LoggerFactory.getLogger(StripeEventCatchUp.class);
    /** Reads Stripe's list bodies only; the events are stored as Stripe wrote them, field for field. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one run did, for the log, the tests and the benchmark. */
    record Run(int accounts, int pages, int eventsListed, int eventsNew) {

        Run plus(Run other) {
            return new Run(accounts + other.accounts, pages + other.pages, eventsListed + other.eventsListed,
                    eventsNew + other.eventsNew);
        }
    }

    private record PageTaken(int added, StripeEventCursors.Cursor cursor) {
    }

    private final StripeClient stripe;
    private final StripeCallPolicy policy;
    private final StripeEventIntake intake;
    private final StripeEventCursors cursors;
    private final OnlinePayments onlinePayments;
    private final ReconciliationProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    StripeEventCatchUp(StripeClient stripe, StripeCallPolicy policy, StripeEventIntake intake,
            StripeEventCursors cursors, OnlinePayments onlinePayments, ReconciliationProperties properties,
            TransactionTemplate transaction, Optional<Clock> clock) {
        this.transaction = transaction;
        this.stripe = stripe;
        this.policy = policy;
        this.intake = intake;
        this.cursors = cursors;
        this.onlinePayments = onlinePayments;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${payments.reconciliation.interval:5m}",
            initialDelayString = "${payments.reconciliation.interval:5m}")
    // once per interval for the cluster (see SchedulerLocks). A run is a few calls per account, far below the
    // interval; should one outlast the lock, the cursor's version stops the slower of two runs (StripeEventCursors)
    @SchedulerLock(name = "stripe-event-catch-up",
            lockAtLeastFor = "${payments.reconciliation.interval:5m}",
            lockAtMostFor = "${payments.reconciliation.interval:5m}")
    void scheduledCatchUp() {
        catchUp();
    }

    /** One pass over every account with pending links. */
    Run catchUp() {
        var total = new Run(0, 0, 0, 0);
        for (var account : accountsWithPendingLinks()) {
            try {
                total = total.plus(catchUp(account));
            } catch (StripeException | RuntimeException e) {
                // the cursor stays after the last page taken: the next run resumes there
                log.warn("Catch-up on Stripe events of {} stopped: {}", account.orElse(PLATFORM_KEY),
                        StripeCallPolicy.describe(e));
            }
        }
        if (total.eventsNew() > 0) {
            log.info("Catch-up on Stripe events: {} account(s), {} page(s), {} event(s) listed, {} no webhook had "
                    + "delivered", total.accounts(), total.pages(), total.eventsListed(), total.eventsNew());
        }
        return total;
    }

    /** Lists the account's events from its cursor on, at most {@code max-pages-per-run} pages. */
    Run catchUp(Optional<String> account) throws StripeException {
        String key = account.orElse(PLATFORM_KEY);
        long now = clock.instant().getEpochSecond();
        var cursor = cursors.find(key)
                .orElseGet(() -> new StripeEventCursors.Cursor(key, now - properties.lookback().toSeconds(), null,
                        null, 0));
        if (cursor.upperCreated() == null) {
            cursor = cursor.listingUpTo(now);
        }
        var options = RequestOptions.builder();
        account.ifPresent(options::setStripeAccount);
        var requestOptions = options.build();
        // the platform's own budget or the connected account's; on no organization's turn: it serves them all
        var caller = new StripeCaller(account, Optional.empty(), false);
        var types = List.copyOf(intake.handledTypes());
        int pages = 0;
        int listed = 0;
        int fresh = 0;
        while (pages < properties.maxPagesPerRun()) {
            var params = EventListParams.builder()
                    .addAllType(types)
                    .setCreated(EventListParams.Created.builder()
                            .setGt(cursor.floorCreated() - properties.overlap().toSeconds())
                            .setLte(cursor.upperCreated())
                            .build())
                    .setLimit((long) properties.pageSize());
            if (cursor.resumeAfter() != null) {
                params.setStartingAfter(cursor.resumeAfter());
            }
            if (properties.undeliveredOnly()) {
                params.setDeliverySuccess(false);
            }
            var built = params.build();
            StripeCollection<Event> page = policy.call(caller, () -> stripe.v1().events().list(built, requestOptions));
            pages++;
            var events = rawEvents(page);
            listed += events.size();
            boolean more = Boolean.TRUE.equals(page.getHasMore()) && !events.isEmpty();
            var next = more ? cursor.after(events.getLast().path("id").asString()) : cursor.listed();
            // the page's events and the cursor past them commit together (one transaction per page, not per
            // event): after a crash the page is either taken and passed, or neither
            var taken = transaction.execute(status -> {
                int added = 0;
                for (var event : events) {
                    if (take(event, account)) {
                        added++;
                    }
                }
                var moved = cursors.save(next);
                if (moved.isEmpty()) {
                    // another run moved the cursor past this page meanwhile: its listing covers these events
                    status.setRollbackOnly();
                    return null;
                }
                return new PageTaken(added, moved.get());
            });
            if (taken == null) {
                log.info("Catch-up on Stripe events of {}: another run moved the cursor; this one stops", key);
                break;
            }
            fresh += taken.added();
            cursor = taken.cursor();
            if (!more) {
                break;
            }
        }
        return new Run(1, pages, listed, fresh);
    }

    /**
     * The raw JSON of each event on the page, as the inbox keeps webhook payloads (stripe-java's models would
     * drop what they do not know). An event listed on a connected account may lack {@code account} (Stripe sets it
     * on events sent to Connect endpoints); it is added here, so that processing sees where the payment was made
     * just as it does for a Connect webhook.
     */
    private static List<ObjectNode> rawEvents(StripeCollection<Event> page) {
        var response = page.getLastResponse();
        if (response == null) {
            throw new IllegalStateException("Stripe's event list came without its response body");
        }
        var events = new ArrayList<ObjectNode>();
        JSON.readTree(response.body()).path("data").forEach(element -> events.add((ObjectNode) element));
        return events;
    }

    private boolean take(ObjectNode event, Optional<String> listedOn) {
        String type = event.path("type").asString();
        if (!intake.handledTypes().contains(type)) {
            return false;
        }
        var own = event.path("account");
        String account = own.isString() && !own.asString().isBlank() ? own.asString() : listedOn.orElse(null);
        if (account != null && !own.isString()) {
            event.put("account", account);
        }
        return intake.accept(event.path("id").asString(), type, account, JSON.writeValueAsString(event));
    }

    /**
     * The platform and every connected account that has Pending Payment links: the account each link was created
     * on (stored with the link), so an organization that changed its account is still listed on the old one for
     * the links it made there.
     */
    Set<Optional<String>> accountsWithPendingLinks() {
        return onlinePayments.stripeAccountsWithPendingPayment();
    }
}
