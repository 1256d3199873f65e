package io.mailroute.stack;

import io.mailroute.runtime.client.LocalDefaults;
import java.util.HashMap;
import java.util.Map;

/**
 * The ports a {@link MailrouteStack}'s services listen on. Port 0 picks a free port, which a stack
 * remembers in its data directory and takes again on its next start; {@link #LOCAL} are the ports
 * docker-compose uses.
 *
 * @param kafka      the broker's client port
 * @param controller the KRaft controller's port
 * @param registry   the schema registry's port
 * @param s3         the S3 endpoint's port
 * @param connect    the Connect worker's REST port
 * @param smtp       the SMTP capture server's port
 * @param sqs        the SQS endpoint's port (the bucket's notifications)
 */
public record StackPorts(int kafka, int controller, int registry, int s3, int connect, int smtp, int sqs) {
    /** A free port for every service (tests). */
    public static final StackPorts FREE = new StackPorts(0, 0, 0, 0, 0, 0, 0);
    /** The docker-compose ports: what {@code mailroute local} listens on by default. */
    public static final StackPorts LOCAL = new StackPorts(
            LocalDefaults.KAFKA_PORT,
            LocalDefaults.CONTROLLER_PORT,
            LocalDefaults.REGISTRY_PORT,
            LocalDefaults.S3_PORT,
            LocalDefaults.CONNECT_PORT,
            LocalDefaults.SMTP_PORT,
            LocalDefaults.SQS_PORT);

    /** @throws IllegalArgumentException when a port is out of range or two services share one */
    public StackPorts {
        final Map<Integer, String> taken = new HashMap<>();
        check("kafka", kafka, taken);
        check("controller", controller, taken);
        check("schema registry", registry, taken);
        check("s3", s3, taken);
        check("connect", connect, taken);
        check("smtp", smtp, taken);
        check("sqs", sqs, taken);
    }

    /** These ports, each 0 replaced by the port of {@code remembered}. */
    StackPorts orElse(final StackPorts remembered) {
        return new StackPorts(
                kafka != 0 ? kafka : remembered.kafka,
                controller != 0 ? controller : remembered.controller,
                registry != 0 ? registry : remembered.registry,
                s3 != 0 ? s3 : remembered.s3,
                connect != 0 ? connect : remembered.connect,
                smtp != 0 ? smtp : remembered.smtp,
                sqs != 0 ? sqs : remembered.sqs);
    }

    private static void check(final String name, final int port, final Map<Integer, String> taken) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " port " + port + " is not in 0..65535");
        }
        if (port != 0) {
            final String other = taken.putIfAbsent(port, name);
            if (other != null) {
                throw new IllegalArgumentException(name + " port " + port + " is the " + other + " port already");
            }
        }
    }
}
