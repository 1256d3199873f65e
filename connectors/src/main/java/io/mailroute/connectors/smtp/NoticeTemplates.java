package io.mailroute.connectors.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The subject and body templates of notices, per category and locale: {@code <locale>/<name>.subject.txt}
 * and {@code <locale>/<name>.body.txt} (UTF-8), looked up first in {@code templates.dir}, then among the
 * shipped ones (English and Japanese). For an owner's locale {@code ja-JP} the locales tried are
 * {@code ja-jp}, {@code ja}, then {@code templates.default.locale}; within a locale the category's
 * template, then {@code default}. Placeholders are {@code {name}}; unknown ones stay as written.
 */
final class NoticeTemplates {
    static final String RESOURCE_ROOT = "/io/mailroute/connectors/smtp/templates/";
    static final String DEFAULT_NAME = "default";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)\\}");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Optional<Path> dir;
    private final String defaultLocale;
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    NoticeTemplates(final Optional<Path> dir, final String defaultLocale) {
        this.dir = dir;
        this.defaultLocale = normalize(defaultLocale);
        if (dir.isPresent() && !Files.isDirectory(dir.get())) {
            throw new ConnectException("templates.dir " + dir.get() + " is not a directory");
        }
        if (find(List.of(this.defaultLocale), List.of(DEFAULT_NAME), "subject.txt")
                        .isEmpty()
                || find(List.of(this.defaultLocale), List.of(DEFAULT_NAME), "body.txt")
                        .isEmpty()) {
            throw new ConnectException("No default template for templates.default.locale " + defaultLocale
                    + ": provide " + defaultLocale + "/default.subject.txt and default.body.txt in templates.dir");
        }
    }

    /** A rendered notice: subject (one line) and body. */
    record Rendered(String subject, String body, String locale) {}

    /** Renders the subject and body for {@code category} in {@code locale} with {@code values}. */
    Rendered render(final String category, final String locale, final Map<String, String> values) {
        final List<String> locales = locales(locale);
        final List<String> names = names(category);
        final Resolved subject = find(locales, names, "subject.txt").orElseThrow();
        final Resolved body = find(locales, names, "body.txt").orElseThrow();
        return new Rendered(
                substitute(subject.text(), values).strip().replaceAll("[\\r\\n]+", " "),
                substitute(body.text(), values),
                subject.locale());
    }

    /** Renders a fragment ({@code attached}, {@code not-attached}) in the locale of a notice; empty when none exists. */
    String fragment(final String name, final String locale, final Map<String, String> values) {
        return find(locales(locale), List.of(name), "txt")
                .map(r -> substitute(r.text(), values).strip())
                .orElse("");
    }

    static String substitute(final String template, final Map<String, String> values) {
        final Matcher matcher = PLACEHOLDER.matcher(template);
        final StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            final String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private record Resolved(String text, String locale) {}

    private Optional<Resolved> find(final List<String> locales, final List<String> names, final String suffix) {
        for (final String locale : locales) {
            for (final String name : names) {
                final String relative = locale + "/" + name + "." + suffix;
                final Optional<String> text = cache.computeIfAbsent(relative, this::load);
                if (text.isPresent()) {
                    return Optional.of(new Resolved(text.get(), locale));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> load(final String relative) {
        try {
            if (dir.isPresent()) {
                final Path file = dir.get().resolve(relative);
                if (Files.isRegularFile(file)) {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = NoticeTemplates.class.getResourceAsStream(RESOURCE_ROOT + relative)) {
                return in == null
                        ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + relative, e);
        }
    }

    private List<String> locales(final String locale) {
        final List<String> locales = new ArrayList<>(3);
        final String normalized = locale == null ? "" : normalize(locale);
        if (SAFE_NAME.matcher(normalized).matches()) {
            locales.add(normalized);
            final int dash = normalized.indexOf('-');
            if (dash > 0) {
                locales.add(normalized.substring(0, dash));
            }
        }
        if (!locales.contains(defaultLocale)) {
            locales.add(defaultLocale);
        }
        return locales;
    }

    private static List<String> names(final String category) {
        if (category != null && SAFE_NAME.matcher(category).matches() && !category.contains("..")) {
            return List.of(category, DEFAULT_NAME);
        }
        return List.of(DEFAULT_NAME);
    }

    private static String normalize(final String locale) {
        return locale.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
