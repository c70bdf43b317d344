package com.merchantbilling.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * The whole application on the embedded PostgreSQL with its own {@link FakeStripe} server and the {@link Tenants}
 * fixture: what a {@code *IntegrationTests} class starts from (see {@link FakeStripe} for a ten-line example).
 * Module tests use {@code @ApplicationModuleTest} with {@code @FakeStripe} and {@code @Import(Tenants.class)}.
 * Every class that carries it gets a context and a server of its own (see {@link FakeStripe}); a class that does
 * not watch Stripe (UI, invoicing queries, imports) stays on {@code @SpringBootTest @Import(Tenants.class)}, the
 * built-in sandbox, and shares one cached context with the other such classes.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest
@FakeStripe
@Import(Tenants.class)
public @interface IntegrationTest {

    @AliasFor(annotation = SpringBootTest.class)
    String[] properties() default {};

    @AliasFor(annotation = SpringBootTest.class)
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;
}
