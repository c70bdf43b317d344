package com.merchantbilling.ui.billing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.ui.live.InvoiceChangeSubscribers;
import com.vaadin.flow.shared.Registration;

/**
 * Tells this node's open Billing Invoices views of an organization that an invoice's online payment changed,
 * on whichever node it changed, so they can show it without a reload (server push).
 * <p>
 * The changes arrive from {@code ui.live}: each one was sent by the committing transaction as a PostgreSQL
 * notification and heard by this node's listener, so a view only ever re-reads committed state, and a
 * change made by another node (a webhook, a resubmitted link request) reaches it as well. Only the views of
 * the organization concerned are told; another organization's views never learn its invoice ids.
 */
@Component
public class OnlinePaymentUpdates implements InvoiceChangeSubscribers {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OnlinePaymentUpdates.class);

    private record Subscriber(Consumer<InvoiceId> changed, Runnable missedChanges) {
    }

    private final Map<OrganizationId, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

    /** The listener runs on the listener's thread: it must hand over to its UI with {@code UI.access}. */
    public Registration register(OrganizationId organization, Consumer<InvoiceId> listener) {
        return register(organization, listener, () -> {
        });
    }

    /**
     * As {@link #register(OrganizationId, Consumer)}, and {@code missedChanges} runs when changes may have gone
     * unheard (the node's listener lost its connection): the view then re-reads all it shows.
     */
    public Registration register(OrganizationId organization, Consumer<InvoiceId> listener, Runnable missedChanges) {
        var subscriber = new Subscriber(listener, missedChanges);
        subscribers.computeIfAbsent(organization, org -> new CopyOnWriteArraySet<>()).add(subscriber);
        return () -> subscribers.computeIfPresent(organization, (org, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void changed(OrganizationId organization, Collection<InvoiceId> invoices) {
        var concerned = subscribers.getOrDefault(organization, Set.of());
        log.debug("Online payment of {} invoices changed; {} open views of organization {}", invoices.size(),
                concerned.size(), organization);
        for (var subscriber : concerned) {
            invoices.forEach(subscriber.changed());
        }
    }

    @Override
    public void missedChanges() {
        subscribers.values().forEach(set -> set.forEach(subscriber -> subscriber.missedChanges().run()));
    }

    void notify(OrganizationId organization, InvoiceId invoice) {
        changed(organization, List.of(invoice));
    }
}
