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
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.MailTopology;
import io.mailroute.topology.owner.AddressNormalizer;
import io.mailroute.topology.owner.ContactsIndex;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.owner.Owners;
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
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code mailroute local --demo}: publishes the demo owners ({@code demo/accounts.csv}, source
 * {@value #SOURCE}) to {@code mail.accounts} and their contacts ({@code demo/contacts.csv}) to
 * {@code mail.contacts}, uploads the demo mails ({@code demo/mails/}) to the bucket once per data
 * directory, and waits until each has a terminal {@code mail.status}.
 */
public final class DemoLoader {
    /** {@code AccountMapping.source} of the demo owners. */
    public static final String SOURCE = "demo";
    /** Key prefix of the demo mails; their mail ids are {@code incoming/demo/<file>}. */
    public static final String PREFIX = LocalDefaults.PREFIX + "demo/";

    private static final String RESOURCES = "/demo/";
    private static final Duration OWNER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** The demo mails in the bucket and whether this start uploaded them. */
    public record Demo(List<String> mailIds, boolean uploadedNow) {
        public Demo {
            mailIds = List.copyOf(mailIds);
        }
    }

    private final ClientSettings client;
    private final KafkaStreams streams;
    private final Path demoDir;

    /**
     * @param streams the running topology, whose owner index must know the demo owners before mail is uploaded
     * @param dataDir the local data directory; the demo files are copied to {@code demo/} below it
     */
    public DemoLoader(final ClientSettings client, final KafkaStreams streams, final Path dataDir) {
        this.client = client;
        this.streams = streams;
        this.demoDir = dataDir.resolve("demo");
    }

    /**
     * A loader for a topology that runs in other processes: it publishes the owners and contacts
     * ({@link #publishDirectory}, before the topology starts: its global stores are loaded before it
     * runs) and uploads the mail ({@link #uploadMails}), but cannot {@link #load}.
     */
    public DemoLoader(final ClientSettings client, final Path dataDir) {
        this(client, null, dataDir);
    }

    /** Loads the demo unless an earlier start did; returns the demo mail ids either way. */
    public Demo load(final Consumer<String> progress) throws IOException, ExecutionException, InterruptedException {
        final Path loaded = demoDir.resolve("uploaded.txt");
        if (Files.exists(loaded)) {
            progress.accept("demo: loaded by an earlier start (" + loaded + ")");
            return new Demo(
                    Files.readAllLines(loaded, StandardCharsets.UTF_8).stream()
                            .filter(l -> !l.isBlank())
                            .toList(),
                    false);
        }
        if (streams == null) {
            throw new IllegalStateException("this loader has no topology to wait for; publish and upload instead");
        }
        final Directory directory = publishDirectory(progress);
        awaitOwnerIndex(directory.owners());
        awaitContacts(directory.contacts());
        return new Demo(uploadMails(progress), true);
    }

    /** The demo owners and their contacts, as published. */
    public record Directory(List<AccountMapping> owners, List<OwnerContacts> contacts) {}

    /** Publishes the demo owners to {@code mail.accounts} and their contacts to {@code mail.contacts}. */
    public Directory publishDirectory(final Consumer<String> progress)
            throws IOException, ExecutionException, InterruptedException {
        final List<AccountMapping> owners = publishOwners(copy("accounts.csv"));
        progress.accept("demo: " + owners.size() + " owners published to mail.accounts ("
                + demoDir.resolve("accounts.csv") + ")");
        final List<OwnerContacts> contacts = publishContacts(copy("contacts.csv"));
        progress.accept("demo: " + contacts.size() + " owners' contacts published to mail.contacts ("
                + demoDir.resolve("contacts.csv") + ")");
        return new Directory(owners, contacts);
    }

    /** Uploads the demo mails to the bucket and returns their ids (object keys). */
    public List<String> uploadMails(final Consumer<String> progress) throws IOException, InterruptedException {
        final Path loaded = demoDir.resolve("uploaded.txt");
        final List<Path> mails = new ArrayList<>();
        for (final String name : resourceLines("mails.txt")) {
            mails.add(copy("mails/" + name));
        }
        final List<MailUploader.Uploaded> uploaded;
        try (S3Client s3 = client.s3()) {
            uploaded = new MailUploader(s3, client.s3Bucket(), PREFIX, MailUploader.KeyMode.FILENAME)
                    .upload(mails, 4, bytes -> {});
        }
        final List<String> mailIds =
                uploaded.stream().map(MailUploader.Uploaded::key).toList();
        Files.write(loaded, mailIds, StandardCharsets.UTF_8);
        progress.accept("demo: " + mailIds.size() + " mails uploaded to s3://" + client.s3Bucket() + "/" + PREFIX + " ("
                + demoDir.resolve("mails") + ")");
        return mailIds;
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

    private List<AccountMapping> publishOwners(final Path csv)
            throws IOException, ExecutionException, InterruptedException {
        final AccountsFile file = AccountsFileReader.read(csv, Instant.now());
        if (!file.problems().isEmpty()) {
            throw new IllegalStateException("the demo accounts are invalid: " + file.problems());
        }
        final List<AccountMapping> owners = file.mappings().stream()
                .map(mapping ->
                        AccountMapping.newBuilder(mapping).setSource(SOURCE).build())
                .toList();
        try (SchemaRegistryClient registry = client.registry();
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client.producer())) {
            final Topic<String, AccountMapping> accounts =
                    client.topics(registry).accounts();
            for (final AccountMapping owner : owners) {
                producer.send(new ProducerRecord<>(
                                accounts.name(),
                                owner.getAccountId().getBytes(StandardCharsets.UTF_8),
                                accounts.valueSerde().serializer().serialize(accounts.name(), owner)))
                        .get();
            }
        }
        return owners;
    }

    private List<OwnerContacts> publishContacts(final Path csv)
            throws IOException, ExecutionException, InterruptedException {
        final ContactsFile file = ContactsFileReader.read(csv);
        if (!file.problems().isEmpty()) {
            throw new IllegalStateException("the demo contacts are invalid: " + file.problems());
        }
        try (SchemaRegistryClient registry = client.registry();
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client.producer())) {
            final Topic<String, OwnerContacts> topic = client.topics(registry).contacts();
            for (final OwnerContacts owner : file.contacts()) {
                producer.send(new ProducerRecord<>(
                                topic.name(),
                                owner.getOwnerId().getBytes(StandardCharsets.UTF_8),
                                topic.valueSerde().serializer().serialize(topic.name(), owner)))
                        .get();
            }
        }
        return file.contacts();
    }

    /** A notice classified before its owner's contacts reached the contacts store would go without them. */
    private void awaitContacts(final List<OwnerContacts> contacts) throws InterruptedException {
        final ContactsIndex index = new ContactsIndex(streams.store(StoreQueryParameters.fromNameAndType(
                ContactsIndex.STORE, QueryableStoreTypes.<String, OwnerContacts>keyValueStore())));
        Polling.await(
                "the demo contacts in the contacts store",
                OWNER_TIMEOUT,
                () -> contacts.stream()
                        .allMatch(c -> index.contactsOf(c.getOwnerId()).isPresent()));
    }

    /** Mail for an owner the topology does not know yet would wait in mail.retry: let the index catch up first. */
    private void awaitOwnerIndex(final List<AccountMapping> owners) throws InterruptedException {
        final ReadOnlyKeyValueStore<String, Owners> store = streams.store(StoreQueryParameters.fromNameAndType(
                MailTopology.OWNER_INDEX_STORE, QueryableStoreTypes.<String, Owners>keyValueStore()));
        final OwnerIndex index = new OwnerIndex(store);
        Polling.await(
                "the demo owners in the owner index",
                OWNER_TIMEOUT,
                () -> owners.stream()
                        .allMatch(owner -> !index.byAddress(AddressNormalizer.normalize(owner.getEmail()))
                                .isEmpty()));
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
        final InputStream in = DemoLoader.class.getResourceAsStream(RESOURCES + resource);
        if (in == null) {
            throw new IllegalStateException(RESOURCES + resource + " is missing from the class path");
        }
        return in;
    }
}
