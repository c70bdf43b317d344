package com.merchantbilling.payments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptionChanged;
import com.merchantbilling.payments.AddOnSubscriptions;

/**
 * The add-on subscriptions (V3) and their audit trail (V24). A change takes the subscription row's lock (the
 * upsert, or the update) so two owners clicking at once audit one change, not two.
 */
@Service
@Transactional
class AddOnSubscriptionService implements AddOnSubscriptions {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AddOnSubscriptionService(JdbcClient jdbc, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isActive(OrganizationId organization, AddOn addOn) {
        return activeSince(organization, addOn).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Instant> activeSince(OrganizationId organization, AddOn addOn) {
        return jdbc.sql("""
                        select subscribed_at from add_on_subscriptions
                        where organization_id = :org and add_on = :addOn and canceled_at is null""")
                .param("org", organization.value())
                .param("addOn", addOn.name())
                .query(Instant.class)
                .optional();
    }

    @Override
    public void subscribe(OrganizationId organization, AddOn addOn, String actor) {
        Assert.hasText(actor, "A subscription names who made it");
        var now = clock.instant();
        int changed = jdbc.sql("""
                        insert into add_on_subscriptions (organization_id, add_on, subscribed_at)
                        values (:org, :addOn, :now)
                        on conflict (organization_id, add_on) do update set subscribed_at = :now, canceled_at = null
                        where add_on_subscriptions.canceled_at is not null""")
                .param("org", organization.value())
                .param("addOn", addOn.name())
                .param("now", java.sql.Timestamp.from(now))
                .update();
        if (changed > 0) {
            audit(organization, addOn, AddOnAuditEntry.Action.SUBSCRIBED, actor, now);
            events.publishEvent(new AddOnSubscriptionChanged(organization, addOn, true, actor, now));
        }
    }

    @Override
    public void cancel(OrganizationId organization, AddOn addOn, String actor) {
        Assert.hasText(actor, "A cancellation names who made it");
        var now = clock.instant();
        int changed = jdbc.sql("""
                        update add_on_subscriptions set canceled_at = :now
                        where organization_id = :org and add_on = :addOn and canceled_at is null""")
                .param("org", organization.value())
                .param("addOn", addOn.name())
                .param("now", java.sql.Timestamp.from(now))
                .update();
        if (changed > 0) {
            audit(organization, addOn, AddOnAuditEntry.Action.CANCELED, actor, now);
            events.publishEvent(new AddOnSubscriptionChanged(organization, addOn, false, actor, now));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<AddOnAuditEntry> history(OrganizationId organization, AddOn addOn) {
        return jdbc.sql("""
                        select action, actor, at from add_on_audit_entries
                        where organization_id = :org and add_on = :addOn order by at desc, id desc limit 100""")
                .param("org", organization.value())
                .param("addOn", addOn.name())
                .query((rs, n) -> new AddOnAuditEntry(addOn, AddOnAuditEntry.Action.valueOf(rs.getString("action")),
                        rs.getString("actor"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    private void audit(OrganizationId organization, AddOn addOn, AddOnAuditEntry.Action action, String actor,
            Instant at) {
        jdbc.sql("""
                        insert into add_on_audit_entries (organization_id, add_on, action, actor, at)
                        values (:org, :addOn, :action, :actor, :at)""")
                .param("org", organization.value())
                .param("addOn", addOn.name())
                .param("action", action.name())
                .param("actor", actor.length() > 200 ? actor.substring(0, 200) : actor)
                .param("at", java.sql.Timestamp.from(at))
                .update();
    }
}
