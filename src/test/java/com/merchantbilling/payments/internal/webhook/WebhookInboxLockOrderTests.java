package com.merchantbilling.payments.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.merchantbilling.payments.internal.webhook.WebhookInboxProcessing.Claimed;

/** A batch locks organizations in one order, and one organization's events keep the order they came in. */
class WebhookInboxLockOrderTests {

    @Test
    void sortsByOrganizationStablyWithOtherIntegrationsEventsLast() {
        var batch = new ArrayList<>(List.of(
                event("evt_1", 20), foreign("evt_2"), event("evt_3", 7), event("evt_4", 20), event("evt_5", 7)));

        WebhookInboxProcessing.inLockOrder(batch);

        assertThat(batch).extracting(Claimed::eventId).containsExactly("evt_3", "evt_5", "evt_1", "evt_4", "evt_2");
    }

    @Test
    void readsTheOrganizationFromOurNamespacedMetadataOnlyAsStripeRendersIt() {
        assertThat(WebhookInboxProcessing.organizationOf(payload("\"merchant_billing_organization\": \"42\"")))
                .isEqualTo(42);
        assertThat(WebhookInboxProcessing.organizationOf(payload("\"merchant_billing_organization\":\"42\"")))
                .isEqualTo(42);
        // an integration's own "organization" key is not ours
        assertThat(WebhookInboxProcessing.organizationOf(payload("\"organization\": \"42\"")))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(WebhookInboxProcessing.organizationOf(payload("\"merchant_billing_organization\": \"acme\"")))
                .isEqualTo(Long.MAX_VALUE);
    }

    private static Claimed event(String id, long organization) {
        return new Claimed(id, payload("\"merchant_billing_organization\": \"" + organization + "\""));
    }

    private static Claimed foreign(String id) {
        return new Claimed(id, payload("\"order\": \"A-1\""));
    }

    private static String payload(String metadata) {
        return """
                {
                  "id": "evt",
                  "object": "event",
                  "data": {
                    "object": {
                      "object": "checkout.session",
                      "metadata": {
                        %s
                      }
                    }
                  },
                  "type": "checkout.session.completed"
                }""".formatted(metadata);
    }
}
