package io.mailroute.cli.bench;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Storage;
import io.mailroute.cli.Progress;
import io.mailroute.connectors.s3.S3MailSourceConfig;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.topics.TopicApplier;
import io.mailroute.s3.S3Clients;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.schemas.topics.TopicSpec;
import io.mailroute.stack.LocalMailSource;
import io.mailroute.topology.MailStreamsConfig;
import io.mailroute.topology.MailTopology;
import io.mailroute.topology.TopologyServices;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import io.mailroute.topology.support.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One benchmark run over a {@link BenchTarget}: the phases of {@link BenchSettings.Phase} over the
 * same generated mails, each on topics of its own ({@code bench-<run>.} prefixes) so that nothing
 * of a real deployment is read or written. The corpus is a pool of generated mails cycled with
 * unique mail ids, so that heap stays flat however many mails a phase sends.
 */
public final class Benchmark {
    /** Largest pool of distinct generated mails. */
    static final int POOL_MAILS = 1_000;
    /** Most bytes the pool holds; larger mixes are cut short. */
    static final long POOL_BYTES = 256L * 1024 * 1024;
    /** Mails larger than this travel as claim checks, as the S3 connector sends them by default. */
    static final int INLINE_MAX_BYTES = 900 * 1024;
    /** A phase that sees no progress for this long stops and reports what it processed. */
    static final Duration STALL = Duration.ofSeconds(120);
    /** Threads putting mail into S3 in the pipeline phase. */
    static final int PUT_THREADS = 16;
    /**
     * Longest wait for the instances' metrics to show the mails they consumed: a few of the status server's
     * looks for new Kafka metrics (every 10 s), which bind a topic's meter once it was first fetched.
     */
    static final Duration METRICS_WAIT = Duration.ofSeconds(30);
    /** Name prefix of the bench's own threads and consumer groups, so that its CPU is told apart from the stack's. */
    static final String THREAD_PREFIX = "mailroute-bench-";

    private final BenchTarget target;
    private final BenchSettings settings;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Pooled> pool = new ArrayList<>();
    private final List<AccountMapping> accounts;
    private final Map<BenchSettings.Phase, PhaseResult> results = new EnumMap<>(BenchSettings.Phase.class);

    /** A pool mail: its bytes, their SHA-256 and, when claim-checked, its S3 key. */
    private record Pooled(GeneratedMail mail, String sha256, String claimKey) {}

    public Benchmark(final BenchTarget target, final BenchSettings settings) {
        this.target = target;
        this.settings = settings;
        final MailGenerator generator = new MailGenerator(settings.seed(), settings.sizes(), false);
        this.accounts = generator.accounts();
        long bytes = 0;
        while (pool.size() < Math.min(settings.mails(), POOL_MAILS) && bytes < POOL_BYTES) {
            final GeneratedMail mail = generator.next();
            final String claimKey =
                    mail.bytes().length > INLINE_MAX_BYTES ? "bench-" + run + "/pool/" + mail.key() : null;
            pool.add(new Pooled(mail, Hashes.sha256Hex(mail.bytes()), claimKey));
            bytes += mail.bytes().length;
        }
    }

    /** Runs the selected phases and returns their results. */
    public Map<BenchSettings.Phase, PhaseResult> run() {
        uploadClaimChecked();
        final Set<BenchSettings.Phase> phases = settings.phases();
        if (phases.contains(BenchSettings.Phase.PARSE_ONLY)) {
            results.put(BenchSettings.Phase.PARSE_ONLY, parseOnly());
        }
        if (phases.contains(BenchSettings.Phase.S3_ONLY) || phases.contains(BenchSettings.Phase.CONNECTOR_DRAIN)) {
            preload();
        }
        if (phases.contains(BenchSettings.Phase.S3_ONLY)) {
            results.put(BenchSettings.Phase.S3_ONLY, s3Only());
        }
        if (phases.contains(BenchSettings.Phase.CONNECTOR_DRAIN)) {
            final String drainPrefix = "bench-" + run + "-drain.";
            createTopics(drainPrefix);
            results.put(BenchSettings.Phase.CONNECTOR_DRAIN, connectorDrain(drainPrefix));
        }
        final String prefix = "bench-" + run + ".";
        if (phases.contains(BenchSettings.Phase.BROKER_ONLY)
                || phases.contains(BenchSettings.Phase.PASSTHROUGH)
                || phases.contains(BenchSettings.Phase.TOPOLOGY)) {
            createTopics(prefix);
            final PhaseResult broker = brokerOnly(prefix);
            if (phases.contains(BenchSettings.Phase.BROKER_ONLY)) {
                results.put(BenchSettings.Phase.BROKER_ONLY, broker);
            }
        }
        if (phases.contains(BenchSettings.Phase.PASSTHROUGH)) {
            results.put(BenchSettings.Phase.PASSTHROUGH, passthrough(prefix));
        }
        if (phases.contains(BenchSettings.Phase.TOPOLOGY)) {
            results.put(BenchSettings.Phase.TOPOLOGY, topology(prefix));
        }
        if (phases.contains(BenchSettings.Phase.PIPELINE)) {
            final String pipelinePrefix = "bench-" + run + "-pipeline.";
            createTopics(pipelinePrefix);
            results.put(BenchSettings.Phase.PIPELINE, pipeline(pipelinePrefix));
        }
        if (phases.contains(BenchSettings.Phase.IDLE) || phases.contains(BenchSettings.Phase.LATENCY)) {
            final String localPrefix = "bench-" + run + "-local.";
            createTopics(localPrefix);
            asLocal(localPrefix);
        }
        if (phases.contains(BenchSettings.Phase.INSTANCES)) {
            results.put(
                    BenchSettings.Phase.INSTANCES,
                    clusterInstances(target.instances()
                            .orElseThrow(() -> new IllegalStateException(
                                    "the instances phase needs a cluster whose instances are known"))));
        }
        return results;
    }

