package com.merchantbilling.payments.internal.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * A Stripe event whose signature was verified: what the inbox stores. Only the top-level {@code id},
 * {@code type} and {@code account} are read here, by streaming over the payload ({@code data} is skipped
 * token by token, no object tree is built; Jackson's parser, which the app has anyway, where stripe-java uses
 * Gson for the full event): the one full parse happens once, in the processing. Any endpoint
 * with its own signing secret (the platform's, a Connect endpoint's) builds this and hands it to
 * {@link WebhookInbox#accept(VerifiedStripeEvent)}.
 *
 * @param account the connected account the event happened on (Stripe's {@code account} field, Connect
 *                webhooks only), or null for the platform account
 */
public record VerifiedStripeEvent(String id, String type, String account, String payload) {

    /** Jackson's streaming parser: thread-safe factory, no object tree, no data binding. */
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Verifies the Stripe-Signature header as stripe-java's {@code Webhook.constructEvent} does (it calls
     * {@code Webhook.Signature.verifyHeader} first, then parses the whole event with Gson; stripe-java 33.3.0),
     * without that parse.
     *
     * @throws SignatureVerificationException a wrong signature, or a timestamp outside the tolerance
     * @throws NotAnEvent the signature matched but the body is no JSON object with an id and a type
     */
    public static VerifiedStripeEvent verify(String payload, String signatureHeader, String secret,
            long toleranceSeconds) throws SignatureVerificationException {
        Webhook.Signature.verifyHeader(payload, signatureHeader, secret, toleranceSeconds);
        return read(payload);
    }

    static VerifiedStripeEvent read(String payload) {
        String id = null;
        String type = null;
        String account = null;
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NotAnEvent();
            }
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "id" -> id = string(parser, value);
                    case "type" -> type = string(parser, value);
                    case "account" -> account = string(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new NotAnEvent();
            }
        } catch (JacksonException e) {
            throw new NotAnEvent();
        }
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new NotAnEvent();
        }
        return new VerifiedStripeEvent(id, type, account == null || account.isBlank() ? null : account, payload);
    }

    private static String string(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new NotAnEvent();
        }
        return parser.getString();
    }

    /** A body that passed the signature check but is not a Stripe event. */
    public static final class NotAnEvent extends RuntimeException {

        NotAnEvent() {
            super("Body is not a JSON Stripe event", null, false, false);
        }
    }
}
