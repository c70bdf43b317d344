package com.merchantbilling.payments.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;

@Service
@Transactional
class AddOnSubscriptionService implements AddOnSubscriptions {

    private final JdbcClient jdbc;

    AddOnSubscriptionService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isActive(OrganizationId organization, AddOn addOn) {
        return jdbc.sql("""
                        select exists(select 1 from add_on_subscriptions
                        where organization_id = :org and add_on = :addOn and canceled_at is null)""")
                .param("org", organization.value())
                .param("addOn", addOn.name())
                .query(Boolean.class)
                .single();
    }

    @Override
    public void subscribe(OrganizationId organization, AddOn addOn) {
        jdbc.sql("""
                        insert into add_on_subscriptions (organization_id, add_on, subscribed_at)
                        values (:org, :addOn, now())
                        on conflict (organization_id, add_on) do update set subscribed_at = now(), canceled_at = null
                        where add_on_subscriptions.canceled_at is not null""")
                .param("org", organization.value())
                .param("addOn", addOn.name())
                .update();
    }

    @Override
    public void cancel(OrganizationId organization, AddOn addOn) {
        jdbc.sql("""
                        update add_on_subscriptions set canceled_at = now()
                        where organization_id = :org and add_on = :addOn and canceled_at is null""")
                .param("org", organization.value())
                .param("addOn", addOn.name())
                .update();
    }
}
