package com.merchantbilling.sharing;

/** What an email to a buyer is: the payment link itself, or a reminder of an unpaid one. */
public enum MessageKind {
    PAYMENT_LINK, REMINDER
}
