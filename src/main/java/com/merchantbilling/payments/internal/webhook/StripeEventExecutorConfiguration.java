package com.merchantbilling.payments.internal.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * At most {@code payments.webhook.processing-concurrency} Stripe events are processed at once (each holds a
 * database connection); the rest queue. Boot keeps its own application executor beside this one because
 * {@code spring.task.execution.mode=force} is set.
 */
@Configuration(proxyBeanMethods = false)
class StripeEventExecutorConfiguration {

    static final String NAME = "stripeEventExecutor";

    @Bean(NAME)
    ThreadPoolTaskExecutor stripeEventExecutor(WebhookProperties properties) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.processingConcurrency());
        executor.setMaxPoolSize(properties.processingConcurrency());
        executor.setVirtualThreads(true);
        executor.setThreadNamePrefix("stripe-event-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
