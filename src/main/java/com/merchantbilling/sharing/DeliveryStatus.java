package com.merchantbilling.sharing;

/** How a send ended. */
public enum DeliveryStatus {
    /** Being handed to the mail server (or its node stopped mid-send). */
    SENDING,
    /** The mail server accepted it for delivery. */
    SENT,
    /** The mail server refused it (its reason in the detail): sending the same again would be refused again. */
    REFUSED,
    /** The mail server could not be reached or answered "try later": nothing was sent, a retry may succeed. */
    UNAVAILABLE
}
