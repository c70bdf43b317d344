package com.merchantbilling.stripesandbox.internal;

import java.security.SecureRandom;

/** Stripe-shaped object ids: a type prefix and random alphanumerics. */
public final class Ids {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom random = new SecureRandom();

    private Ids() {
    }

    public static String random(int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }

    public static String paymentLink() {
        return "plink_" + random(24);
    }

    public static String checkoutSession() {
        return "cs_test_" + random(58);
    }

    public static String paymentIntent() {
        return "pi_" + random(24);
    }

    public static String event() {
        return "evt_" + random(24);
    }

    public static String request() {
        return "req_" + random(14);
    }

    public static String lineItem() {
        return "li_" + random(24);
    }

    public static String price() {
        return "price_" + random(24);
    }

    public static String product() {
        return "prod_" + random(14);
    }
}
