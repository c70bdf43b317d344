package com.merchantbilling.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.internal.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.server.VaadinSession;

/** A view hears of its organization's settings changes while, and only while, it is attached to a UI. */
class OrganizationChangesTests extends BrowserlessTest {

    static final OrganizationId ORGANIZATION = new OrganizationId(1);
    static final OrganizationId OTHER = new OrganizationId(2);

    final OrganizationChanges changes = new OrganizationChanges();
    final AtomicInteger refreshed = new AtomicInteger();
    final Div view = new Div();

    @Override
    protected Routes discoverRoutes() {
        return new Routes(Set.of(), Set.of(), Set.of(), true);
    }

    @Test
    void refreshesOnlyWhileAttachedAndAgainAfterAReattach() {
        changes.registerWhileAttached(view, ORGANIZATION, refreshed::incrementAndGet);
        changeOf(ORGANIZATION);
        assertThat(refreshed).as("not attached yet").hasValue(0);

        UI.getCurrent().add(view);
        changeOf(ORGANIZATION);
        changeOf(OTHER);
        assertThat(refreshed).as("its own organization's change only").hasValue(1);
        changes.missedChanges();
        runAccessTasks();
        assertThat(refreshed).as("changes that may have gone unheard").hasValue(2);

        UI.getCurrent().remove(view);
        changeOf(ORGANIZATION);
        assertThat(refreshed).as("detached").hasValue(2);

        UI.getCurrent().add(view);
        changeOf(ORGANIZATION);
        assertThat(refreshed).as("attached again, registered once").hasValue(3);
    }

    @Test
    void aViewAlreadyAttachedHearsAtOnceAndTheRegistrationEndsIt() {
        UI.getCurrent().add(view);
        var registration = changes.registerWhileAttached(view, ORGANIZATION, refreshed::incrementAndGet);
        changeOf(ORGANIZATION);
        assertThat(refreshed).hasValue(1);

        registration.remove();
        changeOf(ORGANIZATION);
        UI.getCurrent().remove(view);
        UI.getCurrent().add(view);
        changeOf(ORGANIZATION);
        assertThat(refreshed).as("removed for good").hasValue(1);
    }

    /** A committed change heard by this node, then what it queued in the UI. */
    private void changeOf(OrganizationId organization) {
        changes.changed(organization);
        runAccessTasks();
    }

    /**
     * The UI's queued {@code UI.access} tasks: the test thread holds the session lock, so they wait in the queue as
     * they would behind a request in progress.
     */
    private static void runAccessTasks() {
        var session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }
}
