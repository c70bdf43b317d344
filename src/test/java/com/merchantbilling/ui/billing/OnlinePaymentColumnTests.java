package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.merchantbilling.ui.billing.OnlinePaymentColumn.FollowUpMark;
import com.vaadin.flow.internal.JacksonSerializer;

/** The Online Payment cell's data as the grid sends it to the browser. */
class OnlinePaymentColumnTests {

    @Test
    void theFollowUpMarkIsSentAsOneObject() {
        // what LitRenderer does with each row's property value; a record Vaadin cannot read fails the whole page
        var json = JacksonSerializer.toJson(new FollowUpMark("vaadin:bell-o", "12/5", "Reminded once, last Dec 5, 2026"));

        assertThat(json.get("icon").asString()).isEqualTo("vaadin:bell-o");
        assertThat(json.get("text").asString()).isEqualTo("12/5");
        assertThat(json.get("title").asString()).isEqualTo("Reminded once, last Dec 5, 2026");
        assertThat(json.size()).isEqualTo(3);
    }
}
