package com.merchantbilling.stripesandbox.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.RequestMapping;

import com.merchantbilling.stripesandbox.SandboxStripe;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Adapts servlet requests under {@value SandboxStripe#MOUNT_PATH} to the sandbox. It takes every path there,
 * so an unknown one gets the sandbox's 404 rather than falling through to Vaadin's catch-all mapping.
 */
@Controller
@ConditionalOnBooleanProperty("stripe.sandbox.enabled")
class StripeSandboxController {

    private final SandboxStripe sandbox;

    StripeSandboxController(SandboxStripe sandbox) {
        this.sandbox = sandbox;
    }

    @RequestMapping({ SandboxStripe.MOUNT_PATH, SandboxStripe.MOUNT_PATH + "/**" })
    ResponseEntity<byte[]> handle(HttpServletRequest request) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        path = path.length() > SandboxStripe.MOUNT_PATH.length() ? path.substring(SandboxStripe.MOUNT_PATH.length())
                : "/";
        var headers = new LinkedHashMap<String, String>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        var response = sandbox.handle(request.getMethod(), path, headers, request.getQueryString(), body(request));
        var responseHeaders = new HttpHeaders();
        response.headers().forEach(responseHeaders::set);
        return ResponseEntity.status(response.status()).headers(responseHeaders).body(response.bodyBytes());
    }

    /**
     * The raw body; if a filter has already parsed a form post into parameters (which consumes the stream),
     * the form is re-encoded from them, minus the query string's own parameters.
     */
    private static String body(HttpServletRequest request) throws IOException {
        String body = StreamUtils.copyToString(request.getInputStream(), StandardCharsets.UTF_8);
        if (!body.isEmpty() || !isForm(request)) {
            return body;
        }
        Map<String, String[]> parameters = request.getParameterMap();
        var fromQuery = request.getQueryString() == null ? Map.<String, String>of()
                : FormEncoding.parse(request.getQueryString());
        return parameters.entrySet().stream()
                .filter(parameter -> !fromQuery.containsKey(parameter.getKey()))
                .flatMap(parameter -> Arrays.stream(parameter.getValue())
                        .map(value -> encode(parameter.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"));
    }

    private static boolean isForm(HttpServletRequest request) {
        return request.getContentType() != null
                && request.getContentType().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
