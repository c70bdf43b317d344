package com.merchantbilling.support;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts the {@link FakeStripe} server of a context when the context is created (not when the test class is
 * loaded), so a cached context and its server live and die together.
 */
class FakeStripeContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        var descriptor = TestContextAnnotationUtils.findAnnotationDescriptor(testClass, FakeStripe.class);
        return descriptor == null ? null : new FakeStripeContextCustomizer(descriptor.getRootDeclaringClass());
    }

    /**
     * Equal for the same annotated class: its subclasses share one context and one server, two annotated classes
     * never share a server's faults or counters.
     */
    record FakeStripeContextCustomizer(Class<?> annotatedClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var server = FakeStripeServer.start(context.getEnvironment().getRequiredProperty("stripe.secret-key"));
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("fakeStripe", Map.of("stripe.api-base", server.baseUrl())));
            context.getBeanFactory().registerSingleton("fakeStripeServer", server);
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    server.close();
                }
            });
        }
    }
}
