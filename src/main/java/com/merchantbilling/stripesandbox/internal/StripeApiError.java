package com.merchantbilling.stripesandbox.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request Stripe would refuse, with the fields of Stripe's error object. Thrown while handling a request
 * and turned into {@code {"error": {...}}} with the HTTP status.
 */
public final class StripeApiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public StripeApiError(int status, String type, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    public static StripeApiError invalid(String message, String param, String code) {
        return new StripeApiError(400, "invalid_request_error", message, param, code);
    }

    public static StripeApiError missing(String param) {
        return invalid("Missing required param: " + param + ".", param, "parameter_missing");
    }

    public static StripeApiError notFound(String objectName, String id, String param) {
        return new StripeApiError(404, "invalid_request_error", "No such " + objectName + ": '" + id + "'", param,
                "resource_missing");
    }

    public static StripeApiError unrecognizedUrl(String method, String path) {
        return new StripeApiError(404, "invalid_request_error", "Unrecognized request URL (" + method + ": " + path
                + "). The Stripe sandbox of Merchant Billing only implements the calls the application makes.",
                null, null);
    }

    /** The simulated internal error of fault injection. */
    public static StripeApiError serverFault() {
        return new StripeApiError(500, "api_error", "An unknown error occurred (Stripe sandbox fault).", null, null);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> toJson(String requestId) {
        var error = new LinkedHashMap<String, Object>();
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        error.put("request_log_url", null);
        error.put("type", type);
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        return body;
    }
}
