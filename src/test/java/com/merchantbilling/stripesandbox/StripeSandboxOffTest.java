package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** With a Stripe key the sandbox does not exist: no beans, no endpoints, no properties to satisfy. */
@SpringBootTest(properties = "stripe.secret-key=sk_test_configured_by_the_operator")
class StripeSandboxOffTest {

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
        mvc.perform(get("/stripe-sandbox/v1/payment_links")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }
}
