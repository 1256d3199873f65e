package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.s3.S3Settings;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** The builder options a stack of no servers shows: existing registry and S3, steps before the app, refusals. */
class MailrouteStackTest {
    private static final S3Settings ELSEWHERE = S3Settings.forEndpoint(
            URI.create("http://127.0.0.1:9"), "eu-west-1", AwsBasicCredentials.create("key-id", "elsewhere-secret"));

    @Test
    void shouldGiveItsClientsTheExistingRegistryAndS3() throws Exception {
        // when
        try (MailrouteStack stack = MailrouteStack.builder()
                .existingRegistry("mock://MailrouteStackTest")
                .existingS3(ELSEWHERE)
                .start()) {

            // then
            final ClientSettings client = stack.client();
            assertThat(client.schemaRegistry()).isEqualTo("mock://MailrouteStackTest");
            assertThat(client.serde()).containsEntry("schema.registry.url", "mock://MailrouteStackTest");
            assertThat(client.s3Bucket()).isEqualTo(LocalDefaults.BUCKET);
            final S3Settings s3 = client.s3Settings();
            assertThat(s3.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9"));
            assertThat(s3.region()).isEqualTo("eu-west-1");
            assertThat(s3.pathStyleAccess()).isTrue();
            assertThat(s3.credentials().accessKeyId()).isEqualTo("key-id");
            assertThat(s3.credentials().secretAccessKey()).isEqualTo("elsewhere-secret");
            assertThat(stack.s3Settings()).isSameAs(ELSEWHERE);
            assertThat(stack.urls()).containsOnlyKeys("data dir");
        }
    }

    @Test
    void shouldRunTheStepsBeforeTheAppInOrderWithTheStacksClients() throws Exception {
        // given
        final List<String> ran = new ArrayList<>();
        final AtomicReference<ClientSettings> seen = new AtomicReference<>();

        // when
        try (MailrouteStack stack = MailrouteStack.builder()
                .existingRegistry("mock://MailrouteStackTest")
                .beforeApp(client -> {
                    ran.add("first");
                    seen.set(client);
                })
                .beforeApp(client -> ran.add("second"))
                .start()) {

            // then
            assertThat(ran).containsExactly("first", "second");
            assertThat(seen).hasValue(stack.client());
        }
    }

    @Test
    void shouldFailToStartWhenAStepFails() {
        assertThatThrownBy(() -> MailrouteStack.builder()
                        .beforeApp(client -> {
                            throw new IllegalStateException("step failed");
                        })
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("step failed");
    }

    @Test
    void shouldRefuseARegistryOfItsOwnBesideAnExistingOne() {
        assertThatThrownBy(() -> MailrouteStack.builder()
                        .registry()
                        .existingRegistry("mock://x")
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a stack starts a schema registry or uses an existing one, not both");
    }

    @Test
    void shouldRefuseAnS3OfItsOwnBesideAnExistingOne() {
        assertThatThrownBy(() -> MailrouteStack.builder()
                        .s3InMemory()
                        .existingS3(ELSEWHERE)
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a stack starts an S3 endpoint or uses an existing one, not both");
    }

    @Test
    void shouldNeedABrokerForTheAppAlsoWithAnExistingRegistry() {
        assertThatThrownBy(() -> MailrouteStack.builder()
                        .existingRegistry("mock://x")
                        .app()
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("topics, rules, Connect and the app need a broker");
    }

    @Test
    void shouldRefuseAStatusServerWithoutTheApp() {
        assertThatThrownBy(() -> MailrouteStack.builder()
                        .existingRegistry("mock://x")
                        .statusServer(StatusServer.Settings.local())
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the status server serves the app");
    }

    @Test
    void shouldNameNoS3WhenItNeitherRunsNorKnowsOne() throws Exception {
        try (MailrouteStack stack = MailrouteStack.builder().start()) {
            assertThatThrownBy(stack::s3Settings)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("this stack runs no s3");
            assertThat(Files.isDirectory(stack.dataDir())).isTrue();
        }
    }
}
