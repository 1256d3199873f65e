package io.mailroute.runtime.command;

import io.mailroute.runtime.client.ClientSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where a command finds the cluster: the same defaults as {@code mailroute local} and
 * docker-compose, overridable by options, environment variables or a properties file (client
 * security settings, {@code mailroute.topic.*} names, registry auth).
 */
public final class ClusterOptions {

    @Option(
            names = "--bootstrap-server",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:MAILROUTE_BOOTSTRAP_SERVER:-localhost:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            defaultValue = "${env:MAILROUTE_SCHEMA_REGISTRY:-http://localhost:8081}",
            description = "Schema registry URL (default: ${DEFAULT-VALUE}).")
    String schemaRegistry;

    @Option(
            names = "--s3-endpoint",
            paramLabel = "URL",
            description = "S3 endpoint; 'aws' for the AWS endpoint of the region (default: s3.endpoint of --config, "
                    + "MAILROUTE_S3_ENDPOINT, else http://localhost:9000).")
    String s3Endpoint;

    @Option(
            names = "--s3-bucket",
            paramLabel = "BUCKET",
            defaultValue = "${env:MAILROUTE_S3_BUCKET:-mail-inbound}",
            description = "Bucket mail lands in (default: ${DEFAULT-VALUE}).")
    String s3Bucket;

    @Option(
            names = "--s3-region",
            paramLabel = "REGION",
            description =
                    "S3 region (default: s3.region of --config, MAILROUTE_S3_REGION, AWS_REGION, " + "else us-east-1).")
    String s3Region;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with Kafka client settings (security.protocol, sasl.*, ...), "
                    + "schema registry auth (basic.auth.user.info), mailroute.topic.* names and the s3.* keys "
                    + "(s3.access.key.id, s3.secret.access.key, s3.endpoint, ...; also as MAILROUTE_S3_* variables).")
    Path configFile;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistry() {
        return schemaRegistry;
    }

    public String s3Bucket() {
        return s3Bucket;
    }

    /** The resolved settings: options first, then the properties file, then defaults. */
    public ClientSettings settings() {
        final Map<String, String> fileProps = new LinkedHashMap<>();
        if (configFile != null) {
            final Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + configFile + ": " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(name -> fileProps.put(name, properties.getProperty(name)));
        }
        return new ClientSettings(bootstrapServers, schemaRegistry, s3Endpoint, s3Bucket, s3Region, fileProps);
    }
}
