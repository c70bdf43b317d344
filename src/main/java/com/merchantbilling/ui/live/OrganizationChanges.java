package com.merchantbilling.ui.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
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

    /**
     * {@code refresh} runs in the view's UI ({@code UI.access}) after a change to the organization's settings, as
     * long as the view is attached: registered on each attach, removed on each detach, so that a view left or
     * closed is neither told nor kept alive by this node. The returned registration ends it for good.
     */
    public Registration registerWhileAttached(com.vaadin.flow.component.Component view, OrganizationId organization,
            Command refresh) {
        var current = new AtomicReference<Registration>();
        Runnable stop = () -> {
            var registration = current.getAndSet(null);
            if (registration != null) {
                registration.remove();
            }
        };
        Consumer<UI> start = ui -> {
            stop.run();
            current.set(register(organization, () -> ui.access(refresh)));
        };
        var onAttach = view.addAttachListener(attach -> start.accept(attach.getUI()));
        var onDetach = view.addDetachListener(detach -> stop.run());
        if (view.isAttached()) {
            view.getUI().ifPresent(start);
        }
        return () -> {
            onAttach.remove();
            onDetach.remove();
            stop.run();
        };
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
