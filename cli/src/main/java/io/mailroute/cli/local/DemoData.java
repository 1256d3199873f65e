package io.mailroute.cli.local;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.cli.accounts.AccountsFile;
import io.mailroute.cli.accounts.AccountsFileReader;
import io.mailroute.cli.contacts.ContactsFile;
import io.mailroute.cli.contacts.ContactsFileReader;
import io.mailroute.cli.ingest.MailUploader;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The demo, through nothing but the client settings of a cluster: the demo owners
 * ({@code demo/accounts.csv}, source {@value #SOURCE}) published to {@code mail.accounts}, their
 * contacts ({@code demo/contacts.csv}) to {@code mail.contacts}, the demo mails ({@code demo/mails/})
 * uploaded to the bucket, and the wait for their final {@code mail.status}. The files are copied
 * from the class path to a directory first, so that a user can look at what was loaded.
 */
public final class DemoData {
    /** {@code AccountMapping.source} of the demo owners. */
    public static final String SOURCE = "demo";
    /** Key prefix of the demo mails; their mail ids are {@code incoming/demo/<file>}. */
    public static final String PREFIX = LocalDefaults.PREFIX + "demo/";

    private static final String RESOURCES = "/demo/";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ClientSettings client;
    private final Path demoDir;

    /** @param demoDir where the demo files are copied to */
    public DemoData(final ClientSettings client, final Path demoDir) {
        this.client = client;
        this.demoDir = demoDir;
    }

    /** Where the demo file {@code name} ({@code accounts.csv}, {@code mails}, ...) is copied to. */
    public Path file(final String name) {
        return demoDir.resolve(name);
    }

    /** Publishes the demo owners to {@code mail.accounts}. */
    public List<AccountMapping> publishOwners() throws IOException, ExecutionException, InterruptedException {
        final AccountsFile file = AccountsFileReader.read(copy("accounts.csv"), Instant.now());
        if (!file.problems().isEmpty()) {
            throw new IllegalStateException("the demo accounts are invalid: " + file.problems());
        }
        final List<AccountMapping> owners = file.mappings().stream()
                .map(mapping ->
                        AccountMapping.newBuilder(mapping).setSource(SOURCE).build())
                .toList();
        try (SchemaRegistryClient registry = client.registry();
                TopicPublisher publisher = new TopicPublisher(client)) {
            final Topic<String, AccountMapping> accounts =
                    client.topics(registry).accounts();
            owners.forEach(owner -> publisher.send(accounts, owner.getAccountId(), owner));
            publisher.awaitAcks();
        }
        return owners;
    }

    /** Publishes the demo owners' contacts to {@code mail.contacts}. */
    public List<OwnerContacts> publishContacts() throws IOException, ExecutionException, InterruptedException {
        final ContactsFile file = ContactsFileReader.read(copy("contacts.csv"));
        if (!file.problems().isEmpty()) {
            throw new IllegalStateException("the demo contacts are invalid: " + file.problems());
        }
        try (SchemaRegistryClient registry = client.registry();
                TopicPublisher publisher = new TopicPublisher(client)) {
            final Topic<String, OwnerContacts> topic = client.topics(registry).contacts();
            file.contacts().forEach(owner -> publisher.send(topic, owner.getOwnerId(), owner));
            publisher.awaitAcks();
        }
        return file.contacts();
    }

    /** Uploads the demo mails to the bucket below {@value #PREFIX}; returns their mail ids. */
    public List<String> uploadMails() throws IOException, InterruptedException {
        final List<Path> mails = new ArrayList<>();
        for (final String name : resourceLines("mails.txt")) {
            mails.add(copy("mails/" + name));
        }
        try (S3Client s3 = client.s3()) {
            return new MailUploader(s3, client.s3Bucket(), PREFIX, MailUploader.KeyMode.FILENAME)
                    .upload(mails, 4, bytes -> {}).stream()
                            .map(MailUploader.Uploaded::key)
                            .toList();
        }
    }

    /** Waits until every mail in {@code mailIds} has a status other than IN_PROGRESS. */
    public Map<String, MailStatus> awaitTerminal(final List<String> mailIds, final Duration timeout)
            throws InterruptedException {
        final Set<String> wanted = Set.copyOf(mailIds);
        final Map<String, MailStatus> latest = new HashMap<>();
        final TopicReader reader = new TopicReader(client);
        try (SchemaRegistryClient registry = client.registry()) {
            final Topic<String, MailStatus> status = client.topics(registry).status();
            Polling.await("a final mail.status of " + wanted.size() + " demo mails", timeout, () -> {
                reader.readAll(status, wanted::contains, READ_TIMEOUT).stream()
                        .filter(entry -> entry.value() != null)
                        .forEach(entry -> latest.put(entry.key(), entry.value()));
                return wanted.stream()
                        .allMatch(id -> latest.containsKey(id) && latest.get(id).getOutcome() != Outcome.IN_PROGRESS);
            });
        }
        return Map.copyOf(latest);
    }

    private Path copy(final String resource) throws IOException {
        final Path target = demoDir.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = open(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static List<String> resourceLines(final String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
        }
    }

    private static InputStream open(final String resource) {
        final InputStream in = DemoData.class.getResourceAsStream(RESOURCES + resource);
        if (in == null) {
            throw new IllegalStateException(RESOURCES + resource + " is missing from the class path");
        }
        return in;
    }
}
