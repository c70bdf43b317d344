package com.merchantbilling.mailcatcher;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.merchantbilling.support.FreePort;

import jakarta.mail.internet.MimeMessage;

/**
 * The developer run's mail catcher: a real SMTP server (GreenMail) inside the JVM on 127.0.0.1, which keeps every
 * message it receives in memory and delivers none. On only when asked for ({@code mail-catcher.enabled=true}, as
 * application-dev.properties does), and only where the test classpath is: it lives in src/test, like the embedded
 * PostgreSQL, so a production build does not even contain it. A configured real mail server
 * ({@code spring.mail.host}, SPRING_MAIL_HOST) wins: then the catcher stays off and says so.
 * <p>
 * Started here, before the context is built, so that Spring Boot's mail auto-configuration finds
 * {@code spring.mail.host}/{@code port} pointing at it. One per JVM.
 */
public class MailCatcher implements EnvironmentPostProcessor {

    static final String ENABLED = "mail-catcher.enabled";
    private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);
    private static GreenMail server;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"true".equalsIgnoreCase(environment.getProperty(ENABLED))) {
            return;
        }
        if (environment.containsProperty("spring.mail.host")) {
            log.info("Mail catcher off: spring.mail.host is set ({}), mail goes to that server",
                    environment.getProperty("spring.mail.host"));
            environment.getPropertySources().addFirst(new MapPropertySource("mailCatcherOff", Map.of(ENABLED, "false")));
            return;
        }
        int port = start(environment.getProperty("mail-catcher.port", Integer.class, 0));
        environment.getPropertySources().addFirst(new MapPropertySource("mailCatcher", Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(port))));
    }

    private static synchronized int start(int wanted) {
        if (server == null) {
            int port = wanted > 0 ? wanted : FreePort.find();
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            log.warn("Mail catcher on (mail-catcher.enabled=true): SMTP on 127.0.0.1:{} keeps every email in memory "
                    + "and delivers none; see /mail-catcher. A local stand-in, never for production.", port);
        }
        return server.getSmtp().getPort();
    }

    /** Everything received so far, oldest first (empty when the catcher is off). */
    public static synchronized List<MimeMessage> messages() {
        return server == null ? List.of() : List.of(server.getReceivedMessages());
    }

    /** Whether the catcher runs in this JVM. */
    public static synchronized boolean running() {
        return server != null;
    }
}
