package com.merchantbilling.support;

import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Puts a free port into {@code server.port} of each {@link FreeDefinedPort} context. Registered in
 * META-INF/spring.factories rather than through {@code @ContextCustomizerFactories} on the annotation: Spring
 * finds one {@code @ContextCustomizerFactories} per class, so a class carrying this and {@link FakeStripe} would
 * lose one of the two.
 */
class FreeDefinedPortContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (TestContextAnnotationUtils.findAnnotationDescriptor(testClass, FreeDefinedPort.class) == null) {
            return null;
        }
        var boot = TestContextAnnotationUtils.findMergedAnnotation(testClass, SpringBootTest.class);
        if (boot == null || boot.webEnvironment() != SpringBootTest.WebEnvironment.DEFINED_PORT) {
            // any other web environment decides the port itself (RANDOM_PORT's 0 would be silently overridden)
            throw new IllegalStateException(testClass.getName()
                    + ": @FreeDefinedPort goes with @SpringBootTest(webEnvironment = DEFINED_PORT)");
        }
        return new FreeDefinedPortContextCustomizer();
    }

    /**
     * All equal, so the port takes no part in the context cache key: it is chosen when a context is created, not
     * when a class is loaded, and each context created gets a port of its own.
     */
    record FreeDefinedPortContextCustomizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("freeDefinedPort", Map.of("server.port", FreePort.find())));
        }
    }
}
