package com.merchantbilling.payments.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;
import com.stripe.exception.SignatureVerificationException;

/** The request's only reading of the body: the signature, then id, type and account, without parsing data. */
class VerifiedStripeEventTests {

    static final String SECRET = "whsec_unit_test";

    @Test
    void readsIdTypeAndAccountOfASignedEventAndKeepsThePayloadAsSent() throws Exception {
        var payload = StripeEvents.completed(new CheckoutSession("plink_1", 1000, "jpy"), "acct_1Connected");

        var event = VerifiedStripeEvent.verify(payload, StripeEvents.signature(payload, SECRET), SECRET, 300);

        assertThat(event.id()).isEqualTo(StripeEvents.eventId(payload)).startsWith("evt_");
        assertThat(event.type()).isEqualTo("checkout.session.completed");
        assertThat(event.account()).isEqualTo("acct_1Connected");
        assertThat(event.payload()).isSameAs(payload);
    }

    @Test
    void aPlatformEventHasNoAccountAndNestedIdsAreNotTheEventsId() throws Exception {
        // data.object has its own id and object fields: only the top level counts
        var payload = StripeEvents.completed(new CheckoutSession("plink_1", 1000, "jpy"));

        var event = VerifiedStripeEvent.verify(payload, StripeEvents.signature(payload, SECRET), SECRET, 300);

        assertThat(event.account()).isNull();
        assertThat(event.id()).startsWith("evt_");
    }

    @Test
    void refusesAWrongSignatureAndAnOldTimestampBeforeReadingTheBody() {
        var payload = "not even json";

        assertThatThrownBy(() -> VerifiedStripeEvent.verify(payload, StripeEvents.signature(payload, "whsec_other"),
                SECRET, 300)).isInstanceOf(SignatureVerificationException.class);
        long old = Instant.now().getEpochSecond() - 600;
        assertThatThrownBy(() -> VerifiedStripeEvent.verify(payload, StripeEvents.signature(payload, old, SECRET),
                SECRET, 300)).isInstanceOf(SignatureVerificationException.class).hasMessageContaining("tolerance");
    }

    @Test
    void aSignedBodyThatIsNoStripeEventIsRefused() {
        for (var body : new String[] { "not even json", "[1, 2]", "{\"id\": \"evt_1\"}", "{\"type\": \"x\"}",
                "{\"id\": 5, \"type\": \"charge.refunded\"}", "{\"id\": \"evt_1\", \"type\": \"charge.refunded\"} {}",
                "{\"id\": \"evt_1\", \"type\": \"charge.refunded\", \"data\": {\"object\": "}) {
            assertThatThrownBy(() -> VerifiedStripeEvent.verify(body, StripeEvents.signature(body, SECRET), SECRET,
                    300)).as(body).isInstanceOf(VerifiedStripeEvent.NotAnEvent.class);
        }
    }
}
