package io.mailroute.topology.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeTest {

    @ParameterizedTest
    @CsvSource({
        "mail-raw-source, DEDUP",
        "release-waiting-mail-next-attempt, RETRY",
        "end-wait-sink, RETRY",
        "mail-overflow-source, FETCH",
        "overflow-lane-entry, FETCH",
        "overflow-lane-parse-mail, PARSE",
        "flood-count-repartition-source, CLASSIFY",
        "count-floods-sink, CLASSIFY",
        "route-notify, ROUTE",
        "retry-record, ROUTE",
        "overflow-lane-new-pattern-repartition-filter, ROUTE",
        "bounce-by-address-merge, ROUTE"
    })
    void shouldFindTheStageOfANodeByItsExactName(final String nodeName, final Stage stage) {
        assertThat(Node.stageOf(nodeName)).isEqualTo(stage);
    }

    @Test
    void shouldGiveNoStageForANameTheTopologyDoesNotHave() {
        assertThat(Node.stageOf("overflow-lane-mail-raw-source")).isEqualTo(Stage.UNKNOWN); // the main track's only
        assertThat(Node.stageOf("parse-mail-sink")).isEqualTo(Stage.UNKNOWN);
        assertThat(Node.stageOf(null)).isEqualTo(Stage.UNKNOWN);
    }

    @Test
    void shouldTellTheGlobalStoresNodesApart() {
        assertThat(Node.isGlobal("index-owners")).isTrue();
        assertThat(Node.isGlobal("track-floods-source")).isTrue();
        assertThat(Node.isGlobal("status-table")).isFalse();
        assertThat(Node.isGlobal("parse-mail")).isFalse();
    }

    @Test
    void shouldPrefixTheOverflowTracksCopiesOnly() {
        assertThat(Node.FETCH.id(Track.MAIN)).isEqualTo("fetch-mail");
        assertThat(Node.FETCH.id(Track.OVERFLOW)).isEqualTo("overflow-lane-fetch-mail");
        assertThat(Node.NOTIFY.sink(Track.OVERFLOW)).isEqualTo("overflow-lane-notify-sink");
        assertThat(Node.OVERFLOW_ENTRY.id(Track.OVERFLOW)).isEqualTo("overflow-lane-entry");
        assertThatThrownBy(() -> Node.FLOOD_CHECK.id(Track.OVERFLOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(Node.FETCH::id).isInstanceOf(IllegalStateException.class);
    }
}
