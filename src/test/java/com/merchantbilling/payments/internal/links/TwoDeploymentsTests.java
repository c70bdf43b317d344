package com.merchantbilling.payments.internal.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.internal.deployment.DeploymentId;
import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeProperties;
import com.merchantbilling.support.FakeStripeServer;
import com.stripe.StripeClient;
import com.stripe.model.PaymentLink;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Defect 5: two deployments (say production and staging) on one Stripe account, each with its own database and
 * so the same invoice ids and attempts. Idempotency keys are account-wide at Stripe; unnamespaced keys made the
 * second deployment receive the first one's link as a replay.
 */
class TwoDeploymentsTests {

    static final FakeStripeServer stripe = FakeStripeServer.start("sk_test_two_deployments");

    @AfterAll
    static void stop() {
        stripe.close();
    }

    @Test
    void theSameInvoiceIdAndAttemptInTwoDeploymentsMakeTwoLinksEachFoundOnlyByItsOwner() throws Exception {
        var production = links(new DeploymentId("production"));
        var staging = links(new DeploymentId("staging"));
        var organization = new OrganizationId(7);
        var invoice = new InvoiceId(42);
        var request = new PaymentLinkRequested(invoice, organization, "INV-42", "Buyer", Money.of(1500, "JPY"), 1,
                "aiko", Instant.now());

        PaymentLink ours = production.create(request, 1, Optional.empty());
        PaymentLink theirs = staging.create(request, 1, Optional.empty());

        assertThat(theirs.getId()).isNotEqualTo(ours.getId());
        assertThat(theirs.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(stripe.createRequests()).extracting(FakeStripeServer.RecordedRequest::idempotencyKey)
                .containsExactlyInAnyOrder("merchant-billing-production-plink-42-1",
                        "merchant-billing-staging-plink-42-1");
        assertThat(PaymentLinkMetadata.from(ours.getMetadata())).hasValueSatisfying(metadata -> assertThat(
                metadata.isFor(new DeploymentId("production"), organization, invoice)).isTrue());
        assertThat(PaymentLinkMetadata.from(theirs.getPaymentIntentData().getMetadata())).hasValueSatisfying(
                metadata -> assertThat(metadata.deployment()).isEqualTo(new DeploymentId("staging")));
        assertThat(production.findOurs(organization, invoice, Optional.empty(), 10))
                .extracting(PaymentLink::getId).containsExactly(ours.getId());
        assertThat(staging.findOurs(organization, invoice, Optional.empty(), 10))
                .extracting(PaymentLink::getId).containsExactly(theirs.getId());
    }

    private static StripePaymentLinks links(DeploymentId deployment) {
        var properties = new StripeProperties(stripe.secretKey(), null, null, stripe.baseUrl(), 25, 0, 1,
                Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(2), new StripeProperties.Sandbox(false));
        var client = StripeClient.builder().setApiKey(stripe.secretKey()).setApiBase(stripe.baseUrl()).build();
        return new StripePaymentLinks(client, new StripeCallPolicy(properties, new SimpleMeterRegistry()), deployment);
    }
}
