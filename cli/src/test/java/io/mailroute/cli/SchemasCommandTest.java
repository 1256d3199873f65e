package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import io.mailroute.schemas.topics.MailTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailroute schemas register|check} against the in-process registry over HTTP. */
class SchemasCommandTest {
    private static final int SUBJECTS = MailTopic.values().length;

    @TempDir
    Path dir;

    private LocalSchemaRegistry registry;
    private SchemaRegistryServer server;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = LocalSchemaRegistry.inMemory();
        server = SchemaRegistryServer.start(registry, "127.0.0.1", 0, Optional.empty());
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }

    @Test
    void shouldReportEverySubjectMissingInAnEmptyRegistry() {
        // when
        final CommandRun run = CommandRun.of("schemas", "check", "--schema-registry", server.url());

        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out())
                .contains("mail.raw-value", "mail.sent-counts-value", "missing")
                .contains(SUBJECTS + " subject(s) need attention");
    }

    @Test
    void shouldRegisterEverySubjectSoThatTheCheckPasses() {
        // when
        final CommandRun register = CommandRun.of("schemas", "register", "--schema-registry", server.url());
        final CommandRun check = CommandRun.of("schemas", "check", "--schema-registry", server.url());

        // then
        assertThat(register.exitCode()).as(register.err()).isZero();
        assertThat(registry.subjects()).hasSize(SUBJECTS).contains("mail.raw-value", "mail.notify-value");
        final int rawId = registry.latest("mail.raw-value").id();
        assertThat(register.out())
                .containsPattern("mail\\.raw-value\\s+" + rawId + "\\s+io\\.mailroute\\.avro\\.RawMail");
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).contains("all schemas registered and compatible");
    }

    @Test
    void shouldNameSubjectsAfterTheConfiguredTopicNames() throws IOException {
        // given
        final Path config = Files.writeString(dir.resolve("client.properties"), "mailroute.topic.prefix=tenant1.\n");

        // when
        final CommandRun run =
                CommandRun.of("schemas", "register", "--schema-registry", server.url(), "--config", config.toString());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(registry.subjects()).hasSize(SUBJECTS).allMatch(subject -> subject.startsWith("tenant1.mail."));
    }

    @Test
    void shouldFailTheCheckAndTheRegistrationOfAnIncompatibleSchema() {
        // given: an earlier MailStatus this version cannot read (BACKWARD, the registry's default)
        registry.register("mail.status-value", new Schema.Parser().parse("""
                {"type":"record","name":"MailStatus","namespace":"io.mailroute.avro",
                 "fields":[{"name":"legacy","type":"int"}]}"""));

        // when
        final CommandRun check = CommandRun.of("schemas", "check", "--schema-registry", server.url());
        final CommandRun register = CommandRun.of("schemas", "register", "--schema-registry", server.url());

        // then
        assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(check.out())
                .containsPattern("mail\\.status-value\\s+-\\s+incompatible with the latest version: .*"
                        + "READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains(SUBJECTS + " subject(s) need attention");
        assertThat(register.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(register.err()).contains("refused");
    }

    @Test
    void shouldExitUnreachableWhenNoRegistryAnswers() {
        // given
        final String url = server.url();
        server.close();

        // when
        final CommandRun run = CommandRun.of("schemas", "check", "--schema-registry", url);

        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("did not answer");
    }
}
