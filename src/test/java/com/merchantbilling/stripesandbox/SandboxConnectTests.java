package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.merchantbilling.support.FakeStripeServer;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;

/**
 * The sandbox's Connect onboarding as stripe-java sees it: the Account and Account Link objects deserialize into
 * stripe-java 33.3.0's models with Stripe's fields, Stripe's errors for missing parameters and unknown accounts,
 * and a single-use link that sends a second visit to its refresh_url.
 */
class SandboxConnectTests {

    static final FakeStripeServer STRIPE = FakeStripeServer.start("sk_test_connect");
    final StripeClient client = StripeClient.builder().setApiKey("sk_test_connect").setApiBase(STRIPE.baseUrl())
            .build();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterAll
    static void stop() {
        STRIPE.close();
    }

    @Test
    void anAccountStartsWithoutChargesAndItsLinkIsSingleUse() throws Exception {
        var account = client.v1().accounts().create(AccountCreateParams.builder()
                .setType(AccountCreateParams.Type.STANDARD).build());
        assertThat(account.getId()).startsWith("acct_");
        assertThat(account.getChargesEnabled()).isFalse();
        assertThat(account.getDetailsSubmitted()).isFalse();
        assertThat(account.getRequirements().getCurrentlyDue()).isNotEmpty();
        assertThat(account.getType()).isEqualTo("standard");
        assertThat(client.v1().accounts().retrieve(account.getId()).getId()).isEqualTo(account.getId());

        var link = client.v1().accountLinks().create(AccountLinkCreateParams.builder().setAccount(account.getId())
                .setRefreshUrl("http://localhost/refresh").setReturnUrl("http://localhost/return")
                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING).build());
        assertThat(link.getExpiresAt() - link.getCreated()).isEqualTo(300);
        var page = http.send(HttpRequest.newBuilder(URI.create(link.getUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Stripe sandbox", account.getId());

        var leave = http.send(HttpRequest.newBuilder(URI.create(link.getUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=leave")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(leave.headers().firstValue("Location")).contains("http://localhost/return");
        assertThat(client.v1().accounts().retrieve(account.getId()).getChargesEnabled()).isFalse();
        var again = http.send(HttpRequest.newBuilder(URI.create(link.getUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).contains("http://localhost/refresh");
    }

    @Test
    void stripesErrorsForMissingParametersUnknownAccountsAndAnotherAccountsView() throws Exception {
        var account = client.v1().accounts().create(AccountCreateParams.builder().build());
        assertThatThrownBy(() -> client.v1().accountLinks().create(AccountLinkCreateParams.builder()
                .setAccount(account.getId()).setReturnUrl("http://localhost/return")
                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("parameter_missing");
                    assertThat(e.getParam()).isEqualTo("refresh_url");
                });
        assertThatThrownBy(() -> client.v1().accounts().retrieve("acct_1NoSuchAccount"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
        // a connected account sees only itself
        assertThatThrownBy(() -> client.v1().accounts().retrieve(account.getId(),
                RequestOptions.builder().setStripeAccount("acct_1SomeoneElse").build()))
                .isInstanceOf(InvalidRequestException.class);
    }
}
