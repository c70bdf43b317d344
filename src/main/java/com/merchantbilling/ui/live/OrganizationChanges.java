package com.merchantbilling.ui.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.shared.Registration;

/**
 * This node's open views that show something of an organization's settings (the add-on, its Stripe account):
 * told when such a change committed on any node ({@link OrganizationChangeNotifications} sends it,
 * {@link InvoiceChangeListener} hears it), and when changes may have gone unheard. Only the organization's own
 * views are told.
 */
@Component
public class OrganizationChanges {

    private static final Logger log = LoggerFactory.getLogger(OrganizationChanges.class);

    private final Map<OrganizationId, Set<Runnable>> subscribers = new ConcurrentHashMap<>();

    /**
     * {@code changed} runs on the listener's thread (hand over with {@code UI.access}) after a change to the
     * organization's settings, or after the node may have missed one: it re-reads what it shows.
     */
    public Registration register(OrganizationId organization, Runnable changed) {
        // a wrapper per registration: the same lambda registered twice must be removed once each
        Runnable subscriber = changed::run;
        subscribers.computeIfAbsent(organization, org -> new CopyOnWriteArraySet<>()).add(subscriber);
        return () -> subscribers.computeIfPresent(organization, (org, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    void changed(OrganizationId organization) {
        var concerned = subscribers.getOrDefault(organization, Set.of());
        log.debug("Settings of organization {} changed; {} open views", organization, concerned.size());
        concerned.forEach(OrganizationChanges::runQuietly);
    }

    void missedChanges() {
        subscribers.values().forEach(set -> set.forEach(OrganizationChanges::runQuietly));
    }

    private static void runQuietly(Runnable subscriber) {
        try {
            subscriber.run();
        } catch (RuntimeException e) {
            // one closed UI must not keep the others from hearing of the change
            log.debug("An open view could not be told of a settings change: {}", e.toString());
        }
    }
}
