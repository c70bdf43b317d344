package com.merchantbilling.stripesandbox;

/**
 * An event the sandbox emitted, as a Stripe Dashboard's event log shows it: for tests and the developer run.
 *
 * @param account   the connected account it happened on, null for the platform
 * @param created   epoch seconds
 * @param delivered a webhook endpoint answered 2xx
 * @param payload   the event's JSON, as sent and as {@code GET /v1/events} lists it
 */
public record EmittedEvent(String id, String type, String account, long created, boolean delivered,
        String payload) {
}
