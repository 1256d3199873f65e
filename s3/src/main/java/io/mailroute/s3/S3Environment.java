package io.mailroute.s3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The environment variables of the S3 keys, one per key of {@link S3ConfigFragment}: the key in
 * upper case with {@code _} for {@code .}, after {@value #VARIABLE_PREFIX} ({@code s3.endpoint} is
 * {@code MAILROUTE_S3_ENDPOINT}, {@code s3.access.key.id} is {@code MAILROUTE_S3_ACCESS_KEY_ID}).
 * The region falls back to the AWS SDK's own {@value #AWS_REGION}.
 */
public final class S3Environment {
    public static final String VARIABLE_PREFIX = "MAILROUTE_";
    /** The AWS SDK's region variable, read when {@code MAILROUTE_S3_REGION} is not set. */
    public static final String AWS_REGION = "AWS_REGION";

    private S3Environment() {}

    /** The variable of {@code key}, one of {@link S3ConfigFragment#KEYS}. */
    public static String variable(final String key) {
        return VARIABLE_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Every variable read, in key order, {@value #AWS_REGION} last. */
    public static List<String> variables() {
        return Stream.concat(S3ConfigFragment.KEYS.stream().map(S3Environment::variable), Stream.of(AWS_REGION))
                .toList();
    }

    /** The unprefixed keys the variables set in {@code environment} give. */
    public static Map<String, String> properties(final Map<String, String> environment) {
        final Map<String, String> props = new LinkedHashMap<>();
        for (final String key : S3ConfigFragment.KEYS) {
            final String value = environment.get(variable(key));
            if (value != null) {
                props.put(key, value);
            }
        }
        final String awsRegion = environment.get(AWS_REGION);
        if (awsRegion != null && !awsRegion.isBlank()) {
            props.putIfAbsent(S3ConfigFragment.REGION_CONFIG, awsRegion);
        }
        return props;
    }
}
