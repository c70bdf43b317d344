package com.merchantbilling.ui.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.merchantbilling.organizations.RoleRequiredException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.WrappedSession;

/**
 * Two things every Vaadin session of a merchant gets:
 * <ul>
 * <li><b>Idle sessions end.</b> An open tab's heartbeat would keep the HTTP session alive forever, so
 * {@code vaadin.close-idle-sessions=true} has Vaadin close a session whose UIs saw no user request for
 * {@code server.servlet.session.timeout} (Vaadin's DeploymentConfiguration#isCloseIdleSessions: "a session should
 * be closed when all its open UIs have been idle for longer than its configured maximum inactivity time";
 * heartbeats do not count). Vaadin closes only its own session, while the sign-in lives in the HTTP session, so
 * the HTTP session is invalidated with it: the next request meets the login page.</li>
 * <li><b>A refused call explains itself.</b> The screens offer only what the role may do, but a role can change
 * while a screen is open (the APIs read it on each call): a {@link RoleRequiredException} then shows one clear
 * notification instead of Vaadin's generic error, and nothing was changed.</li>
 * </ul>
 */
@Component
class MerchantSessions implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(MerchantSessions.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionDestroyListener(destroyed -> invalidate(destroyed.getSession().getSession()));
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            var refused = find(error.getThrowable());
            if (refused != null && UI.getCurrent() != null) {
                log.info("Refused in the UI: {}", refused.getMessage());
                var ui = UI.getCurrent();
                var notice = Notification.show(ui.getTranslation("roles.refused"), 6000,
                        Notification.Position.BOTTOM_START);
                notice.addThemeVariants(NotificationVariant.LUMO_ERROR);
                return;
            }
            new DefaultErrorHandler().error(error);
        }));
    }

    private static void invalidate(WrappedSession session) {
        if (session == null) {
            return;
        }
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // the HTTP session timed out itself and took the Vaadin session with it
        }
    }

    private static RoleRequiredException find(Throwable throwable) {
        for (var cause = throwable; cause != null; cause = cause.getCause()) {
            if (cause instanceof RoleRequiredException refused) {
                return refused;
            }
        }
        return null;
    }
}
