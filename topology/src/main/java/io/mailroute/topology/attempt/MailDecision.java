package io.mailroute.topology.attempt;

import java.util.List;

/** Everything one mail attempt writes: its outcome records and its status. */
public record MailDecision(List<Routed> routes) {
    public MailDecision {
        routes = List.copyOf(routes);
    }
}
