package com.merchantbilling.stripesandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the sandbox answers to one HTTP request: status, headers (including Content-Type) and a UTF-8 body. */
public record SandboxResponse(int status, Map<String, String> headers, String body) {

    public SandboxResponse {
        headers = Map.copyOf(headers);
    }

    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
