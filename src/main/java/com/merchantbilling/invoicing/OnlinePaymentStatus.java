package com.merchantbilling.invoicing;

/**
 * Where an invoice stands with its online payment link. It only moves forward, except that a failed
 * link request may be requested again.
 */
public enum OnlinePaymentStatus {

    NOT_CREATED("Not Created"),
    /** Asked for; the link is being created at Stripe. */
    LINK_REQUESTED("Creating Link"),
    /** Stripe refused the link; the reason is kept and the merchant may try again. */
    LINK_FAILED("Link Failed"),
    PENDING_PAYMENT("Pending Payment"),
    PAID("Paid");

    private final String label;

    OnlinePaymentStatus(String label) {
        this.label = label;
    }

    /** The text a merchant sees in the Online Payment column. */
    public String label() {
        return label;
    }
}
