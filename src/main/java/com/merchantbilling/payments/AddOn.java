package com.merchantbilling.payments;

/** Paid add-ons an organization can subscribe to. */
public enum AddOn {

    STRIPE_CREDIT_CARD_PAYMENT("Stripe Credit Card Payment Add-on");

    private final String label;

    AddOn(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
