package com.merchantbilling.stripesandbox.internal.store;

import com.merchantbilling.stripesandbox.SandboxCheckoutSession;
import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.internal.idempotency.SandboxIdempotencyRecord;

import java.util.List;
import java.util.Optional;

/** Where the sandbox keeps its Stripe objects: in memory for tests, in PostgreSQL for the developer run. */
public interface SandboxStore {

    /** Saves a new link together with the idempotent response that announced it (null without a key). */
    void insertPaymentLink(SandboxPaymentLink link, SandboxIdempotencyRecord idempotency);

    Optional<SandboxPaymentLink> findPaymentLink(String id);

    /** Newest first, at most {@code limit}. */
    List<SandboxPaymentLink> paymentLinks(int limit);

    Optional<SandboxIdempotencyRecord> findIdempotencyRecord(String scope, String key);

    /**
     * Saves the first answer for a key that created nothing (an error after execution began); replaces an
     * expired record of the same key.
     */
    void saveIdempotencyRecord(SandboxIdempotencyRecord record);

    /**
     * Sets a link's {@code active} flag (Stripe's "Update a payment link" with {@code active}); links are never
     * deleted.
     *
     * @return the updated link, empty when there is no such link
     */
    Optional<SandboxPaymentLink> updatePaymentLinkActive(String id, boolean active);

    /**
     * Records the session and counts it on its link, deactivating the link when its completed-sessions limit
     * is reached; atomically, so two buyers racing for a one-time link cannot both pay.
     *
     * @return false, and nothing recorded, when the link is missing or no longer active
     */
    boolean recordCompletedSession(SandboxCheckoutSession session);

    Optional<SandboxCheckoutSession> findCheckoutSession(String id);

    /** Newest first. */
    List<SandboxCheckoutSession> checkoutSessions(String paymentLinkId);

    Optional<SandboxCheckoutSession> findCheckoutSessionByPaymentIntent(String paymentIntentId);

    /** Saves an event as emitted (not yet delivered). */
    void recordEvent(SandboxEvent event);

    /** A webhook endpoint answered 2xx for the event. */
    void markEventDelivered(String eventId);

    Optional<SandboxEvent> findEvent(String id);

    /** The account's events (null: the platform's) created at or after {@code createdFrom}, newest first. */
    List<SandboxEvent> events(String account, long createdFrom);

    /** Every event about the payment intent or its charge and disputes, oldest first. */
    List<SandboxEvent> eventsOfPaymentIntent(String paymentIntentId);
}
