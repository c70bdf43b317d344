package com.merchantbilling.stripesandbox.internal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.StripeObjects;

/** Stripe's list endpoints: known parameters only, {@code limit} 1..100 (default 10), cursor pagination. */
public final class ListPages {

    private ListPages() {
    }

    /** Refuses a parameter the endpoint does not take, as Stripe does. */
    public static void refuseUnknown(Map<String, Object> params, Set<String> known) {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw StripeApiError.invalid("Received unknown parameter: " + name, name, "parameter_unknown");
            }
        }
    }

    /** One page of a newest-first list, with Stripe's starting_after / ending_before cursors. */
    public static Map<String, Object> page(List<Map<String, Object>> all, Map<String, Object> params, String url) {
        int limit = limit(params);
        int from = 0;
        int to = all.size();
        if (params.get("starting_after") instanceof String after && !after.isEmpty()) {
            from = indexOf(all, after, "starting_after") + 1;
        } else if (params.get("ending_before") instanceof String before && !before.isEmpty()) {
            to = indexOf(all, before, "ending_before");
            from = Math.max(0, to - limit);
        }
        var data = new ArrayList<>(all.subList(from, Math.min(to, from + limit)));
        boolean hasMore = from + limit < to || params.get("ending_before") != null && from > 0;
        return StripeObjects.list(data, hasMore, url);
    }

    /** Checked before the list is read, so a bad limit is refused whatever else is wrong later. */
    public static int limit(Map<String, Object> params) {
        Object value = params.get("limit");
        if (value == null) {
            return 10;
        }
        try {
            int limit = Integer.parseInt((String) value);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (ClassCastException | NumberFormatException e) {
            // answered below
        }
        throw StripeApiError.invalid("Invalid limit: must be an integer between 1 and 100.", "limit", null);
    }

    private static int indexOf(List<Map<String, Object>> all, String id, String param) {
        for (int i = 0; i < all.size(); i++) {
            if (id.equals(all.get(i).get("id"))) {
                return i;
            }
        }
        throw StripeApiError.invalid("No such object: '" + id + "'", param, "resource_missing");
    }
}
