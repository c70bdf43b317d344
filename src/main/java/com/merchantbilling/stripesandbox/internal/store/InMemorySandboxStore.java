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
}
