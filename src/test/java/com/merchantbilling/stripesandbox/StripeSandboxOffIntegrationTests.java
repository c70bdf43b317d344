package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import com.merchantbilling.stripesandbox.internal.store.SandboxStore;

/**
 * With a Stripe key and no explicit request for it the sandbox does not exist: no beans, no properties to
 * satisfy, and its paths (the API and the hosted checkout page) answer 404 to anyone, signed in or not.
 */
@SpringBootTest(properties = "stripe.secret-key=sk_test_configured_by_the_operator")
class StripeSandboxOffIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Test
    void isEntirelyOff() throws Exception {
        assertThat(context.getBeanNamesForType(SandboxStripe.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SandboxStore.class)).isEmpty();
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).doesNotContainKey(
                "stripeSandboxSecurityFilterChain");
        assertThat(context.getEnvironment().getProperty("stripe.sandbox.enabled")).isNull();
        assertThat(context.getEnvironment().getProperty("stripe.secret-key"))
                .isEqualTo("sk_test_configured_by_the_operator");

        var mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).apply(springSecurity()).build();
        for (String path : new String[] { "/stripe-sandbox", "/stripe-sandbox/v1/payment_links",
                "/stripe-sandbox/checkout/plink_123" }) {
            mvc.perform(get(path)).andExpect(status().isNotFound());
            mvc.perform(get(path).with(user("aiko").roles("MERCHANT"))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/stripe-sandbox/checkout/plink_123").param("card_number", "4242 4242 4242 4242"))
                .andExpect(status().isNotFound());
    }
}
