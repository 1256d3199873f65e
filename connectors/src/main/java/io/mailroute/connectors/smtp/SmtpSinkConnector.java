package io.mailroute.connectors.smtp;

import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.RegistryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Delivers {@code mail.notify} to the owners' contacts by SMTP: one notice per (mail, owner), sender
 * by severity, subject and body from templates per category and locale, the original mail
 * attached, a Message-ID derived from (mailId, ownerId). Every outcome is recorded on
 * {@code mail.deliveries}, which each task reads at start so that a notice delivered once is never
 * sent again. Values are Confluent-wire-format Avro (use ByteArrayConverter).
 */
public final class SmtpSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        this.props = Map.copyOf(props);
        new SmtpSinkConfig(this.props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SmtpSinkTask.class;
    }

    /** {@code maxTasks} identical tasks: the worker splits the notify partitions among them. */
    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        final List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int task = 0; task < maxTasks; task++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing to release: tasks own the clients
    }

    @Override
    public ConfigDef config() {
        return SmtpSinkConfig.configDef();
    }

    /** Field validation, the S3 fragment's rules, and that values reach the task as the bytes written. */
    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        final Config config = super.validate(connectorConfigs);
        final Map<String, ConfigValue> values =
                config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        SmtpSinkConfig.S3.validate(values);
        RegistryConfig.validate(connectorConfigs, values);
        final ConfigValue user = values.get(SmtpSinkConfig.USERNAME_CONFIG);
        final String username = connectorConfigs.getOrDefault(SmtpSinkConfig.USERNAME_CONFIG, "");
        final String security = connectorConfigs.getOrDefault(SmtpSinkConfig.SECURITY_CONFIG, "");
        if (!username.isBlank() && "none".equalsIgnoreCase(security.trim()) && !isLocal(connectorConfigs)) {
            user.addErrorMessage(SmtpSinkConfig.USERNAME_CONFIG + " would send the password in clear text: use "
                    + SmtpSinkConfig.SECURITY_CONFIG + "=starttls or smtps");
        }
        return config;
    }

    private static boolean isLocal(final Map<String, String> props) {
        final String host = props.getOrDefault(SmtpSinkConfig.HOST_CONFIG, "");
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
