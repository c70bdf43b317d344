package com.merchantbilling.stripesandbox;

/**
 * An internal error of the (simulated) Stripe while it executes a request, for fault injection. Stripe saves a
 * 500 that happens after the endpoint began executing under the request's idempotency key, like any other first
 * answer, and replays it to every retry with that key for 24 hours (see {@link SandboxIdempotency}).
 */
public enum SandboxServerFailure {
    /** Execute normally. */
    NONE,
    /** Fail with a 500 after validation, before anything was created; the 500 is saved under the key. */
    BEFORE_CREATING,
    /** Create the object, then fail with a 500 that is saved under the key: the object exists, unannounced. */
    AFTER_CREATING
}
