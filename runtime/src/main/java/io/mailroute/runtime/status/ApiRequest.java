package io.mailroute.runtime.status;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the routes see it: method, raw path, headers by lower-case name (first
 * value) and the decoded path parameters of the matching route.
 */
record ApiRequest(String method, String rawPath, Map<String, String> headers, Map<String, String> params) {

    ApiRequest {
        headers = Map.copyOf(headers);
        params = Map.copyOf(params);
    }

    static ApiRequest of(final String method, final String rawPath, final Map<String, String> headers) {
        return new ApiRequest(method.toUpperCase(Locale.ROOT), rawPath, headers, Map.of());
    }

    ApiRequest withParams(final Map<String, String> matched) {
        return new ApiRequest(method, rawPath, headers, matched);
    }

    Optional<String> header(final String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    String param(final String name) {
        final String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return value;
    }

    /** True for methods that change state (everything but GET and HEAD). */
    boolean changesState() {
        return !"GET".equals(method) && !"HEAD".equals(method);
    }
}
