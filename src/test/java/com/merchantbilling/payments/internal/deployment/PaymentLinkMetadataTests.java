package com.merchantbilling.payments.internal.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

class PaymentLinkMetadataTests {

    private final DeploymentId production = new DeploymentId("mb-prod");
    private final PaymentLinkMetadata ours = new PaymentLinkMetadata(production, new OrganizationId(7),
            new InvoiceId(42), 3);

    @Test
    void readsBackWhatItWrites() {
        assertThat(PaymentLinkMetadata.from(ours.toMap())).contains(ours);
    }

    @Test
    void aGenericInvoiceIdOfAnotherIntegrationIsNotOurs() {
        assertThat(PaymentLinkMetadata.from(Map.of("invoice_id", "42"))).isEmpty();
        assertThat(PaymentLinkMetadata.from(null)).isEmpty();
    }

    @Test
    void incompleteOrUnreadableMetadataIsNotOurs() {
        for (var key : ours.toMap().keySet()) {
            var without = new HashMap<>(ours.toMap());
            without.remove(key);
            assertThat(PaymentLinkMetadata.from(without)).as("without " + key).isEmpty();
        }
        var garbled = new HashMap<>(ours.toMap());
        garbled.put(PaymentLinkMetadata.INVOICE, "42abc");
        assertThat(PaymentLinkMetadata.from(garbled)).isEmpty();
    }

    @Test
    void anotherDeploymentOrganizationOrInvoiceIsNotFor() {
        assertThat(ours.isFor(production, new OrganizationId(7), new InvoiceId(42))).isTrue();
        assertThat(ours.isFor(new DeploymentId("mb-staging"), new OrganizationId(7), new InvoiceId(42))).isFalse();
        assertThat(ours.isFor(production, new OrganizationId(8), new InvoiceId(42))).isFalse();
        assertThat(ours.isFor(production, new OrganizationId(7), new InvoiceId(43))).isFalse();
    }

    @Test
    void aDeploymentIdFitsKeysAndMetadata() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeploymentId("Prod"));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeploymentId("x".repeat(41)));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeploymentId(""));
        assertThat(new DeploymentId("mb-0123456789ab").value()).hasSize(15);
    }
}
