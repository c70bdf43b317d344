package com.merchantbilling.stripesandbox.internal.store;

import com.merchantbilling.stripesandbox.SandboxCheckoutSession;
import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.internal.idempotency.SandboxIdempotencyRecord;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The store of the standalone fake Stripe in tests: nothing survives the JVM. */
public final class InMemorySandboxStore implements SandboxStore {

    private final ConcurrentMap<String, SandboxPaymentLink> links = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SandboxCheckoutSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SandboxIdempotencyRecord> idempotency = new ConcurrentHashMap<>();
    // Stripe lists strictly newest first; created has only seconds, so the order of insertion breaks ties
    private final ConcurrentMap<String, Long> insertionOrder = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong inserted = new java.util.concurrent.atomic.AtomicLong();
    /** In emission order, which breaks ties of {@code created} (seconds) as V25's seq does. */
    private final java.util.List<SandboxEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, SandboxEvent> eventsById = new ConcurrentHashMap<>();
    private final java.util.Set<String> delivered = ConcurrentHashMap.newKeySet();

    @Override
    public void insertPaymentLink(SandboxPaymentLink link, SandboxIdempotencyRecord record) {
        if (links.putIfAbsent(link.id(), link) != null) {
            throw new IllegalStateException("Duplicate payment link id " + link.id());
        }
        insertionOrder.put(link.id(), inserted.incrementAndGet());
        if (record != null) {
            idempotency.put(record.scope() + "\n" + record.key(), record);
        }
    }

    @Override
    public Optional<SandboxPaymentLink> findPaymentLink(String id) {
        return Optional.ofNullable(links.get(id));
    }

    @Override
    public List<SandboxPaymentLink> paymentLinks(int limit) {
        return links.values().stream()
                .sorted(Comparator.comparingLong(SandboxPaymentLink::created)
                        .thenComparingLong(link -> insertionOrder.getOrDefault(link.id(), 0L)).reversed())
                .limit(limit)
                .toList();
    }

    /** Every link ever created, for test assertions. */
    public List<SandboxPaymentLink> paymentLinks() {
        return paymentLinks(Integer.MAX_VALUE);
    }

    @Override
    public Optional<SandboxIdempotencyRecord> findIdempotencyRecord(String scope, String key) {
        return Optional.ofNullable(idempotency.get(scope + "\n" + key));
    }

    @Override
    public void saveIdempotencyRecord(SandboxIdempotencyRecord record) {
        idempotency.put(record.scope() + "\n" + record.key(), record);
    }

    @Override
    public Optional<SandboxPaymentLink> updatePaymentLinkActive(String id, boolean active) {
        return Optional.ofNullable(links.computeIfPresent(id, (key, link) -> link.withActive(active)));
    }

    @Override
    public boolean recordCompletedSession(SandboxCheckoutSession session) {
        var counted = new AtomicBoolean();
        // computeIfPresent runs atomically per key: the check and the count cannot interleave with another buyer
        links.computeIfPresent(session.paymentLinkId(), (id, link) -> {
            if (!link.active()) {
                return link;
            }
            counted.set(true);
            return link.withCompletedSession();
        });
        if (counted.get()) {
            sessions.put(session.id(), session);
        }
        return counted.get();
    }

    @Override
    public Optional<SandboxCheckoutSession> findCheckoutSession(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public List<SandboxCheckoutSession> checkoutSessions(String paymentLinkId) {
        return sessions.values().stream()
                .filter(session -> session.paymentLinkId().equals(paymentLinkId))
                .sorted(Comparator.comparingLong(SandboxCheckoutSession::created).reversed()
                        .thenComparing(SandboxCheckoutSession::id))
                .toList();
    }

    @Override
    public Optional<SandboxCheckoutSession> findCheckoutSessionByPaymentIntent(String paymentIntentId) {
        return sessions.values().stream().filter(session -> session.paymentIntentId().equals(paymentIntentId))
                .findFirst();
    }

    @Override
    public void recordEvent(SandboxEvent event) {
        eventsById.put(event.id(), event);
        events.add(event);
    }

    @Override
    public void markEventDelivered(String eventId) {
        delivered.add(eventId);
    }

    @Override
    public Optional<SandboxEvent> findEvent(String id) {
        return Optional.ofNullable(eventsById.get(id)).map(this::withDelivery);
    }

    @Override
    public List<SandboxEvent> events(String account, long createdFrom) {
        var found = new java.util.ArrayList<SandboxEvent>();
        for (var event : events) {
            if (java.util.Objects.equals(event.account(), account) && event.created() >= createdFrom) {
                found.add(withDelivery(event));
            }
        }
        // stable sort: emission order within a second, as V25's seq orders them
        found.sort(Comparator.comparingLong(SandboxEvent::created));
        return java.util.List.copyOf(found.reversed());
    }

    @Override
    public List<SandboxEvent> eventsOfPaymentIntent(String paymentIntentId) {
        return events.stream().filter(event -> paymentIntentId.equals(event.paymentIntent())).map(this::withDelivery)
                .toList();
    }

    private SandboxEvent withDelivery(SandboxEvent event) {
        return delivered.contains(event.id()) == event.delivered() ? event
                : new SandboxEvent(event.id(), event.account(), event.type(), event.created(), event.objectId(),
                        event.paymentIntent(), true, event.payload());
    }
}
