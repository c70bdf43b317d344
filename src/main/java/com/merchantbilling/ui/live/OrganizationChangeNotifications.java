package com.merchantbilling.ui.live;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOnSubscriptionChanged;
import com.merchantbilling.payments.StripeAccountChanged;

/**
 * Organization-level changes (the add-on subscribed or canceled, the connected Stripe account's state) as a
 * PostgreSQL {@code NOTIFY} on {@link #CHANNEL}, sent on the changing transaction's connection: delivered to
 * every node's {@link InvoiceChangeListener} on commit, never after a rollback, as
 * {@link InvoiceChangeNotifications} does for invoices. The payload is the organization's id only. A plain
 * {@code @EventListener}: it must run inside the transaction that publishes the event.
 */
@Component
class OrganizationChangeNotifications {

    static final String CHANNEL = "merchant_billing_organization_changes";

    private final JdbcClient jdbc;

    OrganizationChangeNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(AddOnSubscriptionChanged changed) {
        send(changed.organizationId());
    }

    @EventListener
    void on(StripeAccountChanged changed) {
        send(changed.organizationId());
    }

    private void send(OrganizationId organization) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, Long.toString(organization.value()))
                .query((rs, n) -> 1).list();
    }
}
