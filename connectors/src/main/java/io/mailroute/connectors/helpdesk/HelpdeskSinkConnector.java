package io.mailroute.connectors.helpdesk;

import io.mailroute.connectors.common.LowerCaseEnums;
import io.mailroute.connectors.delivery.DeliveringSinkConnector;
import io.mailroute.connectors.helpdesk.HelpdeskSinkConfig.Kind;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;

/**
 * Opens, updates and closes helpdesk tickets from {@code mail.ticket}, by {@code helpdesk.kind}:
 * {@code zendesk} (tickets with {@code external_id} = the ticket key) or {@code backlog} (issues
 * whose summary starts with {@code [<ticketKey>]}). A ticket is always looked up by its key before
 * one is created, so a key never gets a second ticket. Every outcome is recorded on
 * {@code mail.deliveries}, which each task reads at start so that a record applied once is never
 * applied again. Values are Confluent-wire-format Avro (use ByteArrayConverter).
 */
public final class HelpdeskSinkConnector extends DeliveringSinkConnector {
    @Override
    protected void parse(final Map<String, String> props) {
        new HelpdeskSinkConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HelpdeskSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return HelpdeskSinkConfig.configDef();
    }

    /** The keys the kind needs. */
    @Override
    protected void validateSink(final Map<String, String> connectorConfigs, final Map<String, ConfigValue> values) {
        final Kind kind;
        try {
            kind = LowerCaseEnums.parse(Kind.class, connectorConfigs.getOrDefault(HelpdeskSinkConfig.KIND_CONFIG, ""));
        } catch (IllegalArgumentException e) {
            return; // reported by the kind's validator
        }
        for (final String key : HelpdeskSinkConfig.required(kind)) {
            if (HelpdeskSinkConfig.missing(key, connectorConfigs)) {
                values.get(key)
                        .addErrorMessage(key + " is required with " + HelpdeskSinkConfig.KIND_CONFIG + "="
                                + kind.name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
