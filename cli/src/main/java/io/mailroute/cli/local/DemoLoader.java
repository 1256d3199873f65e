package io.mailroute.cli.local;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.topology.MailTopology;
import io.mailroute.topology.owner.AddressNormalizer;
import io.mailroute.topology.owner.ContactsIndex;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.owner.Owners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code mailroute local --demo}: loads the {@link DemoData} once per data directory, the mails only
 * after the running topology's owner index and contacts store know the demo owners, and waits until
 * each mail has a terminal {@code mail.status}.
 */
public final class DemoLoader {
    /** {@code AccountMapping.source} of the demo owners. */
    public static final String SOURCE = DemoData.SOURCE;
    /** Key prefix of the demo mails; their mail ids are {@code incoming/demo/<file>}. */
    public static final String PREFIX = DemoData.PREFIX;

    private static final Duration OWNER_TIMEOUT = Duration.ofSeconds(60);

    /** The demo mails in the bucket and whether this start uploaded them. */
    public record Demo(List<String> mailIds, boolean uploadedNow) {
        public Demo {
            mailIds = List.copyOf(mailIds);
        }
    }

    private final ClientSettings client;
    private final KafkaStreams streams;
    private final Path demoDir;
    private final DemoData data;

    /**
     * @param streams the running topology, whose owner index must know the demo owners before mail is uploaded
     * @param dataDir the local data directory; the demo files are copied to {@code demo/} below it
     */
    public DemoLoader(final ClientSettings client, final KafkaStreams streams, final Path dataDir) {
        this.client = client;
        this.streams = streams;
        this.demoDir = dataDir.resolve("demo");
        this.data = new DemoData(client, demoDir);
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
        final List<AccountMapping> owners = data.publishOwners();
        progress.accept(
                "demo: " + owners.size() + " owners published to mail.accounts (" + data.file("accounts.csv") + ")");
        final List<OwnerContacts> contacts = data.publishContacts();
        progress.accept("demo: " + contacts.size() + " owners' contacts published to mail.contacts ("
                + data.file("contacts.csv") + ")");
        awaitOwnerIndex(owners);
        awaitContacts(contacts);
        final List<String> mailIds = data.uploadMails();
        Files.write(loaded, mailIds, StandardCharsets.UTF_8);
        progress.accept("demo: " + mailIds.size() + " mails uploaded to s3://" + client.s3Bucket() + "/" + PREFIX + " ("
                + data.file("mails") + ")");
        return new Demo(mailIds, true);
    }

    /** Waits until every mail in {@code mailIds} has a status other than IN_PROGRESS. */
    public Map<String, MailStatus> awaitTerminal(final List<String> mailIds, final Duration timeout)
            throws InterruptedException {
        return data.awaitTerminal(mailIds, timeout);
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
}
