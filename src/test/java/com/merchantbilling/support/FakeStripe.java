package com.merchantbilling.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.TestPropertySource;

/**
 * Points the test's application context at its own {@link FakeStripeServer} (the sandbox core on 127.0.0.1):
 * <ul>
 * <li>{@code stripe.secret-key} and {@code stripe.webhook-secret} default to {@link #SECRET_KEY} and
 * {@link #WEBHOOK_SECRET} (set by {@link TestStripeSandboxEnvironment} at the lowest precedence, before the
 * sandbox's post-processor, so the built-in sandbox stays off); a test's own
 * {@code @SpringBootTest(properties = "stripe.secret-key=...")} wins, and the server then accepts that key;</li>
 * <li>the server is started when the context is created, with the context's key, becomes the bean
 * {@code FakeStripeServer} ({@code @Autowired FakeStripeServer stripe}), sets {@code stripe.api-base}, and is
 * closed with the context;</li>
 * <li>before each test {@link FakeStripeExtension} resets its faults, latency and counters (links stay, as they do
 * at Stripe).</li>
 * </ul>
 * One server per class that carries the annotation (directly or through {@link IntegrationTest}): subclasses of an
 * annotated base share its server and its cached context, as with the former {@code static} server and
 * {@code @DynamicPropertySource} in the base. A class that wants no fake Stripe just leaves the annotation off and
 * gets the built-in sandbox.
 * <p>
 * A new integration test (instead of {@code static FakeStripeServer.start}, {@code @DynamicPropertySource},
 * {@code @AfterAll close} and a row of {@code @Autowired} fields):
 *
 * <pre>{@code
 * @IntegrationTest                       // or @SpringBootTest/@ApplicationModuleTest + @FakeStripe
 * class SomethingIntegrationTests {
 *     @Autowired Tenants tenants;        // organizations, subscriptions, invoices, link requests
 *     @Autowired FakeStripeServer stripe;
 *
 *     @Test
 *     void createsOneLink() {
 *         var organization = tenants.subscribed("Sakura");
 *         tenants.requestLinks(organization, tenants.invoices(organization, "S", 1, "JPY"));
 *         await().until(() -> stripe.distinctLinksCreated() == 1);
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = FakeStripe.MARKER_PROPERTY + "=true")
@ContextCustomizerFactories(FakeStripeContextCustomizerFactory.class)
@ExtendWith(FakeStripeExtension.class)
public @interface FakeStripe {

    /** Tells {@link TestStripeSandboxEnvironment} that the context gets a fake Stripe, not the sandbox. */
    String MARKER_PROPERTY = "merchantbilling.test.fake-stripe";

    /** The key the context and its server use unless the test configures another one. */
    String SECRET_KEY = "sk_test_fake_stripe";

    /** The webhook signing secret the context uses unless the test configures another one. */
    String WEBHOOK_SECRET = "whsec_fake_stripe_0123456789abcdef";
}
