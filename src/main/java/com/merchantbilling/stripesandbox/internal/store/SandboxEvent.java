package com.merchantbilling.stripesandbox.internal.store;

/**
 * One event the sandbox emitted, as {@code GET /v1/events} lists it.
 *
 * @param account       the connected account it happened on, null for the platform
 * @param objectId      {@code data.object.id}: the charge, dispute or session the event is about
 * @param paymentIntent the payment intent the object belongs to, when it has one
 * @param delivered     a webhook endpoint answered 2xx (Stripe's {@code delivery_success})
 * @param payload       the event's JSON as sent to the webhook endpoint
 */
public record SandboxEvent(String id, String account, String type, long created, String objectId,
        String paymentIntent, boolean delivered, String payload) {
}
