package com.merchantbilling.ui.logging;

import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Logs a push write to a closed WebSocket at DEBUG instead of ERROR; every other push error stays ERROR.
 *
 * <p>When a merchant closes a tab while the server is pushing to it (bulk link progress, a webhook's Paid),
 * Tomcat refuses the write with "Message will not be sent because the WebSocket session has been closed"
 * ({@code wsRemoteEndpoint.closed} in tomcat-embed-websocket's LocalStrings). Vaadin's
 * {@code PushAtmosphereHandler$AtmosphereResourceListener.onThrowable} (flow-server 25.2.5) already logs
 * "Connection remotely closed" IOExceptions at DEBUG, but any other message as
 * {@code ERROR "Exception in push connection"}, so a normal tab close read as a failure in the log. A level
 * on the logger cannot tell the two apart (it would hide real push errors too), so this filter matches the
 * logger, the level and Tomcat's message in the exception chain, and nothing else.
 *
 * <p>Installed by {@link Installer} rather than a logback-spring.xml, which would replace Boot's own
 * configuration (console, optional file, structured formats) with a copy.
 */
public class ClosedPushConnectionFilter extends TurboFilter {

    /** The logger PushAtmosphereHandler and its listener write to ({@code PushAtmosphereHandler.class.getName()}). */
    public static final String PUSH_LOGGER = "com.vaadin.flow.server.communication.PushAtmosphereHandler";
    /** Tomcat's text for wsRemoteEndpoint.closed and wsRemoteEndpoint.closedDuringMessage. */
    static final String SESSION_CLOSED = "will not be sent because the WebSocket session has been closed";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable throwable) {
        if (level != Level.ERROR || !PUSH_LOGGER.equals(logger.getName()) || !isClosedSession(throwable)) {
            return FilterReply.NEUTRAL;
        }
        // re-entrant at DEBUG, which this filter leaves alone
        logger.debug(format + " (the browser tab was closed)", throwable);
        return FilterReply.DENY;
    }

    /**
     * Adds the filter once Boot has configured Logback (LoggingApplicationListener, on the environment event),
     * and again after each re-initialization, which resets Logback's filters. Registered in spring.factories.
     */
    public static class Installer implements ApplicationListener<ApplicationPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationPreparedEvent event) {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && context.getTurboFilterList()
                    .stream().noneMatch(ClosedPushConnectionFilter.class::isInstance)) {
                var filter = new ClosedPushConnectionFilter();
                filter.setContext(context);
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }

    private static boolean isClosedSession(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(SESSION_CLOSED)) {
                return true;
            }
        }
        return false;
    }
}
