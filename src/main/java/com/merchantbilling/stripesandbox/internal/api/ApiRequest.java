package com.merchantbilling.stripesandbox.internal.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.SandboxServerFailure;
import com.merchantbilling.stripesandbox.internal.FormEncoding;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.stripe.Stripe;

/**
 * One authenticated request to the API ({@code /v1}) as the resources see it.
 *
 * @param method upper case
 * @param headers any case (a case-insensitive map)
 * @param account the connected account from {@code Stripe-Account}, or null for the platform
 * @param failure the internal error to simulate while executing, {@link SandboxServerFailure#NONE} normally
 */
public record ApiRequest(String method, String path, Map<String, String> headers, String rawQuery, String body,
        String requestId, String account, SandboxServerFailure failure) {

    /** The query string's parameters, nested like Stripe's form encoding ({@code a[b]=c}). */
    public Map<String, Object> query() {
        return FormEncoding.nest(FormEncoding.parse(rawQuery));
    }

    /** The body's parameters, nested. */
    public Map<String, Object> bodyParameters() {
        return FormEncoding.nest(form());
    }

    /** The body's pairs exactly as sent. */
    public Map<String, String> form() {
        return FormEncoding.parse(body);
    }

    public String idempotencyKey() {
        String key = headers.get("Idempotency-Key");
        return key == null || key.isBlank() ? null : key.strip();
    }

    /** Idempotency keys are per connected account; "" is the platform itself. */
    public String idempotencyScope() {
        return account == null ? "" : account;
    }

    /** The headers Stripe sends with every API answer. */
    public Map<String, String> responseHeaders() {
        var response = new LinkedHashMap<String, String>();
        response.put("Content-Type", "application/json");
        response.put("Cache-Control", "no-cache, no-store");
        response.put("Request-Id", requestId);
        response.put("Stripe-Version", Stripe.API_VERSION);
        if (account != null) {
            response.put("Stripe-Account", account);
        }
        String key = headers.get("Idempotency-Key");
        if (key != null && !key.isBlank()) {
            response.put("Idempotency-Key", key);
        }
        return response;
    }

    public SandboxResponse json(int status, Map<String, Object> body) {
        return new SandboxResponse(status, responseHeaders(), Json.write(body));
    }

    public SandboxResponse error(StripeApiError error) {
        return json(error.status(), error.toJson(requestId));
    }
}
