package io.mailroute.runtime.command;

import io.mailroute.runtime.app.MailrouteVersion;
import picocli.CommandLine.IVersionProvider;

/** The {@code --version} lines, from {@link MailrouteVersion}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        final MailrouteVersion version = MailrouteVersion.current();
        return new String[] {
            "mailroute " + version.mailroute(),
            "Kafka " + version.kafka() + ", Avro " + version.avro() + ", Java " + System.getProperty("java.version")
        };
    }
}
