package com.merchantbilling.invoicing;

/** Why a selected invoice gets no payment link. */
public enum Ineligibility {

    LINK_EXISTS("A payment link already exists"),
    LINK_BEING_CREATED("A payment link is being created"),
    PAID("Already paid"),
    AMOUNT_NOT_POSITIVE("Billing amount is 0 or less");

    private final String reason;

    Ineligibility(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /**
     * The one rule for who may get a link: no link yet (or the last request failed) and a billing amount
     * above 0. {@code PaymentLinkRequestStore} applies the same rule atomically in SQL.
     */
    public static java.util.Optional<Ineligibility> of(BillingInvoice invoice) {
        return java.util.Optional.ofNullable(switch (invoice.onlinePayment()) {
            case PAID -> PAID;
            case PENDING_PAYMENT -> LINK_EXISTS;
            case LINK_REQUESTED -> LINK_BEING_CREATED;
            case NOT_CREATED, LINK_FAILED -> invoice.billingAmount().isPositive() ? null : AMOUNT_NOT_POSITIVE;
        });
    }
}
