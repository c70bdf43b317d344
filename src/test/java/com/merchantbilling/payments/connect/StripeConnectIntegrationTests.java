package com.merchantbilling.payments.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.PaymentReconciliation;
import com.merchantbilling.payments.StripeAccounts;
import com.merchantbilling.stripesandbox.SandboxStripe;
import com.merchantbilling.support.FakeStripe;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.Tenants;
import com.stripe.net.Webhook;

/**
 * Stripe Connect end to end against the fake Stripe (the sandbox core): onboarding through an Account Link and
 * the sandbox's hosted page, link creation refused until charges are enabled and then made on the connected
 * account, the account stored with each link, and the Connect webhook endpoint with its own secret.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stripe.connect-webhook-secret=" + StripeConnectIntegrationTests.CONNECT_SECRET,
        "payments.reconciliation.older-than=0s" })
class StripeConnectIntegrationTests {

    static final String CONNECT_SECRET = "whsec_connect_test_0123456789abcdef";

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    FakeStripeServer stripe;
    @Autowired
    StripeAccounts accounts;
    @Autowired
    Organizations organizations;
    @Autowired
    OnlinePayments onlinePayments;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentReconciliation reconciliation;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void webhooksToThisApp() {
        stripe.webhookTarget(url("/stripe/webhook"), FakeStripe.WEBHOOK_SECRET);
        stripe.sandbox().connectWebhookTarget(url("/stripe/webhook/connect"), CONNECT_SECRET);
    }

    @Test
    void chargesNotEnabledRefusesLinkCreationWithTheReasonAndAsksStripeForNothing() {
        var organization = tenants.subscribed("Unfinished");
        var onboarding = startOnboarding(organization);
        var account = accounts.find(organization).orElseThrow();
        assertThat(account.chargesEnabled()).isFalse();
        assertThat(account.detailsSubmitted()).isFalse();
        assertThat(account.currentlyDue()).contains("external_account");
        assertThat(organizations.find(organization).flatMap(Organization::stripeAccountId))
                .contains(account.accountId());
        assertThat(onboarding.toString()).startsWith(stripe.baseUrl() + "/connect/onboarding/");

        var invoice = tenants.invoice(organization, "U-1", 5000, "JPY");
        long createsBefore = stripe.createCalls();
        tenants.requestLinks(organization, List.of(invoice));

        await().until(() -> tenants.all(organization, List.of(invoice), OnlinePaymentStatus.LINK_FAILED));
        assertThat(invoices.find(organization, invoice).orElseThrow().paymentLinkFailure()).hasValueSatisfying(
                reason -> assertThat(reason).contains(account.accountId()).contains("charges not enabled")
                        .contains("Settings > Stripe"));
        assertThat(stripe.createCalls()).isEqualTo(createsBefore);
        assertThat(accounts.linkCreationRefusal(organization)).isPresent();
    }

    @Test
    void onboardingCompletedOnTheHostedPageEnablesLinksOnTheConnectedAccountWhichTheLinkRecords() throws Exception {
        var organization = tenants.subscribed("Onboarded");
        var onboarding = startOnboarding(organization);
        String accountId = accounts.find(organization).orElseThrow().accountId();

        var page = http.send(HttpRequest.newBuilder(onboarding).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Stripe sandbox").contains(accountId);
        var back = complete(onboarding);
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).contains(url("/settings/stripe?onboarding=return"));

        // account.updated reaches the Connect endpoint, signed with its own secret, and is taken
        await().until(() -> accounts.find(organization).orElseThrow().chargesEnabled());
        assertThat(accounts.refresh(organization).orElseThrow()).satisfies(state -> {
            assertThat(state.chargesEnabled()).isTrue();
            assertThat(state.detailsSubmitted()).isTrue();
            assertThat(state.currentlyDue()).isEmpty();
        });
        assertThat(accounts.linkCreationRefusal(organization)).isEmpty();
        // a used Account Link sends the browser to its refresh_url, as Stripe's does
        var reused = http.send(HttpRequest.newBuilder(onboarding).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reused.headers().firstValue("Location")).contains(url("/settings/stripe?onboarding=refresh"));

        var invoice = tenants.invoice(organization, "O-1", 12000, "JPY");
        tenants.requestLinks(organization, List.of(invoice));
        await().until(() -> tenants.all(organization, List.of(invoice), OnlinePaymentStatus.PENDING_PAYMENT));

        var create = stripe.createRequests().stream()
                .filter(request -> request.formParameters().containsValue(Long.toString(invoice.value())))
                .findFirst().orElseThrow();
        assertThat(create.header("Stripe-Account")).isEqualTo(accountId);
        assertThat(onlinePayments.find(invoice).orElseThrow().paymentLinkStripeAccount()).contains(accountId);
        assertThat(jdbc.sql("select payment_link_stripe_account from invoices where id = ?").param(invoice.value())
                .query(String.class).single()).isEqualTo(accountId);
    }

    @Test
    void anAccountChangeNeverStrandsAnInvoice() throws Exception {
        var organization = tenants.subscribed("Moving");
        complete(startOnboarding(organization));
        String oldAccount = accounts.refresh(organization).orElseThrow().accountId();
        var invoice = tenants.invoice(organization, "M-1", 7000, "JPY");
        tenants.requestLinks(organization, List.of(invoice));
        await().until(() -> tenants.all(organization, List.of(invoice), OnlinePaymentStatus.PENDING_PAYMENT));
        String link = onlinePayments.find(invoice).orElseThrow().paymentLinkId().orElseThrow();

        organizations.changeStripeAccount(organization, "acct_1NewAccountOfTheOrg");
        stripe.reset();
        reconciliation.reconcile(organization, invoice);
        assertThat(stripe.requests()).filteredOn(request -> request.path().equals("/v1/checkout/sessions"))
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.header("Stripe-Account")).isEqualTo(oldAccount));

        // the buyer pays on the old account's link; its event comes to the Connect endpoint with that account
        assertThat(stripe.pay(link, SandboxStripe.SUCCEEDING_CARD).outcome().name()).isEqualTo("PAID");
        await().until(() -> tenants.all(organization, List.of(invoice), OnlinePaymentStatus.PAID));
    }

    @Test
    void theConnectEndpointRefusesAnEventSignedWithThePlatformSecretAndTheOtherWayRound() throws Exception {
        String payload = """
                {"id":"evt_connect_secret_test","object":"event","type":"account.updated","account":"acct_1Unknown",
                 "api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "data":{"object":{"id":"acct_1Unknown","object":"account","charges_enabled":true}}}"""
                .formatted(Instant.now().getEpochSecond());
        var platformSigned = sign(payload, FakeStripe.WEBHOOK_SECRET);
        var connectSigned = sign(payload, CONNECT_SECRET);

        assertThat(post("/stripe/webhook/connect", payload, platformSigned).statusCode()).isEqualTo(400);
        // account.updated is no event of the platform endpoint, and its secret is not the Connect one
        assertThat(post("/stripe/webhook", payload, connectSigned).statusCode()).isEqualTo(400);
        var accepted = post("/stripe/webhook/connect", payload, connectSigned);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("Received");
        assertThat(jdbc.sql("select account_id from stripe_webhook_events where event_id = ?")
                .param("evt_connect_secret_test").query(String.class).single()).isEqualTo("acct_1Unknown");
    }

    private URI startOnboarding(OrganizationId organization) {
        return accounts.startOnboarding(organization, "owner-" + organization.value(),
                URI.create(url("/settings/stripe?onboarding=return")),
                URI.create(url("/settings/stripe?onboarding=refresh")));
    }

    private HttpResponse<String> complete(URI onboarding) throws Exception {
        return http.send(HttpRequest.newBuilder(onboarding)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=complete")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String payload, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String payload, String secret) throws Exception {
        return Webhook.Signature.generateSignatureHeader(payload, secret);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
