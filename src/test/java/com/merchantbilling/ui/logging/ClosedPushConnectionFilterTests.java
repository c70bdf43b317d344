package com.merchantbilling.ui.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** A closed tab's push failure is not an ERROR; every other push error still is. Own Logback context. */
class ClosedPushConnectionFilterTests {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private ch.qos.logback.classic.Logger push;

    @BeforeEach
    void setUp() {
        var filter = new ClosedPushConnectionFilter();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        appender.setContext(context);
        appender.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        push = context.getLogger(ClosedPushConnectionFilter.PUSH_LOGGER);
    }

    @Test
    void aWriteToAClosedWebSocketIsLoggedAtDebug() {
        // what Vaadin's listener logs when Tomcat refuses the write (possibly wrapped by Atmosphere)
        push.error("Exception in push connection", new IllegalStateException(
                "Message will not be sent because the WebSocket session has been closed"));
        push.error("Exception in push connection", new IOException("write failed", new IllegalStateException(
                "The remainder of the message will not be sent because the WebSocket session has been closed")));

        assertThat(appender.list).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getLoggerName()).isEqualTo(ClosedPushConnectionFilter.PUSH_LOGGER);
            assertThat(event.getThrowableProxy()).isNotNull();
        });
    }

    @Test
    void otherErrorsStayErrors() {
        push.error("Exception in push connection", new IOException("Broken pipe"));
        push.error("Exception in push connection");
        context.getLogger("com.merchantbilling.Elsewhere").error("failed", new IllegalStateException(
                "Message will not be sent because the WebSocket session has been closed"));
        push.warn("Exception in push connection", new IllegalStateException(
                "Message will not be sent because the WebSocket session has been closed"));

        assertThat(appender.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.ERROR, Level.ERROR, Level.ERROR, Level.WARN);
    }

    @Test
    void atInfoTheClosedTabLeavesNoLine() {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);

        push.error("Exception in push connection", new IllegalStateException(
                "Message will not be sent because the WebSocket session has been closed"));
        push.error("Exception in push connection", new IOException("Broken pipe"));

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("Broken pipe");
        });
    }
}
