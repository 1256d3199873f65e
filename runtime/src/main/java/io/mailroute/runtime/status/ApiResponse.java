package io.mailroute.runtime.status;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, content type, body and extra headers. */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(final int status, final Object value) {
        return new ApiResponse(status, JSON, Json.bytes(value), Map.of());
    }

    static ApiResponse ok(final Object value) {
        return json(200, value);
    }

    /** A JSON error body {@code {"error": message}}. */
    static ApiResponse error(final int status, final String message) {
        return json(status, Map.of("error", message));
    }

    static ApiResponse text(final int status, final String contentType, final String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    ApiResponse withHeader(final String name, final String value) {
        final Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
