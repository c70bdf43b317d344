package com.merchantbilling.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.support.BrowserSession;
import com.merchantbilling.support.TestTenants;

/**
 * 20 wrong passwords in real Chromium hold back that username (from anywhere) and that address (for any
 * username), and nobody else. A second address is a browser whose requests carry {@code X-Forwarded-For}: Tomcat
 * takes the client address from it for a request from a local proxy ({@code server.forward-headers-strategy=native}),
 * as behind our nginx. Asserts the throttle's state and the refusal, never a time: the limits are the defaults'
 * first steps (5 per username, 20 per address) with a refill of a day, so that a slow machine's minutes of typing
 * give no attempt back in between. Its own context (the limits are named), hence its own database: the held-back
 * loopback address does not reach the other browser classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "merchantbilling.sign-in.per-user=5/24h", "merchantbilling.sign-in.per-address=20/24h"})
class SignInThrottleBrowserTests {

    static final String OTHER_ADDRESS = "203.0.113.7";

    @LocalServerPort
    int port;
    @Autowired
    Organizations organizations;
    @Autowired
    SignInThrottle throttle;
    @Autowired
    org.springframework.boot.web.servlet.ServletRegistrationBean<com.vaadin.flow.spring.SpringServlet> vaadin;

    @Test
    void twentyWrongPasswordsHoldBackThatUserAndThatAddressOnly() {
        var organization = TestTenants.organization(organizations, "Throttle");
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        String bystander = "bystander-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.addUser(organization, victim, "Victim", "victim-right-phrase");
        organizations.addUser(organization, bystander, "Bystander", "bystander-right-phrase");

        try (var attacker = new BrowserSession(port)) {
            for (int attempt = 1; attempt <= 20; attempt++) {
                attacker.signIn(victim, "wrong-guess-" + attempt);
                attacker.waiting().until(ExpectedConditions.urlMatches(".*[?&](error|throttled).*"));
            }
            assertThat(throttle.userThrottled(victim)).isTrue();
            // Chromium reaches localhost over IPv4 or IPv6
            assertThat(throttle.addressThrottled("127.0.0.1") || throttle.addressThrottled("0:0:0:0:0:0:0:1"))
                    .isTrue();
            assertThat(throttle.userThrottled(bystander)).isFalse();
            assertThat(throttle.addressThrottled(OTHER_ADDRESS)).isFalse();

            // the right password does not help now, and the page says to wait
            attacker.signIn(victim, "victim-right-phrase");
            attacker.waiting().until(ExpectedConditions.urlContains("throttled="));
            attacker.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("login-throttled")));
            assertThat(attacker.js("return document.getElementById('login-throttled').i18n.errorMessage.title"))
                    .isEqualTo("Too many sign-in attempts");
            assertThat(attacker.driver().findElements(By.id("billing-invoices-grid"))).isEmpty();
            // nor for another user from the same address
            attacker.signIn(bystander, "bystander-right-phrase");
            attacker.waiting().until(ExpectedConditions.urlContains("throttled="));
        }

        try (var elsewhere = new BrowserSession(port)) {
            elsewhere.driver().executeCdpCommand("Network.enable", Map.of());
            elsewhere.driver().executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("X-Forwarded-For", OTHER_ADDRESS)));
            // the held-back username stays held back from another address
            elsewhere.signIn(victim, "victim-right-phrase");
            elsewhere.waiting().until(ExpectedConditions.urlContains("throttled="));
            // and everyone else signs in from there
            elsewhere.signIn(bystander, "bystander-right-phrase");
            elsewhere.grid();
            assertThat(elsewhere.driver().getCurrentUrl()).doesNotContain("throttled", "error");
        }
        assertThat(throttle.addressThrottled(OTHER_ADDRESS)).isFalse();
    }

    /**
     * An open tab's heartbeat must not keep a session alive: Vaadin closes a session whose UIs saw no user request
     * for the session timeout (heartbeats do not count) only with closeIdleSessions, and MerchantSessions then ends
     * the HTTP session, hence the sign-in. Waiting the timeout out would make a test of half an hour; this checks
     * the running servlet has it on.
     */
    @Test
    void idleSessionsAreClosedDespiteTheHeartbeat() {
        try (var visitor = new BrowserSession(port)) {
            visitor.driver().get(visitor.baseUrl() + "/login");
            visitor.waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-login-form")));
        }
        var configuration = vaadin.getServlet().getService().getDeploymentConfiguration();
        assertThat(configuration.isCloseIdleSessions()).isTrue();
        assertThat(configuration.getHeartbeatInterval()).isPositive();
    }
}
