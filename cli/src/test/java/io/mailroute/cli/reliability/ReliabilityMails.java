package io.mailroute.cli.reliability;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.cli.bench.GeneratedMail;
import io.mailroute.cli.bench.MailGenerator;
import io.mailroute.cli.bench.SizeMix;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** The reliability suite's mail: the bench generator's mix, and the owners it is addressed to. */
final class ReliabilityMails {
    private ReliabilityMails() {}

    /** {@code count} mails of every kind the generator makes (notices, orders, bounces, spoofs, unknown, malformed). */
    static List<GeneratedMail> mixed(final long seed, final int count, final SizeMix sizes) {
        return generate(new MailGenerator(seed, sizes, false), count);
    }

    /** {@code count} valid mails, each mutated (byte flips, truncation, bad boundaries, ...). */
    static List<GeneratedMail> fuzzed(final long seed, final int count) {
        return generate(new MailGenerator(seed, SizeMix.SMALL, true), count);
    }

    /** Publishes the generator's owners (AWS accounts and store inboxes) to mail.accounts and waits for the acks. */
    static void publishAccounts(final ClientSettings client, final long seed)
            throws ExecutionException, InterruptedException {
        publish(client, new MailGenerator(seed, SizeMix.SMALL, false).accounts());
    }

    /** Publishes one owner to mail.accounts and waits for the ack. */
    static void publishAccount(
            final ClientSettings client, final String accountId, final String email, final String name)
            throws ExecutionException, InterruptedException {
        publish(
                client,
                List.of(AccountMapping.newBuilder()
                        .setAccountId(accountId)
                        .setEmail(email)
                        .setName(name)
                        .setStatus(AccountStatus.ACTIVE)
                        .setSource("reliability")
                        .setSyncedAt(Instant.now())
                        .build()));
    }

    private static void publish(final ClientSettings client, final List<AccountMapping> owners)
            throws ExecutionException, InterruptedException {
        try (SchemaRegistryClient registry = client.registry();
                TopicPublisher publisher = new TopicPublisher(client)) {
            final Topic<String, AccountMapping> accounts =
                    client.topics(registry).accounts();
            owners.forEach(owner -> publisher.send(accounts, owner.getAccountId(), owner));
            publisher.awaitAcks();
        }
    }

    private static List<GeneratedMail> generate(final MailGenerator generator, final int count) {
        final List<GeneratedMail> mails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mails.add(generator.next());
        }
        return mails;
    }
}
