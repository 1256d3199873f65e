package io.mailroute.connectors.smtp;

import io.mailroute.connectors.delivery.DeliveringSinkConnector;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;

/**
 * Delivers {@code mail.notify} to the owners' contacts by SMTP: one notice per (mail, owner), sender
 * by severity, subject and body from templates per category and locale, the original mail
 * attached, a Message-ID derived from (mailId, ownerId). Every outcome is recorded on
 * {@code mail.deliveries}, which each task reads at start so that a notice delivered once is never
 * sent again. Values are Confluent-wire-format Avro (use ByteArrayConverter).
 */
public final class SmtpSinkConnector extends DeliveringSinkConnector {
    @Override
    protected void parse(final Map<String, String> props) {
        new SmtpSinkConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SmtpSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return SmtpSinkConfig.configDef();
    }

    /** The S3 fragment's rules, and no password in clear text to a remote server. */
    @Override
    protected void validateSink(final Map<String, String> connectorConfigs, final Map<String, ConfigValue> values) {
        SmtpSinkConfig.S3.validate(values);
        final ConfigValue user = values.get(SmtpSinkConfig.USERNAME_CONFIG);
        final String username = connectorConfigs.getOrDefault(SmtpSinkConfig.USERNAME_CONFIG, "");
        final String security = connectorConfigs.getOrDefault(SmtpSinkConfig.SECURITY_CONFIG, "");
        if (!username.isBlank() && "none".equalsIgnoreCase(security.trim()) && !isLocal(connectorConfigs)) {
            user.addErrorMessage(SmtpSinkConfig.USERNAME_CONFIG + " would send the password in clear text: use "
                    + SmtpSinkConfig.SECURITY_CONFIG + "=starttls or smtps");
        }
    }

    private static boolean isLocal(final Map<String, String> props) {
        final String host = props.getOrDefault(SmtpSinkConfig.HOST_CONFIG, "");
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
