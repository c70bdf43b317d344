package com.merchantbilling.ui.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code merchantbilling.live.*}: how each node listens for the invoice changes of all nodes.
 *
 * @param idleCheck      after this long without a notification the listener checks its connection with a query:
 *                       a silently dropped connection (a NAT or firewall forgetting it) would otherwise wait forever
 * @param reconnectDelay the pause between attempts to connect again after the connection was lost
 */
@Validated
@ConfigurationProperties("merchantbilling.live")
record LiveViewProperties(@NotNull @DefaultValue("10s") Duration idleCheck,
        @NotNull @DefaultValue("1s") Duration reconnectDelay) {
}
