package com.merchantbilling.ui.billing;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The short notifications the billing views show, and the one way they print counts. */
final class Notices {

    private Notices() {
    }

    static void warn(String message) {
        show(message, NotificationVariant.LUMO_WARNING);
    }

    static void show(String message, NotificationVariant variant) {
        var notification = Notification.show(message, 5000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
    }

    /** A count as plain digits: MessageFormat would group it ("1,000"), which the texts never did. */
    static String count(long number) {
        return Long.toString(number);
    }
}