    /**
     * (9) The cluster's own instances: mails put at the offered rate under the prefix its S3 connector
     * reads, the records of mail.raw its application's group consumes, per instance from its
     * {@code /metrics} before and after, over the time until the group has committed them all.
     */
    private PhaseResult clusterInstances(final ClusterInstances cluster) {
        final String raw = MailTopic.RAW.defaultName();
        final MetricsScraper scraper = new MetricsScraper(raw);
        final GroupProgress group = new GroupProgress(target.kafka());
        final String keyPrefix = LocalDefaults.PREFIX + "bench-" + run + "-";
        final List<InstanceScrape> before = scrapeAll(cluster, scraper);
        final Map<TopicPartition, Long> from = group.endOffsets(raw);
        final ExecutorService putters = Executors.newFixedThreadPool(PUT_THREADS, named("put"));
        try (S3Client s3 = target.newS3Client();
                ProgressBar bar = Progress.bar("instances", settings.mails(), " mails")) {
            final PhaseMeter meter = PhaseMeter.start();
            final long[] put =
                    putAtRate(s3, keyPrefix, settings.mails(), settings.rate(), new ConcurrentHashMap<>(), putters);
            final long delivered = awaitDelivered(raw, from, keyPrefix, bar);
            group.awaitCommitted(cluster.applicationId(), group.endOffsets(raw), STALL);
            final PhaseResult result =
                    meter.stop(settings.mails(), delivered, put[0], null).withPutRate(put[1]);
            final List<InstanceScrape> after = awaitScrapes(cluster, scraper, before, delivered);
            return result.withInstances(InstanceThroughput.of(cluster.instances(), before, after, result.seconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            putters.shutdownNow();
        }
    }

    /**
     * Reads {@code topic} from {@code from} until the S3 connector has delivered every mail under
     * {@code keyPrefix} (its record key is the object's) or nothing new came for {@link #STALL}; returns how many it did.
     */
    private long awaitDelivered(
            final String topic, final Map<TopicPartition, Long> from, final String keyPrefix, final ProgressBar bar) {
        long delivered = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(THREAD_PREFIX + run + "-delivered"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long lastProgress = System.nanoTime();
            while (delivered < settings.mails() && System.nanoTime() - lastProgress < STALL.toNanos()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(keyPrefix)) {
                        delivered++;
                        bar.step();
                        lastProgress = System.nanoTime();
                    }
                }
            }
        }
        return delivered;
    }

    private static List<InstanceScrape> scrapeAll(final ClusterInstances cluster, final MetricsScraper scraper) {
        return cluster.instances().stream()
                .map(instance -> scraper.scrape(instance.statusUrl()))
                .toList();
    }

    /**
     * Scrapes the instances until what they consumed since {@code before} accounts for the {@code delivered}
     * mails or {@link #METRICS_WAIT} has passed: micrometer binds a topic's meter only when it next looks
     * for new Kafka metrics, so an instance that had not consumed mail.raw before shows it that much later
     * (and one that does not answer leaves the count short until then).
     */
    private static List<InstanceScrape> awaitScrapes(
            final ClusterInstances cluster,
            final MetricsScraper scraper,
            final List<InstanceScrape> before,
            final long delivered)
            throws InterruptedException {
        final long deadline = System.nanoTime() + METRICS_WAIT.toNanos();
        while (true) {
            final List<InstanceScrape> after = scrapeAll(cluster, scraper);
            final long consumed = InstanceThroughput.total(before, after);
            if (consumed >= delivered || System.nanoTime() > deadline) {
                return after;
            }
            Thread.sleep(1_000);
        }
    }

