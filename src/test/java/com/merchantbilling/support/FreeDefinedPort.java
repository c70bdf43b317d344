package com.merchantbilling.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@code @SpringBootTest(webEnvironment = DEFINED_PORT)} context a free loopback port of its own as
 * {@code server.port}, chosen when the context is created ({@link FreeDefinedPortContextCustomizerFactory}). For
 * contexts that must know their port before the server starts: the built-in Stripe sandbox builds its links and
 * webhook URLs from {@code server.port}, which is 0 under RANDOM_PORT. The test reads the port as usual with
 * {@code @LocalServerPort int port}.
 * <p>
 * Every annotated context gets its own port, so two classes that differ in a property (and so in their context)
 * never race for one port, and classes with the same configuration still share one cached context.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FreeDefinedPort {
}
