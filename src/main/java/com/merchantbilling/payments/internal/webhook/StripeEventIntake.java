package com.merchantbilling.payments.internal.webhook;

import java.util.Set;

/**
 * Where a Stripe event enters our processing, whoever found it: the webhook endpoint after the signature check,
 * or the catch-up that lists Stripe's events ({@code reconciliation.StripeEventCatchUp}). Both go through the
 * same inbox (stripe_webhook_events, V8), whose primary key on the event id makes each event count once however
 * many times and by whichever path it arrives.
 * <p>
 * The seam for the reshaped ingestion (issue 15's inbox batches): whatever replaces {@link WebhookInbox} implements
 * this, and the catch-up does not change.
 */
public interface StripeEventIntake {

    /** The event types we process; anything else is neither stored nor listed. */
    Set<String> handledTypes();

    /**
     * Stores the event for processing unless its id was taken before.
     *
     * @param account the connected account the event happened on, null for the platform
     * @param payload the event's JSON as Stripe rendered it
     * @return false for an event id seen before (by either path)
     */
    boolean accept(String eventId, String type, String account, String payload);
}
