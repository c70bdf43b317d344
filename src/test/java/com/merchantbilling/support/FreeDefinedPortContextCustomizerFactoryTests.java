package com.merchantbilling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.support.GenericApplicationContext;

class FreeDefinedPortContextCustomizerFactoryTests {

    private final FreeDefinedPortContextCustomizerFactory factory = new FreeDefinedPortContextCustomizerFactory();

    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
    @FreeDefinedPort
    static class Annotated {
    }

    static class Subclass extends Annotated {
    }

    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
    static class NotAnnotated {
    }

    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @FreeDefinedPort
    static class RandomPort {
    }

    @Test
    void theContextGetsAFreeServerPortWhenItIsCreated() throws Exception {
        var customizer = factory.createContextCustomizer(Annotated.class, List.of());
        var context = new GenericApplicationContext();
        assertThat(context.getEnvironment().containsProperty("server.port")).isFalse();

        customizer.customizeContext(context, null);

        int port = context.getEnvironment().getRequiredProperty("server.port", Integer.class);
        assertThat(port).isPositive();
        try (var server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).as("nobody listens on it").isEqualTo(port);
        }
    }

    @Test
    void theCustomizerKeepsClassesOfOneConfigurationInOneCachedContext() {
        // the context cache compares customizers: an equal one for a subclass (or another annotated class)
        assertThat(factory.createContextCustomizer(Subclass.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(Annotated.class, List.of()));
    }

    @Test
    void onlyAnnotatedClassesAndOnlyWithDefinedPort() {
        assertThat(factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();
        assertThatIllegalStateException().isThrownBy(() -> factory.createContextCustomizer(RandomPort.class, List.of()))
                .withMessageContaining("DEFINED_PORT");
    }
}
