package com.merchantbilling.payments.internal.stripe;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The Stripe request budget, shared by every node: one token bucket per Stripe account (Stripe limits each
 * account, see {@link StripeCaller#accountKey()}), kept in PostgreSQL by Bucket4j, so N nodes together send at
 * most {@code stripe.rate-limit-per-second}, not N times that.
 * <p>
 * <b>Even pace.</b> The bucket holds at most one token and gets one back every 1/rate seconds: a burst at the
 * start of a second (what a "rate per second" window allows) cannot happen. A caller reserves the next free
 * slot (Bucket4j lets the tokens go negative up to the caller's wait, and the caller sleeps until its slot), so
 * the reservations form a queue in time across all nodes.
 * <p>
 * <b>Fair between organizations.</b> Reserving in arrival order would put a merchant's 100 link requests (100
 * listeners at once) in front of everyone else. So the queue is kept short and filled by turns:
 * <ul>
 * <li>On each node, an organization's background calls go through its own lane (a fair lock) one at a time;
 * the lane's head holds at most one reservation, and lets the next in only when its slot has come. With
 * N nodes an organization has at most N reservations queued, whatever the size of its bulk run, and the
 * organizations' heads take slots by turns.</li>
 * <li>A head reserves only a slot within {@link #HORIZON} (about one second of work); when more organizations
 * are busy than fit in it, the heads wait and try again instead of queueing further out.</li>
 * <li>Interactive calls (Check Payment) skip the lanes and reserve right away: they wait behind at most the
 * horizon's worth of queued work, never behind another merchant's bulk run.</li>
 * </ul>
 * Bucket4j's clock is each node's system clock; nodes are expected to run NTP (a skew of a few milliseconds
 * shifts a slot by as much, no more).
 * <p>
 * <b>Counted where Stripe counts.</b> Stripe limits the requests that <i>arrive</i> per second
 * (https://docs.stripe.com/rate-limits), but a slot is granted here: between the grant and the arrival lie a
 * woken thread, a GC pause, the HTTP hop, each a different few milliseconds per call. Slots exactly 1/rate
 * apart would then let rate + 1 requests arrive within one second whenever one is late and the next is not.
 * So the slots are {@link #ARRIVAL_ALLOWANCE} wider: rate + 1 grants span (1 s + allowance), and rate + 1
 * arrivals still span more than a second unless their delays differ by more than the allowance. The price is
 * a fifth of the throughput; the configured rate is what Stripe sees at most, not what we reach. It should
 * still leave headroom below Stripe's own limit (its test mode allows 25/s, live 100/s), which other clients of
 * the same account (the Dashboard, a second integration) share.
 */
public class StripeBudget {

    /** How far ahead background callers may reserve: about one second of queued work at most. */
    static final Duration HORIZON = Duration.ofSeconds(1);

    /**
     * How much later than its neighbours a granted request may arrive at Stripe, at most, without one request
     * too many landing in one second there. Measured in the three-node cluster test on two shared cores: 100 ms
     * was exceeded (a request arrived 110 ms after its slot, 2 ms before the next one's); 250 ms covers a starved
     * thread on a busy node and a serial GC pause of a small heap.
     */
    static final Duration ARRIVAL_ALLOWANCE = Duration.ofMillis(250);

    private final Function<String, Bucket> buckets;
    private final ConcurrentMap<String, Bucket> bucketsByAccount = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReentrantLock> lanes = new ConcurrentHashMap<>();
    private final long slotNanos;
    private final Duration maxWait;
    private final Timer interactiveWaits;
    private final Timer backgroundWaits;

    StripeBudget(Function<String, Bucket> buckets, int ratePerSecond, Duration maxWait, MeterRegistry meters) {
        this.buckets = buckets;
        this.slotNanos = slotNanos(ratePerSecond);
        this.maxWait = maxWait;
        this.interactiveWaits = waits(meters, "interactive");
        this.backgroundWaits = waits(meters, "background");
    }

    private static Timer waits(MeterRegistry meters, String priority) {
        return Timer.builder("stripe.budget.wait").description("Time a Stripe call waited for its slot in the budget")
                .tag("priority", priority).register(meters);
    }

    /**
     * The shortest time in which the budget lets {@code calls} requests go, from the first grant to the last: (calls
     * - 1) slots. The floor of the bulk-link benchmarks (plus one call's latency), which the plain calls / rate
     * floor understates by the {@link #ARRIVAL_ALLOWANCE}.
     */
    public static Duration shortestSpan(int calls, int ratePerSecond) {
        return Duration.ofNanos(Math.max(0, calls - 1) * slotNanos(ratePerSecond));
    }

    /** The distance between two slots: (1 s + {@link #ARRIVAL_ALLOWANCE}) / rate. */
    static long slotNanos(int ratePerSecond) {
        return (Duration.ofSeconds(1).toNanos() + ARRIVAL_ALLOWANCE.toNanos()) / ratePerSecond;
    }

    /**
     * The bucket's configuration: capacity 1, one token per slot (greedy refill adds it continuously, so the
     * token is there exactly one slot after the last).
     */
    static BucketConfiguration configuration(int ratePerSecond) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(slotNanos(ratePerSecond)))
                        .build())
                .build();
    }

    /**
     * Buckets in PostgreSQL (table {@code stripe_rate_buckets}, V17). Bucket4j's select-for-update proxy manager
     * rather than the advisory-lock one: it locks the bucket's own row (keyed by the account's name as text),
     * where advisory locks need a numeric key (a hash of the name, which may collide with other advisory lock
     * users) and hold a lock that exists beside the row. Both take one short transaction per reservation.
     * Changing the configured rate replaces the stored configuration (its version is the rate).
     */
    static StripeBudget cluster(ProxyManager<String> proxies, int ratePerSecond, Duration maxWait, MeterRegistry meters) {
        var configuration = configuration(ratePerSecond);
        return new StripeBudget(key -> proxies.builder()
                .withImplicitConfigurationReplacement(ratePerSecond, io.github.bucket4j.TokensInheritanceStrategy.RESET)
                .build(key, () -> configuration), ratePerSecond, maxWait, meters);
    }

    /** Within one JVM only: for tests that build a policy by hand. */
    public static StripeBudget local(int ratePerSecond) {
        var configuration = configuration(ratePerSecond);
        return new StripeBudget(key -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build(),
                ratePerSecond, Duration.ofMinutes(10), new SimpleMeterRegistry());
    }

    /**
     * Returns when the caller may send one request; blocks until its slot.
     *
     * @throws StripeBudgetExhaustedException when no slot came within the maximum wait
     */
    void acquire(StripeCaller caller) throws InterruptedException {
        var bucket = bucketsByAccount.computeIfAbsent(caller.accountKey(), buckets);
        long start = System.nanoTime();
        if (caller.interactive()) {
            if (!bucket.asBlocking().tryConsume(1, maxWait)) {
                throw new StripeBudgetExhaustedException(maxWait);
            }
            interactiveWaits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return;
        }
        long deadline = start + maxWait.toNanos();
        var lane = lanes.computeIfAbsent(caller.laneKey(), key -> new ReentrantLock(true));
        if (!lane.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new StripeBudgetExhaustedException(maxWait);
        }
        try {
            // tryConsume reserves only a slot within the horizon and then sleeps until it; otherwise nothing is taken
            while (!bucket.asBlocking().tryConsume(1, HORIZON)) {
                long untilFree = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
                long pause = Math.max(slotNanos, untilFree - HORIZON.toNanos());
                if (System.nanoTime() + pause > deadline) {
                    throw new StripeBudgetExhaustedException(maxWait);
                }
                TimeUnit.NANOSECONDS.sleep(pause);
            }
        } finally {
            lane.unlock();
        }
        backgroundWaits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** No slot came within the maximum wait: the request was not sent. */
    public static class StripeBudgetExhaustedException extends IllegalStateException {

        StripeBudgetExhaustedException(Duration maxWait) {
            super("No Stripe request slot within " + maxWait + "; the request was not sent");
        }
    }
}
