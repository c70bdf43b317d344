package com.merchantbilling.stripesandbox.internal;

import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Stripe's JSON: nulls written out, pretty-printed. Its own mapper, not the application's. */
public final class Json {

    private static final JsonMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    public static String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    public static Map<String, Object> readObject(String json) {
        return mapper.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    public static Map<String, String> readStrings(String json) {
        return mapper.readValue(json, new TypeReference<Map<String, String>>() { });
    }

    public static <T> List<T> readList(String json, Class<T> element) {
        return mapper.readValue(json, mapper.getTypeFactory().constructCollectionType(List.class, element));
    }
}
