package io.mailroute.runtime.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The status page's files, read once from the jar: plain HTML, CSS and JavaScript, no build step. */
final class StaticFiles {
    private static final String BASE = "/io/mailroute/runtime/status/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "status.css", "text/css; charset=utf-8",
            "status.js", "text/javascript; charset=utf-8");

    private final Map<String, ApiResponse> files;

    private StaticFiles(final Map<String, ApiResponse> files) {
        this.files = files;
    }

    static StaticFiles load() {
        final Map<String, ApiResponse> files = new HashMap<>();
        TYPES.forEach((name, type) -> files.put(
                name,
                new ApiResponse(
                        200,
                        type,
                        read(name),
                        Map.of(
                                "Content-Security-Policy",
                                "default-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'"))));
        return new StaticFiles(Map.copyOf(files));
    }

    ApiResponse get(final String name) {
        final ApiResponse file = files.get(name);
        if (file == null) {
            throw new ApiException(404, "no such file: " + name);
        }
        return file;
    }

    private static byte[] read(final String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("status page file " + BASE + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
