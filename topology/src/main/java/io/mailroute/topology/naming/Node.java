package io.mailroute.topology.naming;

import static io.mailroute.topology.naming.Node.Copies.ONE;
import static io.mailroute.topology.naming.Node.Copies.OVERFLOW_ONLY;
import static io.mailroute.topology.naming.Node.Copies.PER_TRACK;
import static io.mailroute.topology.naming.Node.Form.BRANCH;
import static io.mailroute.topology.naming.Node.Form.GLOBAL_STORE;
import static io.mailroute.topology.naming.Node.Form.RECORD;
import static io.mailroute.topology.naming.Node.Form.REPARTITION;
import static io.mailroute.topology.naming.Node.Form.SINK;
import static io.mailroute.topology.naming.Node.Form.STEP;
import static io.mailroute.topology.naming.Node.Form.TABLE;

import io.mailroute.avro.Stage;
import io.mailroute.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Every named step of the mail topology, with the pipeline {@link Stage} it belongs to. Each
 * constant is one name given to Kafka Streams ({@code Named}, {@code Consumed}, {@code Produced},
 * {@code Repartitioned}, {@code Grouped}, {@code Branched}); its {@link Form}s say which processor,
 * source and sink nodes Streams and the stages make of that name, so that {@link #of(String)} finds
 * the constant of every node of the topology by its exact name. A step that both {@link Track}s run
 * has a copy per track; the overflow track's copy carries its prefix.
 */
public enum Node {
    // global stores (read by every task) and the status table
    INDEX_OWNERS("index-owners", Stage.OWNER_LOOKUP, ONE, GLOBAL_STORE),
    UPDATE_RULES("update-rules", Stage.CLASSIFY, ONE, GLOBAL_STORE),
    TRACK_FLOODS("track-floods", Stage.CLASSIFY, ONE, GLOBAL_STORE),
    UPDATE_CONTACTS("update-contacts", Stage.OWNER_LOOKUP, ONE, GLOBAL_STORE),
    STATUS_TABLE("status-table", Stage.ROUTE, ONE, TABLE),

    // intake: mail.raw and dedup, mail.retry and its releases, mail.overflow and its entry
    RAW_SOURCE("mail-raw-source", Stage.DEDUP, ONE, STEP),
    DEDUP("dedup-mail", Stage.DEDUP, ONE, STEP),
    RETRY_SOURCE("mail-retry-source", Stage.RETRY, ONE, STEP),
    RELEASE("release-waiting-mail", Stage.RETRY, ONE, STEP),
    /** The split of the releases; its branches are named after it. */
    RELEASES("release-waiting-mail-", Stage.RETRY, ONE, STEP),
    END_WAIT("end-wait", Stage.RETRY, ONE, RELEASES, BRANCH, RECORD, SINK),
    NEXT_ATTEMPT("next-attempt", Stage.RETRY, ONE, RELEASES, BRANCH, RECORD),
    MERGE_ATTEMPTS("merge-attempts", Stage.FETCH, ONE, STEP),
    OVERFLOW_SOURCE("mail-overflow-source", Stage.FETCH, ONE, STEP),
    OVERFLOW_ENTRY("entry", Stage.FETCH, OVERFLOW_ONLY, STEP),

    // the stages of both tracks: fetch, parse, classify
    FETCH("fetch-mail", Stage.FETCH, PER_TRACK, STEP),
    PARSE("parse-mail", Stage.PARSE, PER_TRACK, STEP),
    CLASSIFY("classify-mail", Stage.CLASSIFY, PER_TRACK, STEP),

    // flood isolation, on the main track
    FLOOD_SIGHTINGS("flood-sightings", Stage.CLASSIFY, ONE, STEP),
    FLOOD_GROUPING("flood-count", Stage.CLASSIFY, ONE, REPARTITION),
    COUNT_FLOODS("count-floods", Stage.CLASSIFY, ONE, STEP, SINK),
    FLOOD_CHECK("check-flood", Stage.CLASSIFY, ONE, STEP),

    // route: the fan-out, the split into the lanes and the new-pattern counting
    FAN_OUT("fan-out-outcomes", Stage.ROUTE, PER_TRACK, STEP),
    /** The split of the routes; its branches are named after it. */
    ROUTE("route-", Stage.ROUTE, PER_TRACK, STEP),
    NOTIFY("notify", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH, RECORD, SINK),
    TICKET("ticket", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH, RECORD, SINK),
    ORDER_IMPORT("order-import", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH, RECORD, SINK),
    QUARANTINE("quarantine", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH, RECORD, SINK),
    RETRY("retry", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH, RECORD, SINK),
    DLQ("dlq", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH, RECORD, SINK),
    STATUS("status", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH, RECORD, SINK),
    OVERFLOW("overflow", Stage.ROUTE, ONE, ROUTE, BRANCH, RECORD, SINK),
    ALERT("alert", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH, RECORD, SINK),
    NEW_PATTERN("new-pattern", Stage.ROUTE, PER_TRACK, ROUTE, BRANCH),
    NEW_PATTERN_SIGHTING("new-pattern-sighting", Stage.ROUTE, PER_TRACK, STEP),
    NEW_PATTERN_GROUPING("new-pattern", Stage.ROUTE, PER_TRACK, REPARTITION),
    COUNT_NEW_PATTERN("count-new-pattern", Stage.ROUTE, PER_TRACK, STEP),
    NEW_PATTERN_ALERTS("new-pattern-alerts", Stage.ROUTE, PER_TRACK, STEP, SINK),

    // bounces of both tracks: tickets, suppressions, rates
    BOUNCE_RECIPIENTS("bounce-recipients", Stage.ROUTE, PER_TRACK, STEP),
    BOUNCES_BY_ADDRESS("bounce-by-address", Stage.ROUTE, PER_TRACK, REPARTITION),
    MERGE_BOUNCES("bounce-by-address-merge", Stage.ROUTE, ONE, STEP),
    BOUNCE_TICKETS("bounce-tickets", Stage.ROUTE, ONE, STEP, SINK),
    SUPPRESS("suppress-addresses", Stage.ROUTE, ONE, STEP, SINK),
    SUPPRESSIONS_SOURCE("mail-suppressions-source", Stage.ROUTE, ONE, STEP),
    REMOVE_SUPPRESSIONS("remove-suppressions", Stage.ROUTE, ONE, STEP),
    RATE_SIGHTINGS("bounce-rate-sightings", Stage.ROUTE, PER_TRACK, STEP),
    SIGHTINGS_BY_SCOPE("bounce-rate-scope", Stage.ROUTE, PER_TRACK, REPARTITION),
    MERGE_SIGHTINGS("bounce-rate-scope-merge", Stage.ROUTE, ONE, STEP),
    MEASURE_RATES("measure-bounce-rates", Stage.ROUTE, ONE, STEP, SINK),
    SENT_COUNTS_SOURCE("mail-sent-counts-source", Stage.ROUTE, ONE, STEP),
    RECORD_SENT_COUNTS("record-sent-counts", Stage.ROUTE, ONE, STEP);

    /** Which copies of a step the topology has. */
    enum Copies {
        /** One node, named without a prefix. */
        ONE,
        /** One node per track, the overflow track's named with its prefix. */
        PER_TRACK,
        /** One node, on the overflow track, named with its prefix. */
        OVERFLOW_ONLY
    }

    /** The nodes Kafka Streams (and the stages) make of one name. */
    enum Form {
        /** A processor, source or split named so. */
        STEP,
        /** A table: its source node ({@code -source}) and its processor. */
        TABLE,
        /** A global store: its source node ({@code -source}) and its update processor. */
        GLOBAL_STORE,
        /** A repartition: its {@code -repartition-filter}, {@code -repartition-sink} and {@code -repartition-source}. */
        REPARTITION,
        /** A branch of a split, named with the split's name first. */
        BRANCH,
        /** The step that makes a branch's records ({@code -record}). */
        RECORD,
        /** The sink a step writes to ({@code -sink}). */
        SINK
    }

    private static final Map<String, Node> BY_NAME = index();

    private final String name;
    private final Stage stage;
    private final Copies copies;
    private final Node split;
    private final Set<Form> forms;

    Node(final String name, final Stage stage, final Copies copies, final Form form, final Form... more) {
        this(name, stage, copies, null, form, more);
    }

    Node(
            final String name,
            final Stage stage,
            final Copies copies,
            final Node split,
            final Form form,
            final Form... more) {
        this.name = name;
        this.stage = stage;
        this.copies = copies;
        this.split = split;
        this.forms = EnumSet.of(form, more);
    }

    /** The pipeline stage a dead letter of this step names. */
    public Stage stage() {
        return stage;
    }

    /** True for the update processors of global stores, whose failures cannot go to a dead letter topic. */
    public boolean isGlobal() {
        return forms.contains(GLOBAL_STORE);
    }

    /** The name of a step the topology has one copy of. */
    public String id() {
        if (copies != ONE) {
            throw new IllegalStateException(this + " has a copy per track; name the track");
        }
        return name;
    }

    /** The name of this step's copy on {@code track}. */
    public String id(final Track track) {
        if (!isOn(track)) {
            throw new IllegalStateException(this + " has no copy on the " + track + " track");
        }
        return copies == ONE ? name : track.prefix() + name;
    }

    /** The name of a branch within its split ({@code Branched}), which Streams puts after the split's name. */
    public String branch() {
        if (!forms.contains(BRANCH)) {
            throw new IllegalStateException(this + " is no branch");
        }
        return name;
    }

    /** The node of a branch the topology has one copy of, by which the split's map of branches holds it. */
    public String branchId() {
        return split.id() + branch();
    }

    /** The step that makes the records of a branch the topology has one copy of. */
    public String record() {
        return id() + "-record";
    }

    /** The step that makes this branch's records on {@code track}. */
    public String record(final Track track) {
        return id(track) + "-record";
    }

    /** The sink a step the topology has one copy of writes to. */
    public String sink() {
        return id() + "-sink";
    }

    /** The sink this step writes to on {@code track}. */
    public String sink(final Track track) {
        return id(track) + "-sink";
    }

    /** How the source of this name reads {@code topic}. */
    public <V> Consumed<String, V> consumed(final Topic<String, V> topic) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(id());
    }

    /** How the sink of a step the topology has one copy of writes {@code topic}. */
    public <V> Produced<String, V> produced(final Topic<String, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(sink());
    }

    /** How the sink of this step's copy on {@code track} writes {@code topic}. */
    public <V> Produced<String, V> produced(final Topic<String, V> topic, final Track track) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(sink(track));
    }

    /** Every node of the topology this constant names, on every track it has a copy on. */
    public List<String> nodes() {
        final List<String> nodes = new ArrayList<>();
        for (final Track track : Track.values()) {
            if (isOn(track)) {
                nodes.addAll(nodes(track));
            }
        }
        return nodes;
    }

    private boolean isOn(final Track track) {
        return switch (copies) {
            case ONE -> track == Track.MAIN;
            case PER_TRACK -> true;
            case OVERFLOW_ONLY -> track == Track.OVERFLOW;
        };
    }

    private List<String> nodes(final Track track) {
        final String id = id(track);
        final List<String> nodes = new ArrayList<>();
        for (final Form form : forms) {
            switch (form) {
                case STEP -> nodes.add(id);
                case TABLE, GLOBAL_STORE -> nodes.addAll(List.of(id + "-source", id));
                case REPARTITION ->
                    nodes.addAll(
                            List.of(id + "-repartition-filter", id + "-repartition-sink", id + "-repartition-source"));
                case BRANCH -> nodes.add(split.id(track) + name);
                case RECORD -> nodes.add(record(track));
                case SINK -> nodes.add(sink(track));
            }
        }
        return nodes;
    }

    /** The constant naming a node of the topology, by the node's exact name. */
    public static Optional<Node> of(final String nodeName) {
        return Optional.ofNullable(nodeName == null ? null : BY_NAME.get(nodeName));
    }

    /** The stage of a node for its dead letters; UNKNOWN for a name the topology does not have. */
    public static Stage stageOf(final String nodeName) {
        return of(nodeName).map(Node::stage).orElse(Stage.UNKNOWN);
    }

    /** True for the nodes of the global stores. */
    public static boolean isGlobal(final String nodeName) {
        return of(nodeName).map(Node::isGlobal).orElse(false);
    }

    private static Map<String, Node> index() {
        final Map<String, Node> byName = new HashMap<>();
        for (final Node node : values()) {
            for (final String nodeName : node.nodes()) {
                final Node earlier = byName.put(nodeName, node);
                if (earlier != null) {
                    throw new IllegalStateException(nodeName + " is named by both " + earlier + " and " + node);
                }
            }
        }
        return Map.copyOf(byName);
    }
}
