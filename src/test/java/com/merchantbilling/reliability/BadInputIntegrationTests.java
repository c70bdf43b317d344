package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.PaymentLinkRequests.IneligibleInvoice;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.invoicing.PaymentLinkRequests.TooManyInvoicesSelectedException;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.StripeEvents;

/** Each kind of bad input gets a clear answer, and nothing else changes. */
// completed event publications are deleted (completion mode DELETE), so the table cannot show what was
// published: the events recorded in the test's thread do
@RecordApplicationEvents
class BadInputIntegrationTests extends ReliabilityTestSupport {

    @Autowired
    ApplicationEvents events;

    OrganizationId organization;

    @BeforeEach
    void organization() {
        organization = tenants.subscribed("Bad input");
    }

    @Test
    void aSelectionOver100IsRefusedWhole() {
        var ids = tenants.invoices(organization, "O", 101, "USD");
        var before = rows(ids);

        assertThatThrownBy(() -> requests.request(organization, ids, "aiko"))
                .isInstanceOf(TooManyInvoicesSelectedException.class)
                .hasMessage("Payment links can be created for at most 100 invoices at once; 101 are selected");
        assertThatThrownBy(() -> requests.targets(organization, ids))
                .isInstanceOf(TooManyInvoicesSelectedException.class);

        assertThat(rows(ids)).isEqualTo(before);
        assertThat(events.stream(PaymentLinkRequested.class)).isEmpty();
    }

    @Test
    void ineligibleInvoicesSlippedIntoARequestAreSkippedWithTheirReasonAndUntouched() {
        var eligible = tenants.invoices(organization, "E", 2, "USD");
        var pending = eligible.get(0);
        requests.request(organization, List.of(pending), "aiko");
        awaitStatus(List.of(pending), OnlinePaymentStatus.PENDING_PAYMENT);
        var zero = tenants.invoice(organization, "Z", 0, "USD");
        var negative = tenants.invoice(organization, "N", -500, "USD");
        var untouched = List.of(pending, zero, negative);
        var before = rows(untouched);

        var result = requests.request(organization, List.of(pending, zero, negative, eligible.get(1)), "aiko");

        assertThat(result.requested()).containsExactly(eligible.get(1));
        assertThat(result.skipped()).extracting(skipped -> skipped.invoice().id(), IneligibleInvoice::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(pending, Ineligibility.LINK_EXISTS),
                        org.assertj.core.groups.Tuple.tuple(zero, Ineligibility.AMOUNT_NOT_POSITIVE),
                        org.assertj.core.groups.Tuple.tuple(negative, Ineligibility.AMOUNT_NOT_POSITIVE));
        assertThat(rows(untouched)).isEqualTo(before);
        awaitStatus(List.of(eligible.get(1)), OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(linksAtStripe(pending)).isEqualTo(1);
        assertThat(linksAtStripe(zero) + linksAtStripe(negative)).isZero();
    }

    @Test
    void currenciesStripeCannotBillFailWithAReasonAndMakeNoLink() {
        // BHD has three decimals (Stripe's rounding rule is not supported); CUP is unknown to Stripe
        var bhd = tenants.invoice(organization, "BHD", 1250, "BHD");
        var cup = tenants.invoice(organization, "CUP", 1000, "CUP");
        long bhdCalls = stripe.createRequests().size();

        requests.request(organization, List.of(bhd, cup), "aiko");
        awaitStatus(List.of(bhd, cup), OnlinePaymentStatus.LINK_FAILED);

        assertThat(invoices.find(organization, bhd).orElseThrow().paymentLinkFailure()).hasValueSatisfying(reason ->
                assertThat(reason).contains("Currency BHD is not supported for payment links"));
        assertThat(invoices.find(organization, cup).orElseThrow().paymentLinkFailure()).hasValueSatisfying(reason ->
                assertThat(reason).containsIgnoringCase("currency").contains("HTTP 400"));
        assertThat(idempotencyKeys(bhd)).as("no Stripe call for BHD at all").isEmpty();
        assertThat(linksAtStripe(bhd) + linksAtStripe(cup)).isZero();
        assertThat(stripe.createRequests().size() - bhdCalls).isEqualTo(1);
    }

    @Test
    void currenciesWithoutMinorUnitsOrUnknownCodesAreRefusedOnEntry() {
        assertThatThrownBy(() -> Money.of(100, "XXX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no minor unit");
        assertThatThrownBy(() -> Money.of(100, "ZZZ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvoiceDeletedBetweenSelectionAndCreateIsReportedAsGone() {
        var ids = tenants.invoices(organization, "D", 3, "JPY");
        assertThat(requests.targets(organization, ids).eligible()).hasSize(3);
        var deleted = ids.get(1);
        jdbc.sql("delete from invoices where id = :id").param("id", deleted.value()).update();

        var result = requests.request(organization, ids, "aiko");

        assertThat(result.notFound()).containsExactly(deleted);
        assertThat(result.requested()).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(events.stream(PaymentLinkRequested.class).map(PaymentLinkRequested::invoiceId))
                .as("one request per remaining invoice").containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        awaitStatus(List.of(ids.get(0), ids.get(2)), OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(idempotencyKeys(deleted)).isEmpty();
    }

    @Test
    void badWebhookBodiesAreRefusedWithAReasonAndStoreNothing() throws Exception {
        var invoice = tenants.invoices(organization, "W", 1, "JPY");
        var before = rows(invoice);
        long stored = tableCount("stripe_webhook_events");
        // what the set-up published (the organization's add-on) is not the bad bodies'
        events.clear();

        var oversized = "{\"id\":\"evt_big\",\"pad\":\"" + "x".repeat(300 * 1024) + "\"}";
        webhook(oversized, MediaType.APPLICATION_JSON_VALUE, 413, "Body larger than");
        var malformed = "{\"id\": \"evt_broken\", \"type\": \"checkout.session.completed\", ";
        webhook(malformed, MediaType.APPLICATION_JSON_VALUE, 400, "not a JSON Stripe event");
        var valid = StripeEvents.completed(new StripeEvents.CheckoutSession("plink_x", 1000, "jpy"));
        webhook(valid, MediaType.TEXT_PLAIN_VALUE, 415, "application/json");
        webhook(valid, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 415,
                "application/json");

        assertThat(tableCount("stripe_webhook_events")).isEqualTo(stored);
        assertThat(events.stream(Object.class).filter(event -> event.getClass().getName().startsWith("com.merchantbilling")))
                .as("nothing published").isEmpty();
        assertThat(rows(invoice)).isEqualTo(before);
    }

    private void webhook(String body, String contentType, int expected, String reason) throws Exception {
        var response = webhook(body, contentType);
        assertThat(response.getStatus()).isEqualTo(expected);
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains(reason);
    }
}