    /** (1) Parse (headers and body) on all cores, no Kafka. */
    private PhaseResult parseOnly() {
        final MailParser parser = new MailParser(ParserSettings.LENIENT);
        final int threads = Runtime.getRuntime().availableProcessors();
        final AtomicLong parsed = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final ExecutorService executor = Executors.newFixedThreadPool(threads, named("parse"));
        try (ProgressBar bar = Progress.bar("parseOnly", settings.mails(), " mails")) {
            final PhaseMeter meter = PhaseMeter.start();
            final List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int first = t;
                work.add(executor.submit(() -> {
                    for (int i = first; i < settings.mails(); i += threads) {
                        final byte[] mail = pool.get(i % pool.size()).mail().bytes();
                        try {
                            parser.parse(mail).body();
                        } catch (MailParseException e) {
                            // not a mail: the topology dead-letters it after the same work
                        }
                        bytes.addAndGet(mail.length);
                        parsed.incrementAndGet();
                        bar.step();
                    }
                }));
            }
            await(work);
            return meter.stop(settings.mails(), parsed.get(), bytes.get(), null);
        } finally {
            executor.shutdownNow();
        }
    }

    /** (2) Produce the RawMail records of all mails to mail.raw and consume them back. */
    private PhaseResult brokerOnly(final String prefix) {
        final String topic = prefix + MailTopic.RAW.defaultName();
        try (SchemaRegistryClient registry = registryClient();
                ProgressBar bar = Progress.bar("brokerOnly", settings.mails(), " mails")) {
            final MailTopics topics = MailTopics.create(Map.of(), registry, serdeConfig());
            publishAccounts(prefix, topics);
            final LogEndOffsets before = offsets();
            final PhaseMeter meter = PhaseMeter.start();
            final ExecutorService consuming = Executors.newSingleThreadExecutor(named("consume"));
            try {
                final Future<long[]> consumed = consuming.submit(() -> consumeAll(topic, bar, null));
                long bytes = 0;
                try (KafkaProducer<String, RawMail> producer = new KafkaProducer<>(
                        producerConfig(),
                        new StringSerializer(),
                        topics.raw().valueSerde().serializer())) {
                    final Instant start = Instant.now();
                    for (int i = 0; i < settings.mails(); i++) {
                        // arrival times as if mail came at the offered rate, which flood windows count on
                        final RawMail mail = rawMail(i, start.plusMillis(i * 1000L / settings.rate()));
                        bytes += mail.getSize();
                        producer.send(new ProducerRecord<>(topic, mail.getMailId(), mail));
                    }
                    // measured with the producer open: a closed one's network thread takes its CPU time out of cpuShare
                    final long[] counts = consumed.get();
                    return meter.stop(settings.mails(), counts[0], bytes, null)
                            .withRecordsWritten(offsets().appendedSince(before));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "consuming " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
            } finally {
                consuming.shutdownNow();
            }
        }
    }

    /** Reads {@code topic} from the start until every mail was seen or nothing came for {@link #STALL}. */
    private long[] consumeAll(final String topic, final ProgressBar bar, final PhaseMeter meter) {
        return consume(topic, settings.mails(), bar, meter);
    }

    private long[] consume(final String topic, final int records, final ProgressBar bar, final PhaseMeter meter) {
        final Map<String, Object> config = consumerConfig(THREAD_PREFIX + run + "-broker");
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long lastProgress = System.nanoTime();
            while (seen < records && System.nanoTime() - lastProgress < STALL.toNanos()) {
                final int n = consumer.poll(Duration.ofMillis(200)).count();
                if (n > 0 && seen == 0 && meter != null) {
                    meter.restart(); // Streams is warm: its tasks are initialized and the first records are through
                }
                if (n > 0) {
                    seen += n;
                    bar.stepBy(n);
                    lastProgress = System.nanoTime();
                }
            }
        }
        return new long[] {seen};
    }

    /** (4) A Kafka Streams app copying mail.raw to another topic: Kafka's own floor. */
    private PhaseResult passthrough(final String prefix) {
        final String in = prefix + MailTopic.RAW.defaultName();
        final String out = prefix + "passthrough";
        createTopic(new NewTopic(out, Optional.of(settings.partitions()), Optional.empty()));
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-source"))
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-sink"));
        final Properties props = streamsProperties("bench-" + run + "-passthrough");
        try (ProgressBar bar = Progress.bar("passthrough", settings.mails(), " mails")) {
            // read before the app starts: it writes from the moment it runs
            final LogEndOffsets before = offsets();
            return runStreams(builder.build(), props, meter -> {
                final long[] counts = consumeAll(out, bar, meter);
                return meter.stop(settings.mails(), counts[0], pooledBytes(settings.mails()), null)
                        .withRecordsWritten(offsets().appendedSince(before));
            });
        }
    }

    /** (5) The real topology over the pre-loaded mail.raw, until every mail has its outcome. */
    private PhaseResult topology(final String prefix) {
        final Map<String, Object> app = topologySettings(prefix, "bench-" + run + "-topology");
        try (SchemaRegistryClient registry = registryClient();
                TopologyServices services = TopologyServices.from(new MailrouteConfig(app));
                ProgressBar bar = Progress.bar("topology", settings.mails(), " mails")) {
            final MailTopics topics = MailTopics.create(app, registry, app);
            final Properties props = MailStreamsConfig.properties(app);
            applyGuarantee(props);
            final Topology topology = MailTopology.build(app, topics, services);
            final LogEndOffsets before = offsets();
            return runStreams(topology, props, meter -> {
                final long done = awaitOutcomes(topics, prefix, settings.mails(), bar, mailId -> true, meter, null);
                return meter.stop(settings.mails(), done, pooledBytes(settings.mails()), null)
                        .withRecordsWritten(offsets().appendedSince(before));
            });
        }
    }

    /** (3) S3 put at the offered rate, the S3 source connector, the topology, the lanes; latency per mail. */
    private PhaseResult pipeline(final String prefix) {
        final Map<String, Object> app = topologySettings(prefix, "bench-" + run + "-pipeline");
        final String keyPrefix = "bench-" + run + "/" + MailGenerator.KEY_PREFIX;
        final String connector = "bench-" + run + "-s3-mail";
        try (SchemaRegistryClient registry = registryClient();
                TopologyServices services = TopologyServices.from(new MailrouteConfig(app));
                S3Client s3 = target.newS3Client()) {
            final MailTopics topics = MailTopics.create(app, registry, app);
            publishAccounts(prefix, topics);
            target.connect().putConnectorConfig(connector, connectorConfig(prefix, keyPrefix));
            target.connect().awaitRunning(connector, settings.connectorTasks(), Duration.ofSeconds(120));
            final Properties props = MailStreamsConfig.properties(app);
            applyGuarantee(props);
            final Map<String, Long> putAt = new ConcurrentHashMap<>();
            final Latencies latencies = new Latencies();
            try {
                return runStreams(MailTopology.build(app, topics, services), props, meter -> {
                    final ExecutorService putter = Executors.newSingleThreadExecutor(named("put-rate"));
                    // kept until the phase is measured: a thread that ended takes its CPU time out of cpuShare
                    final ExecutorService putters = Executors.newFixedThreadPool(PUT_THREADS, named("put"));
                    try {
                        warmUp(
                                "pipeline warm-up",
                                settings.pipelineWarmup(),
                                settings.rate(),
                                topics,
                                prefix,
                                s3,
                                keyPrefix,
                                putter,
                                putters);
                        final LogEndOffsets before = offsets();
                        meter.restart();
                        try (ProgressBar bar = Progress.bar("pipeline", settings.pipelineMails(), " mails")) {
                            final Future<long[]> put = putter.submit(() -> putAtRate(
                                    s3, keyPrefix, settings.pipelineMails(), settings.rate(), putAt, putters));
                            // only the mails put count: a listing may show an object that is gone when read
                            final long done = awaitOutcomes(
                                    topics, prefix, settings.pipelineMails(), bar, putAt::containsKey, null, mailId -> {
                                        final Long at = putAt.get(mailId);
                                        if (at != null) {
                                            latencies.add((System.nanoTime() - at) / 1_000_000);
                                        }
                                    });
                            final long[] putResult = put.get();
                            return meter.stop(settings.pipelineMails(), done, putResult[0], latencies.summary())
                                    .withPutRate(putResult[1])
                                    .withRecordsWritten(offsets().appendedSince(before));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(
                                "S3 puts failed: " + e.getCause().getMessage(), e.getCause());
                    } finally {
                        putter.shutdownNow();
                        putters.shutdownNow();
                    }
                });
            } finally {
                target.connect().deleteConnector(connector);
            }
        }
    }

    /**
     * Puts every mail of a phase into the bucket under {@link #drainPrefix()}, spread over one
     * sub-prefix per core so that {@link #s3Only()} can list in parallel; not measured.
     */
    private void preload() {
        final int cores = Runtime.getRuntime().availableProcessors();
        final int warmUp = settings.phases().contains(BenchSettings.Phase.CONNECTOR_DRAIN) ? drainWarmUpMails() : 0;
        final int total = settings.mails() + warmUp;
        final ExecutorService putters = Executors.newFixedThreadPool(PUT_THREADS, named("preload"));
        try (S3Client s3 = target.newS3Client();
                ProgressBar bar = Progress.bar("S3 preload", total, " mails")) {
            final List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < PUT_THREADS; t++) {
                final int first = t;
                work.add(putters.submit(() -> {
                    for (int i = first; i < total; i += PUT_THREADS) {
                        final GeneratedMail mail = pool.get(i % pool.size()).mail();
                        final String folder =
                                i < settings.mails() ? drainPrefix() + (i % cores) + "/" : drainWarmUpPrefix();
                        final String key = folder + mail.key() + "-" + i;
                        s3.putObject(
                                r -> r.bucket(target.bucket()).key(key).contentType("message/rfc822"),
                                RequestBody.fromBytes(mail.bytes()));
                        bar.step();
                    }
                    return null;
                }));
            }
            await(work);
        } finally {
            putters.shutdownNow();
        }
    }

    /** Where {@link #preload()} puts the mails that s3Only reads and connectorDrain drains. */
    private String drainPrefix() {
        return "bench-" + run + "/drain/";
    }

    /** Where {@link #preload()} puts the mails connectorDrain's warm-up drains, apart from the measured ones. */
    private String drainWarmUpPrefix() {
        return "bench-" + run + "/drain-warm-up/";
    }

    /** A quarter of the phase's mails, as s3Only reads before it is measured. */
    private int drainWarmUpMails() {
        return settings.mails() / 4;
    }

    /**
     * S3 alone: the preloaded objects listed and read with the SDK on all cores (one thread per
     * core, each listing its prefix), no Kafka; a quarter of them read first, not measured, so that
     * the SDK's and S3's code is compiled as it is for the connector, which drains them afterwards.
     */
    private PhaseResult s3Only() {
        final int threads = Runtime.getRuntime().availableProcessors();
        final ExecutorService executor = Executors.newFixedThreadPool(threads, named("s3-read"));
        try (S3Client s3 = S3Clients.create(target.s3())) {
            try (ProgressBar bar = Progress.bar("s3Only warm-up", settings.mails() / 4, " mails")) {
                readPreloaded(s3, executor, settings.mails() / 4 / threads, bar);
            }
            try (ProgressBar bar = Progress.bar("s3Only", settings.mails(), " mails")) {
                final PhaseMeter meter = PhaseMeter.start();
                final long[] read = readPreloaded(s3, executor, Integer.MAX_VALUE, bar);
                return meter.stop(settings.mails(), read[0], read[1], null);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** Lists and reads up to {@code perThread} preloaded objects on each core's prefix; returns objects and bytes read. */
    private long[] readPreloaded(
            final S3Client s3, final ExecutorService executor, final int perThread, final ProgressBar bar) {
        final int threads = Runtime.getRuntime().availableProcessors();
        final AtomicLong read = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final String prefix = drainPrefix() + t + "/";
            work.add(executor.submit(() -> {
                int left = perThread;
                for (final S3Object object : s3.listObjectsV2Paginator(
                                r -> r.bucket(target.bucket()).prefix(prefix))
                        .contents()) {
                    if (left-- == 0) {
                        break;
                    }
                    final byte[] mail = s3.getObjectAsBytes(
                                    r -> r.bucket(target.bucket()).key(object.key()))
                            .asByteArray();
                    bytes.addAndGet(mail.length);
                    read.incrementAndGet();
                    bar.step();
                }
                return null;
            }));
        }
        await(work);
        return new long[] {read.get(), bytes.get()};
    }

    /**
     * The S3 source connector alone draining the preloaded objects into mail.raw (deleting each once
     * read), as configured for the pipeline phase; measured from the first record in mail.raw to the last.
     * A connector of the same configuration first drains a quarter as many other objects into topics
     * of their own, not measured, so that the connector's, Connect's and the producer's code is
     * compiled, as s3Only's warm-up does for the SDK's.
     */
    private PhaseResult connectorDrain(final String prefix) {
        final String warmUpPrefix = "bench-" + run + "-drain-warm-up.";
        createTopics(warmUpPrefix);
        final String warmUp = "bench-" + run + "-drain-warm-up-s3-mail";
        try (ProgressBar bar = Progress.bar("connectorDrain warm-up", drainWarmUpMails(), " mails")) {
            target.connect().putConnectorConfig(warmUp, connectorConfig(warmUpPrefix, drainWarmUpPrefix()));
            try {
                consume(warmUpPrefix + MailTopic.RAW.defaultName(), drainWarmUpMails(), bar, null);
            } finally {
                target.connect().deleteConnector(warmUp);
            }
        }
        final String connector = "bench-" + run + "-drain-s3-mail";
        try (ProgressBar bar = Progress.bar("connectorDrain", settings.mails(), " mails")) {
            final LogEndOffsets before = offsets();
            final PhaseMeter meter = PhaseMeter.start();
            target.connect().putConnectorConfig(connector, connectorConfig(prefix, drainPrefix()));
            try {
                final long[] counts = consumeAll(prefix + MailTopic.RAW.defaultName(), bar, meter);
                return meter.stop(settings.mails(), counts[0], pooledBytes(counts[0]), null)
                        .withRecordsWritten(offsets().appendedSince(before));
            } finally {
                target.connect().deleteConnector(connector);
            }
        }
    }

    /**
     * The stack as {@code mailroute local} runs it (its mail source connector as {@link LocalMailSource}
     * configures it, the topology with its default Streams settings) on topics and keys of the bench's
     * own: the latency phase at each offered rate, then the idle phase.
     */
    private void asLocal(final String prefix) {
        final Map<String, Object> app = new HashMap<>(target.kafka());
        app.putAll(serdeConfig());
        app.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + run + "-local");
        app.put(TopicNames.PREFIX_CONFIG, prefix);
        app.putAll(MailrouteConfig.S3.connectionProperties(target.s3()));
        final String keyPrefix = "bench-" + run + "/local/";
        // local reads notifications when its stack has a queue, as the embedded target does; the queue tells of
        // objects under local's key prefix only, so the offered mail goes there, in a folder of this run's
        final LocalMailSource source = target.notifications().isPresent()
                ? LocalMailSource.shipped().withNotifications()
                : LocalMailSource.shipped();
        final String incoming = source.keyPrefix() + "bench-" + run + "/";
        final String connector = "bench-" + run + "-local-" + source.name();
        try (SchemaRegistryClient registry = registryClient();
                TopologyServices services = TopologyServices.from(new MailrouteConfig(app));
                S3Client s3 = target.newS3Client()) {
            final MailTopics topics = MailTopics.create(app, registry, app);
            publishAccounts(prefix, topics);
            target.connect()
                    .putConnectorConfig(
                            connector,
                            source.configElsewhere(
                                    target.bucket(),
                                    LocalMailSource.endpoints(
                                            target.s3(), target.notifications(), target.registryUrl()),
                                    Map.of(
                                            S3MailSourceConfig.PREFIX_CONFIG,
                                            incoming,
                                            S3MailSourceConfig.TOPIC_CONFIG,
                                            topics.raw().name(),
                                            S3MailSourceConfig.DLQ_TOPIC_CONFIG,
                                            topics.dlq().name(),
                                            S3MailSourceConfig.MOVE_PREFIX_CONFIG,
                                            keyPrefix + "processed/",
                                            S3MailSourceConfig.FAILED_PREFIX_CONFIG,
                                            keyPrefix + "failed/",
                                            S3MailSourceConfig.CLAIM_CHECK_PREFIX_CONFIG,
                                            keyPrefix + "claim-check/")));
            target.connect().awaitRunning(connector, source.tasks(), Duration.ofSeconds(120));
            try {
                results.putAll(runStreams(
                        MailTopology.build(app, topics, services), MailStreamsConfig.properties(app), meter -> {
                            final Map<BenchSettings.Phase, PhaseResult> measured =
                                    new EnumMap<>(BenchSettings.Phase.class);
                            if (settings.phases().contains(BenchSettings.Phase.LATENCY)) {
                                measured.put(BenchSettings.Phase.LATENCY, latency(topics, prefix, s3, incoming));
                            }
                            if (settings.phases().contains(BenchSettings.Phase.IDLE)) {
                                measured.put(BenchSettings.Phase.IDLE, idle());
                            }
                            return measured;
                        }));
            } finally {
                target.connect().deleteConnector(connector);
            }
        }
    }

    /** Each of {@link BenchSettings#latencyRates()} offered for {@link BenchSettings#seconds()}: S3 put to outcome, per mail. */
    private PhaseResult latency(
            final MailTopics topics, final String prefix, final S3Client s3, final String keyPrefix) {
        final ExecutorService putter = Executors.newSingleThreadExecutor(named("put-rate"));
        // kept until the phase is measured: a thread that ended takes its CPU time out of cpuShare
        final ExecutorService putters = Executors.newFixedThreadPool(PUT_THREADS, named("put"));
        long mails = 0;
        long processed = 0;
        long bytes = 0;
        try {
            // the highest rate, for --latency-warmup seconds
            final int warmUpRate = settings.latencyRates().stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElseThrow();
            warmUp(
                    "latency warm-up at " + warmUpRate + "/s",
                    warmUpRate * settings.latencyWarmup(),
                    warmUpRate,
                    topics,
                    prefix,
                    s3,
                    keyPrefix,
                    putter,
                    putters);
            final LogEndOffsets before = offsets();
            final PhaseMeter whole = PhaseMeter.start();
            final Map<Integer, PhaseResult> byRate = new TreeMap<>();
            for (final int rate : settings.latencyRates()) {
                final int count = rate * settings.seconds();
                final Map<String, Long> putAt = new ConcurrentHashMap<>();
                final Latencies latencies = new Latencies();
                final LogEndOffsets rateBefore = offsets();
                final PhaseMeter meter = PhaseMeter.start();
                try (ProgressBar bar = Progress.bar("latency at " + rate + "/s", count, " mails")) {
                    final Future<long[]> put =
                            putter.submit(() -> putAtRate(s3, keyPrefix + rate + "/", count, rate, putAt, putters));
                    final long done = awaitOutcomes(topics, prefix, count, bar, putAt::containsKey, null, mailId -> {
                        final Long at = putAt.get(mailId);
                        if (at != null) {
                            latencies.add((System.nanoTime() - at) / 1_000_000);
                        }
                    });
                    final long[] putResult = put.get();
                    byRate.put(
                            rate,
                            meter.stop(count, done, putResult[0], latencies.summary())
                                    .withPutRate(putResult[1])
                                    .withRecordsWritten(offsets().appendedSince(rateBefore)));
                    mails += count;
                    processed += done;
                    bytes += putResult[0];
                }
            }
            return whole.stop(mails, processed, bytes, null)
                    .withRecordsWritten(offsets().appendedSince(before))
                    .withRates(byRate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("S3 puts failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            putter.shutdownNow();
            putters.shutdownNow();
        }
    }

    /** The running stack with nothing to do for {@link BenchSettings#seconds()}: what it costs to stay up. */
    private PhaseResult idle() {
        final LogEndOffsets before = offsets();
        final PhaseMeter meter = PhaseMeter.start();
        try (ProgressBar bar = Progress.bar("idle", settings.seconds(), " s")) {
            final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.seconds());
            while (System.nanoTime() < end) {
                // the measurement is the waiting: nothing of the bench's may run meanwhile
                TimeUnit.MILLISECONDS.sleep(Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                bar.stepTo(settings.seconds() - TimeUnit.NANOSECONDS.toSeconds(Math.max(0, end - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return meter.stop(0, 0, 0, null).withRecordsWritten(offsets().appendedSince(before));
    }

    private LogEndOffsets offsets() {
        return LogEndOffsets.read(target.kafka());
    }

    /**
     * Puts {@code mails} mails at {@code rate} and waits for their outcomes, unmeasured, so that the
     * measured mails meet compiled code and open connections, as a stack that has been running does
     * (on two cores the compilers otherwise share the measured time); nothing when {@code mails} is 0.
     */
    private void warmUp(
            final String label,
            final int mails,
            final int rate,
            final MailTopics topics,
            final String prefix,
            final S3Client s3,
            final String keyPrefix,
            final ExecutorService putter,
            final ExecutorService putters)
            throws InterruptedException, ExecutionException {
        if (mails == 0) {
            return;
        }
        final Map<String, Long> warmUpAt = new ConcurrentHashMap<>();
        try (ProgressBar bar = Progress.bar(label, mails, " mails")) {
            final Future<long[]> put =
                    putter.submit(() -> putAtRate(s3, keyPrefix + "warm-up/", mails, rate, warmUpAt, putters));
            awaitOutcomes(topics, prefix, mails, bar, warmUpAt::containsKey, null, null);
            put.get();
        }
    }

    private static ThreadFactory named(final String role) {
        final AtomicInteger count = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, THREAD_PREFIX + role + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Puts {@code mails} mails into the bucket at {@code rate} mails/s, each at its due time, from
     * {@link #PUT_THREADS} threads so that slow puts do not lower the offered rate; returns the
     * bytes put and the rate achieved.
     */
    private long[] putAtRate(
            final S3Client s3,
            final String keyPrefix,
            final int mails,
            final int rate,
            final Map<String, Long> putAt,
            final ExecutorService putters)
            throws InterruptedException {
        final long start = System.nanoTime();
        final long interval = 1_000_000_000L / rate;
        final AtomicLong bytes = new AtomicLong();
        final List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < PUT_THREADS; t++) {
            final int first = t;
            work.add(putters.submit(() -> {
                for (int i = first; i < mails; i += PUT_THREADS) {
                    final long wait = start + i * interval - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    final GeneratedMail mail = pool.get(i % pool.size()).mail();
                    final String key = keyPrefix + mail.key().substring(MailGenerator.KEY_PREFIX.length()) + "-" + i;
                    // the mail arrives when its put starts: the put's own time counts towards the latency
                    putAt.put(key, System.nanoTime());
                    s3.putObject(
                            r -> r.bucket(target.bucket()).key(key).contentType("message/rfc822"),
                            RequestBody.fromBytes(mail.bytes()));
                    bytes.addAndGet(mail.bytes().length);
                }
                return null;
            }));
        }
        await(work);
        final double seconds = (System.nanoTime() - start) / 1e9;
        return new long[] {bytes.get(), Math.round(mails / seconds)};
    }

    /**
     * Follows mail.status and mail.dlq until every mail has an outcome (a status other than
     * IN_PROGRESS, or a dead letter) or nothing new came for {@link #STALL}; returns how many did.
     */
    private long awaitOutcomes(
            final MailTopics topics,
            final String prefix,
            final int mails,
            final ProgressBar bar,
            final Predicate<String> counted,
            final PhaseMeter meter,
            final Consumer<String> onFirst) {
        final String status = topics.status().name();
        final String dlq = topics.dlq().name();
        final Set<String> done = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(THREAD_PREFIX + run + "-outcomes-" + prefix),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(status, dlq));
            long lastProgress = System.nanoTime();
            while (done.size() < mails && System.nanoTime() - lastProgress < STALL.toNanos()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    final boolean terminal = record.topic().equals(dlq)
                            || record.value() == null
                            || topics.status()
                                            .valueSerde()
                                            .deserializer()
                                            .deserialize(status, record.value())
                                            .getOutcome()
                                    != Outcome.IN_PROGRESS;
                    if (terminal && record.key() != null && counted.test(record.key()) && done.add(record.key())) {
                        if (done.size() == 1 && meter != null) {
                            meter.restart(); // the topology is warm: tasks initialized, stores open, first mail through
                        }
                        bar.step();
                        lastProgress = System.nanoTime();
                        if (onFirst != null) {
                            onFirst.accept(record.key());
                        }
                    }
                }
            }
        }
        return done.size();
    }

    /** Starts {@code topology}, runs {@code measure} once it is RUNNING (phases restart the meter at their first output), and closes it. */
    private <T> T runStreams(final Topology topology, final Properties props, final Function<PhaseMeter, T> measure) {
        final Path stateDir = tempDir();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        final PhaseMeter meter = PhaseMeter.start();
        final KafkaStreams streams = new KafkaStreams(topology, props);
        final CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        try {
            streams.start();
            if (!running.await(STALL.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "Kafka Streams did not reach RUNNING within " + STALL + "; state " + streams.state());
            }
            meter.restart();
            return measure.apply(meter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            deleteRecursively(stateDir);
        }
    }

    private Map<String, Object> topologySettings(final String prefix, final String applicationId) {
        final Map<String, Object> app = new HashMap<>(target.kafka());
        app.putAll(serdeConfig());
        app.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        app.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        app.put(TopicNames.PREFIX_CONFIG, prefix);
        app.putAll(MailrouteConfig.S3.connectionProperties(target.s3()));
        return app;
    }

    private Properties streamsProperties(final String applicationId) {
        final Properties props = new Properties();
        props.putAll(target.kafka());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        applyGuarantee(props);
        return props;
    }

    private void applyGuarantee(final Properties props) {
        props.put(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                settings.eos() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    }

    private Map<String, String> connectorConfig(final String prefix, final String keyPrefix) {
        final Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.mailroute.connectors.s3.S3MailSourceConnector");
        config.put("tasks.max", Integer.toString(settings.connectorTasks()));
        config.put("s3.bucket", target.bucket());
        config.put("s3.prefix", keyPrefix);
        config.putAll(S3MailSourceConfig.S3.connectionProperties(target.s3()));
        config.put("topic", prefix + MailTopic.RAW.defaultName());
        config.put("dlq.topic", prefix + MailTopic.DLQ.defaultName());
        config.put("after.read", "delete");
        config.put("claim.check.prefix", "bench-" + run + "/claim-check/");
        config.put("poll.interval.ms", "200");
        config.put("max.objects.per.poll", "500");
        config.put("exactly.once.support", "requested");
        config.put("producer.override.max.request.size", Integer.toString(TopicSpec.LARGE_RECORD_BYTES));
        config.put("schema.registry.url", target.registryUrl());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        return config;
    }

    /** The RawMail of mail {@code i}: a pool mail under a unique id, inline or as a claim check. */
    private RawMail rawMail(final int i, final Instant arrived) {
        final Pooled pooled = pool.get(i % pool.size());
        final String mailId = pooled.mail().key() + "-" + i;
        final RawMail.Builder builder = RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket(target.bucket())
                .setSize(pooled.mail().bytes().length)
                .setSha256(pooled.sha256())
                .setReceivedAt(arrived)
                .setIngestedAt(arrived);
        if (pooled.claimKey() == null) {
            return builder.setKey(mailId)
                    .setStorage(Storage.INLINE)
                    .setContent(ByteBuffer.wrap(pooled.mail().bytes()))
                    .build();
        }
        return builder.setKey(pooled.claimKey()).setStorage(Storage.CLAIM_CHECK).build();
    }

    private void uploadClaimChecked() {
        if (pool.stream().noneMatch(p -> p.claimKey() != null)) {
            return;
        }
        try (S3Client s3 = target.newS3Client()) {
            for (final Pooled pooled : pool) {
                if (pooled.claimKey() != null) {
                    s3.putObject(
                            r -> r.bucket(target.bucket()).key(pooled.claimKey()),
                            RequestBody.fromBytes(pooled.mail().bytes()));
                }
            }
        }
    }

    private void publishAccounts(final String prefix, final MailTopics topics) {
        final Map<String, Object> config = producerConfig();
        // a compacted table: a duplicate is harmless, while an idempotent producer's retries on a topic
        // whose leader is still moving in can end in an endless OUT_OF_ORDER_SEQUENCE_NUMBER loop
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, AccountMapping> producer = new KafkaProducer<>(
                config, new StringSerializer(), topics.accounts().valueSerde().serializer())) {
            for (final AccountMapping account : accounts) {
                producer.send(new ProducerRecord<>(
                        prefix + MailTopic.ACCOUNTS.defaultName(), account.getAccountId(), account));
            }
        }
        // every owner has contacts, as in production: no NO_CONTACTS alert per notice
        try (KafkaProducer<String, OwnerContacts> producer = new KafkaProducer<>(
                config, new StringSerializer(), topics.contacts().valueSerde().serializer())) {
            for (final AccountMapping account : accounts) {
                final OwnerContacts contacts = OwnerContacts.newBuilder()
                        .setOwnerId(account.getAccountId())
                        .setRecipients(List.of("ops+" + account.getAccountId() + "@contacts.bench.example"))
                        .setLocale("en")
                        .setName(null)
                        .build();
                producer.send(new ProducerRecord<>(
                        prefix + MailTopic.CONTACTS.defaultName(), account.getAccountId(), contacts));
            }
        }
    }

    private void createTopics(final String prefix) {
        final TopicNames names = TopicNames.from(Map.of(TopicNames.PREFIX_CONFIG, prefix));
        try (Admin admin = Admin.create(target.kafka())) {
            new TopicApplier(admin).apply(TopicApplier.specs(names, settings.partitions(), (short) 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create the benchmark topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void createTopic(final NewTopic topic) {
        try (Admin admin = Admin.create(target.kafka())) {
            admin.createTopics(List.of(topic)).all().get();
            new TopicApplier(admin).awaitLeaders(List.of(topic.name()), STALL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private long pooledBytes(final long mails) {
        long bytes = 0;
        for (int i = 0; i < mails; i++) {
            bytes += pool.get(i % pool.size()).mail().bytes().length;
        }
        return bytes;
    }

    private SchemaRegistryClient registryClient() {
        return SchemaRegistryClients.fromConfig(serdeConfig());
    }

    private Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", target.registryUrl());
    }

    private Map<String, Object> producerConfig() {
        final Map<String, Object> config = target.kafka();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicSpec.LARGE_RECORD_BYTES);
        return config;
    }

    private Map<String, Object> consumerConfig(final String groupId) {
        final Map<String, Object> config = target.kafka();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TopicSpec.LARGE_RECORD_BYTES * 2);
        return config;
    }

    private static void await(final List<Future<?>> work) {
        try {
            for (final Future<?> future : work) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("mailroute-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
