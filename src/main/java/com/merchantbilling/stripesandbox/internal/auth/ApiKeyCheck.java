package com.merchantbilling.stripesandbox.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import com.merchantbilling.stripesandbox.internal.StripeApiError;

/** The API's key check: one secret key, presented as Stripe accepts it, compared in constant time. */
public final class ApiKeyCheck {

    private final byte[] secretKey;

    public ApiKeyCheck(String secretKey) {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("The sandbox needs the secret key its clients use");
        }
        this.secretKey = secretKey.getBytes(StandardCharsets.UTF_8);
    }

    /** Throws Stripe's 401 unless {@code Authorization} carries the key. */
    public void authenticate(Map<String, String> headers) {
        String authorization = headers.get("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new StripeApiError(401, "invalid_request_error", "You did not provide an API key. You need to "
                    + "provide your API key in the Authorization header, using Bearer auth (e.g. "
                    + "'Authorization: Bearer YOUR_SECRET_KEY').", null, null);
        }
        String key = presentedKey(authorization.strip());
        if (!MessageDigest.isEqual(secretKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw new StripeApiError(401, "invalid_request_error", "Invalid API Key provided: " + masked(key), null,
                    null);
        }
    }

    /** Bearer, or Basic with the key as the user name: Stripe accepts both. */
    private static String presentedKey(String authorization) {
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String user = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = user.indexOf(':');
                return colon < 0 ? user : user.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return authorization;
    }

    /** As Stripe shows it: the prefix and the last four characters. */
    private static String masked(String key) {
        if (key.length() <= 12) {
            return "*".repeat(key.length());
        }
        int prefix = key.indexOf('_', key.indexOf('_') + 1) + 1;
        prefix = prefix <= 0 || prefix > 8 ? 0 : prefix;
        return key.substring(0, prefix) + "*".repeat(key.length() - prefix - 4) + key.substring(key.length() - 4);
    }
}
