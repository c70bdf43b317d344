package com.merchantbilling.payments.internal.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.TransactionException;

import com.merchantbilling.payments.internal.stripe.StripeProperties;
import com.stripe.exception.SignatureVerificationException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Stripe's webhook: verify, store, answer. Only what must be durable before the 200 happens here: the
 * signature check and one insert of the verified event into the inbox (see {@link WebhookInbox}); the
 * processing reads the inbox in batches after the response ({@link WebhookInboxProcessing}), so Stripe gets its
 * 200 in milliseconds and a slow database or a long processing never turns into Stripe's timeouts and retries.
 * Refusals carry a short reason and log one line, never the payload or the secret.
 * <p>
 * A servlet of its own, mapped to exactly the two paths, not a Spring MVC controller: at a thousand deliveries a
 * second on two cores the dispatcher's work around a request whose whole job is an HMAC and an insert (handler
 * lookup, argument resolution, the model, return value handling and message conversion) was about a quarter of a
 * delivery's CPU in the throughput benchmark's profile, ten times the controller's own (issue 15). The servlet
 * container's filters still run: the security filter chain (its webhook chain for these POSTs, the merchant chain
 * for any other method, so a GET is sent to sign in as before) and {@link WebhookMetricsFilter}. Exact servlet
 * mappings take precedence over the Vaadin and dispatcher servlets' (Servlet specification, 12.1).
 */
class StripeWebhookServlet extends HttpServlet {

    static final String PATH = "/stripe/webhook";
    /**
     * The Connect endpoint: Stripe sends the events of connected accounts (the organizations' own accounts) only
     * to endpoints created with {@code connect=true}, each with its own signing secret, and events there carry
     * the connected account's id in {@code account} (docs.stripe.com/connect/webhooks).
     */
    static final String CONNECT_PATH = "/stripe/webhook/connect";
    /**
     * A delivery: a POST to either path. The one definition for the webhook's security chain, its timer and the
     * observation it skips; any other method on these paths is the merchant chain's.
     */
    static final RequestMatcher DELIVERIES = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, CONNECT_PATH));
    static final String SIGNATURE_HEADER = "Stripe-Signature";
    /** Stripe's own default: a signed request older than five minutes may be a replay. */
    static final long TOLERANCE_SECONDS = 300;
    /**
     * Stripe's events for Payment Links and Checkout (Stripe docs, "Checkout: fulfill orders" and "Types of
     * events"): payments, and what happens to a payment afterwards. Every other type is answered "Ignored"
     * and not stored. The README lists them for the endpoint's configuration.
     */
    static final Set<String> HANDLED_TYPES = Set.of("checkout.session.completed",
            "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
            "charge.refunded", "charge.refund.updated", "charge.dispute.created", "charge.dispute.closed",
            "payment_intent.payment_failed");
    /** The connected accounts' payments, and {@code account.updated} (onboarding progress, charges enabled). */
    static final Set<String> CONNECT_HANDLED_TYPES = java.util.stream.Stream.concat(HANDLED_TYPES.stream(),
            java.util.stream.Stream.of("account.updated")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookServlet.class);

    private final transient WebhookInbox inbox;
    private final String webhookSecret;
    private final String connectWebhookSecret;
    private final int maxBodyBytes;

    StripeWebhookServlet(WebhookInbox inbox, StripeProperties stripe, WebhookProperties properties) {
        this.inbox = inbox;
        this.webhookSecret = stripe.webhookSecret();
        this.connectWebhookSecret = stripe.connectWebhookSecret();
        this.maxBodyBytes = Math.toIntExact(properties.maxBodySize().toBytes());
        if (webhookSecret == null || webhookSecret.isBlank()) {
            log.warn("stripe.webhook-secret is not set: {} refuses every event until it is", PATH);
        }
        if (connectWebhookSecret == null || connectWebhookSecret.isBlank()) {
            log.info("stripe.connect-webhook-secret is not set: {} refuses every event until it is", CONNECT_PATH);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Verified with the Connect endpoint's own secret, never the platform's (an event signed for one endpoint
        // is refused on the other), then stored in the same inbox as the platform's events, with its account.
        var answer = CONNECT_PATH.equals(request.getServletPath())
                ? receive(request, connectWebhookSecret, CONNECT_HANDLED_TYPES)
                : receive(request, webhookSecret, HANDLED_TYPES);
        byte[] body = answer.text().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status().value());
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** What Stripe is answered: a status and a short reason in plain text. */
    record Answer(HttpStatus status, String text) {

        static Answer ok(String text) {
            return new Answer(HttpStatus.OK, text);
        }
    }

    private Answer receive(HttpServletRequest request, String webhookSecret, Set<String> handledTypes)
            throws IOException {
        if (!isJson(request.getContentType())) {
            return refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content type must be application/json");
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            return refuse(HttpStatus.CONTENT_TOO_LARGE, "Body larger than " + maxBodyBytes + " bytes");
        }
        // bounded read: a body without Content-Length cannot make us buffer more than the limit
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            return refuse(HttpStatus.CONTENT_TOO_LARGE, "Body larger than " + maxBodyBytes + " bytes");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            return refuse(HttpStatus.SERVICE_UNAVAILABLE, "Webhook secret not configured");
        }
        String signature = request.getHeader(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            return refuse(HttpStatus.BAD_REQUEST, "Missing Stripe-Signature header");
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        VerifiedStripeEvent event;
        try {
            event = VerifiedStripeEvent.verify(payload, signature, webhookSecret, TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            return refuse(HttpStatus.BAD_REQUEST, e.getMessage() != null && e.getMessage().contains("tolerance")
                    ? "Timestamp outside the tolerance" : "Invalid signature");
        } catch (VerifiedStripeEvent.NotAnEvent e) {
            // the signature matched, so the sender holds our secret, but this is no event Stripe would send
            return refuse(HttpStatus.BAD_REQUEST, "Body is not a JSON Stripe event");
        }
        if (!handledTypes.contains(event.type())) {
            log.debug("Stripe event {} of type {} ignored", event.id(), event.type());
            return Answer.ok("Ignored");
        }
        try {
            boolean first = inbox.accept(event);
            return Answer.ok(first ? "Received" : "Duplicate");
        } catch (DataAccessException | TransactionException e) {
            // Stripe retries anything but 2xx for days: the event is not lost. TransactionException covers an
            // exhausted connection pool, which used to escape as a 500 whose error dispatch went through the
            // merchant chain and reached Stripe as a 302 to /login (LoadTest)
            log.error("Stripe event {} could not be stored: {}", event.id(), e.getMessage());
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE, "Try again later");
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static Answer refuse(HttpStatus status, String reason) {
        log.warn("Stripe webhook refused with {}: {}", status.value(), reason);
        return new Answer(status, reason);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        ServletRegistrationBean<StripeWebhookServlet> stripeWebhookServlet(WebhookInbox inbox, StripeProperties stripe,
                WebhookProperties properties) {
            var registration = new ServletRegistrationBean<>(new StripeWebhookServlet(inbox, stripe, properties),
                    PATH, CONNECT_PATH);
            registration.setName("stripeWebhook");
            // ready before Stripe's first delivery, not initialised on it
            registration.setLoadOnStartup(1);
            return registration;
        }
    }
}
