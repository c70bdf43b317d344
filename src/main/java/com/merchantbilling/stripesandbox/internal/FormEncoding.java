package com.merchantbilling.stripesandbox.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stripe's form encoding: {@code line_items[0][price_data][currency]=jpy}. Flat pairs are kept for exact
 * comparisons (idempotency, test assertions); {@link #nest} builds the object tree the API reads.
 */
public final class FormEncoding {

    private FormEncoding() {
    }

    /** The decoded pairs in request order; a repeated name keeps its last value. */
    public static Map<String, String> parse(String encoded) {
        var pairs = new LinkedHashMap<String, String>();
        if (encoded == null || encoded.isEmpty()) {
            return pairs;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            pairs.put(name, value);
        }
        return pairs;
    }

    /** Order-independent: the same parameters sent in another order are the same request. */
    public static String canonical(Map<String, String> pairs) {
        return pairs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(pair -> pair.getKey() + "=" + pair.getValue())
                .collect(Collectors.joining("&"));
    }

    /**
     * Nested maps of strings; a level whose keys are all indexes ({@code [0]}, {@code [1]} or {@code []})
     * becomes a list in index order.
     */
    public static Map<String, Object> nest(Map<String, String> pairs) {
        var root = new LinkedHashMap<String, Object>();
        for (var pair : pairs.entrySet()) {
            List<String> path = path(pair.getKey());
            Map<String, Object> level = root;
            for (int i = 0; i < path.size() - 1; i++) {
                String segment = path.get(i);
                if (segment.isEmpty()) {
                    segment = String.valueOf(level.size());
                }
                if (!(level.get(segment) instanceof Map<?, ?>)) {
                    level.put(segment, new LinkedHashMap<String, Object>());
                }
                @SuppressWarnings("unchecked")
                var next = (Map<String, Object>) level.get(segment);
                level = next;
            }
            String last = path.getLast();
            level.put(last.isEmpty() ? String.valueOf(level.size()) : last, pair.getValue());
        }
        @SuppressWarnings("unchecked")
        var nested = (Map<String, Object>) listify(root);
        return nested;
    }

    private static Object listify(Object node) {
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        boolean indexed = !map.isEmpty() && map.keySet().stream().allMatch(key -> ((String) key).matches("\\d{1,4}"));
        if (indexed) {
            var list = new ArrayList<Object>();
            map.entrySet().stream()
                    .sorted(Comparator.comparingInt(entry -> Integer.parseInt((String) entry.getKey())))
                    .forEach(entry -> list.add(listify(entry.getValue())));
            return list;
        }
        var result = new LinkedHashMap<String, Object>();
        map.forEach((key, value) -> result.put((String) key, listify(value)));
        return result;
    }

    private static List<String> path(String name) {
        int bracket = name.indexOf('[');
        if (bracket < 0 || !name.endsWith("]")) {
            return List.of(name);
        }
        var path = new ArrayList<String>();
        path.add(name.substring(0, bracket));
        for (String segment : name.substring(bracket + 1, name.length() - 1).split("\\]\\[", -1)) {
            path.add(segment);
        }
        return path;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
