package io.mailroute.runtime.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps method and path to a handler. Templates are literal segments and {@code {name}}
 * parameters, each matching exactly one percent-decoded segment, so that a mail id with a slash
 * (an S3 key such as {@code incoming/abc}) travels as {@code incoming%2Fabc}.
 */
final class Router {

    /** Answers one routed request. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, List<String> template, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    Router get(final String template, final Handler handler) {
        return add("GET", template, handler);
    }

    Router post(final String template, final Handler handler) {
        return add("POST", template, handler);
    }

    private Router add(final String method, final String template, final Handler handler) {
        routes.add(new Route(method, segments(template), handler));
        return this;
    }

    /**
     * The handler's answer; 404 when no template matches the path, 405 (with {@code Allow}) when
     * one matches for another method. Handler exceptions propagate to the caller.
     */
    ApiResponse route(final ApiRequest request) throws Exception {
        final List<String> path = segments(request.rawPath());
        final TreeSet<String> allowed = new TreeSet<>();
        for (final Route route : routes) {
            final Map<String, String> params = match(route.template(), path);
            if (params == null) {
                continue;
            }
            if (route.method().equals(request.method())
                    || "HEAD".equals(request.method()) && "GET".equals(route.method())) {
                return route.handler().handle(request.withParams(params));
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            return ApiResponse.error(405, request.method() + " is not allowed on " + request.rawPath())
                    .withHeader("Allow", String.join(", ", allowed));
        }
        return ApiResponse.error(404, "no such resource: " + request.rawPath());
    }

    private static Map<String, String> match(final List<String> template, final List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        final Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            final String expected = template.get(i);
            final String actual = path.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                final String value = decode(actual);
                if (value.isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), value);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params;
    }

    private static List<String> segments(final String path) {
        final List<String> segments = new ArrayList<>();
        for (final String segment : path.split("/", -1)) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** Percent-decoding of a path segment ('+' stays a plus, unlike form decoding). */
    static String decode(final String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "malformed path segment: " + segment);
        }
    }
}
