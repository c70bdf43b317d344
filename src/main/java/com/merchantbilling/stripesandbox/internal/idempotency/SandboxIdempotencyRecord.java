package com.merchantbilling.stripesandbox.internal.idempotency;

/**
 * The first response to a POST with an {@code Idempotency-Key}, replayed for the same key and parameters.
 *
 * @param scope the connected account the key belongs to ("" for the platform itself): keys are per account
 * @param fingerprint method, path and the canonical parameters: a replay must match it exactly
 * @param created epoch seconds; Stripe forgets keys after 24 hours
 */
public record SandboxIdempotencyRecord(String scope, String key, String fingerprint, int status, String body,
        String requestId, long created) {
}
