package io.mailroute.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class BenchChartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void drawsOneBarPerPhaseScaledToTheFastest() throws Exception {
        final JsonNode result = JSON.readTree("""
                {"mails": 1000,
                 "parseOnly": {"mailsPerSec": 20000}, "brokerOnly": {"mailsPerSec": 40000},
                 "passthrough": {"mailsPerSec": 30000}, "topology": {"mailsPerSec": 12000},
                 "pipeline": {"mailsPerSec": 8000, "latencyMs": {"p50": 120, "p95": 300, "p99": 450}}}
                """);

        final Document svg = parse(BenchChart.svg(result));

        final NodeList bars = svg.getElementsByTagName("rect");
        assertThat(bars.getLength()).isEqualTo(1 + BenchChart.PHASES.size());
        assertThat(width(bars, 2)).isEqualTo(420); // brokerOnly is the fastest: the full bar
        assertThat(width(bars, 1)).isEqualTo(210); // parseOnly: half of it
        assertThat(svg.getDocumentElement().getTextContent())
                .contains("1000 mails", "40,000", "8,000", "p99 450 ms", "S3 put → lane");
    }

    @Test
    void marksPhasesThatDidNotRun() throws Exception {
        final Document svg = parse(BenchChart.svg(JSON.readTree("{\"parseOnly\": {\"mailsPerSec\": 5}}")));

        assertThat(svg.getDocumentElement().getTextContent()).contains("not run").doesNotContain("latency");
    }

    private static int width(final NodeList bars, final int index) {
        return Integer.parseInt(bars.item(index).getAttributes().getNamedItem("width").getNodeValue());
    }

    private static Document parse(final String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }
}
