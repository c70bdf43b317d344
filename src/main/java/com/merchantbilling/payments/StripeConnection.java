package com.merchantbilling.payments;

/** How the app talks to Stripe, as far as the merchant needs to know. */
public interface StripeConnection {

    /** True when the built-in Stripe sandbox stands in for Stripe: no real money moves. */
    boolean sandbox();
}
