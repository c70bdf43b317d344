package com.merchantbilling.stripesandbox;

import java.time.Instant;

/**
 * One attempt to deliver a webhook event.
 *
 * @param status the HTTP status the endpoint answered, or 0 when it could not be reached
 * @param error why the attempt failed to connect or timed out, or null
 */
public record WebhookDelivery(String eventId, String eventType, int attempt, int status, String error,
        Instant at) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
