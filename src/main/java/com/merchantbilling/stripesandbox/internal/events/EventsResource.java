package com.merchantbilling.stripesandbox.internal.events;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongPredicate;

import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.StripeObjects;
import com.merchantbilling.stripesandbox.internal.api.ApiRequest;
import com.merchantbilling.stripesandbox.internal.api.ListPages;
import com.merchantbilling.stripesandbox.internal.store.SandboxEvent;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;

/**
 * Stripe's Events resource: {@code GET /v1/events} and {@code GET /v1/events/{id}}, on the request's account.
 * As Stripe's API reference ("List all events", docs.stripe.com/api/events/list) and stripe-java 33.3.0's
 * {@code EventListParams} describe it: newest first, going back up to 30 days; filters {@code type} (one name, or
 * a group with {@code *} as a wildcard), {@code types} (up to 20 names; not together with {@code type}),
 * {@code created} (a timestamp or {@code gt}/{@code gte}/{@code lt}/{@code lte}), {@code delivery_success}
 * ("If false, events which are still pending or have failed all delivery attempts to a webhook endpoint will be
 * returned"; the sandbox counts an event that had no endpoint to go to as not delivered), and the usual
 * {@code limit}, {@code starting_after}, {@code ending_before}.
 */
public final class EventsResource {

    /** Stripe's retention for listing: "List events, going back up to 30 days." */
    public static final Duration RETENTION = Duration.ofDays(30);

    private static final Set<String> LIST_PARAMS = Set.of("created", "delivery_success", "ending_before", "expand",
            "limit", "starting_after", "type", "types");
    private static final Set<String> RANGE_KEYS = Set.of("gt", "gte", "lt", "lte");

    private final SandboxStore store;
    private final Clock clock;

    public EventsResource(SandboxStore store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    public SandboxResponse retrieve(ApiRequest request, String id) {
        var event = store.findEvent(id)
                .filter(found -> Objects.equals(found.account(), request.account()))
                .filter(found -> found.created() >= oldestListed())
                .orElseThrow(() -> StripeApiError.notFound("event", id, "id"));
        return request.json(200, Json.readObject(event.payload()));
    }

    public SandboxResponse list(ApiRequest request) {
        var params = request.query();
        ListPages.refuseUnknown(params, LIST_PARAMS);
        int limit = ListPages.limit(params);
        var types = types(params);
        var created = created(params.get("created"));
        var delivered = deliverySuccess(params.get("delivery_success"));
        var all = new ArrayList<SandboxEvent>();
        for (var event : store.events(request.account(), oldestListed())) {
            if (types.stream().anyMatch(type -> matches(type, event.type())) && created.test(event.created())
                    && (delivered == null || delivered == event.delivered())) {
                all.add(event);
            }
        }
        int from = 0;
        int to = all.size();
        if (params.get("starting_after") instanceof String after && !after.isEmpty()) {
            from = indexOf(all, after, "starting_after") + 1;
        } else if (params.get("ending_before") instanceof String before && !before.isEmpty()) {
            to = indexOf(all, before, "ending_before");
            from = Math.max(0, to - limit);
        }
        // only the page's payloads are read back: a long list costs the page, not the whole log
        var data = new ArrayList<Map<String, Object>>();
        for (var event : all.subList(from, Math.min(to, from + limit))) {
            data.add(Json.readObject(event.payload()));
        }
        boolean hasMore = from + limit < to || params.get("ending_before") != null && from > 0;
        return request.json(200, StripeObjects.list(data, hasMore, "/v1/events"));
    }

    private long oldestListed() {
        return clock.instant().minus(RETENTION).getEpochSecond();
    }

    private static List<String> types(Map<String, Object> params) {
        Object type = params.get("type");
        Object types = params.get("types");
        if (type != null && types != null) {
            throw StripeApiError.invalid("You may pass either `type` or `types`, but not both.", "types", null);
        }
        if (type instanceof String one && !one.isEmpty()) {
            return List.of(one);
        }
        if (type != null) {
            throw StripeApiError.invalid("Invalid string: type", "type", null);
        }
        if (types == null) {
            return List.of("*");
        }
        if (!(types instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(String.class::isInstance)) {
            throw StripeApiError.invalid("Invalid array: types", "types", null);
        }
        if (list.size() > 20) {
            throw StripeApiError.invalid("types may contain at most 20 event types.", "types", null);
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** {@code *} matches any run of characters, as in {@code charge.dispute.*}. */
    private static boolean matches(String pattern, String type) {
        if (!pattern.contains("*")) {
            return pattern.equals(type);
        }
        var regex = java.util.Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return type.matches(regex);
    }

    private static LongPredicate created(Object created) {
        if (created == null) {
            return at -> true;
        }
        if (created instanceof String exact) {
            long at = timestamp(exact, "created");
            return value -> value == at;
        }
        if (!(created instanceof Map<?, ?> range) || range.isEmpty()) {
            throw StripeApiError.invalid("Invalid timestamp or range: created", "created", null);
        }
        LongPredicate test = at -> true;
        for (var entry : range.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!RANGE_KEYS.contains(key)) {
                throw StripeApiError.invalid("Received unknown parameter: created[" + key + "]", "created[" + key + "]",
                        "parameter_unknown");
            }
            long bound = timestamp(entry.getValue(), "created[" + key + "]");
            LongPredicate one = switch (key) {
                case "gt" -> at -> at > bound;
                case "gte" -> at -> at >= bound;
                case "lt" -> at -> at < bound;
                default -> at -> at <= bound;
            };
            test = test.and(one);
        }
        return test;
    }

    private static long timestamp(Object value, String param) {
        try {
            return Long.parseLong((String) value);
        } catch (ClassCastException | NumberFormatException e) {
            throw StripeApiError.invalid("Invalid integer: " + value, param, null);
        }
    }

    private static Boolean deliverySuccess(Object value) {
        if (value == null) {
            return null;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf((String) value);
        }
        throw StripeApiError.invalid("Invalid boolean: " + value, "delivery_success", null);
    }

    private static int indexOf(List<SandboxEvent> all, String id, String param) {
        for (int i = 0; i < all.size(); i++) {
            if (id.equals(all.get(i).id())) {
                return i;
            }
        }
        throw StripeApiError.invalid("No such event: '" + id + "'", param, "resource_missing");
    }
}
