package io.mailroute.cli.local;

import java.util.Map;

/** Where the demo mails go: distinct demo mails per lane, in local mode and in docker-compose alike. */
final class DemoLanes {
    static final Map<String, Long> EXPECTED = Map.of(
            "notify", 4L, // billing, health, the Japanese notice, and the abuse report (also a ticket)
            "ticket", 4L, // support case, abuse report, the two bounces
            "order-import", 2L,
            "quarantine", 1L, // the spoofed billing mail
            "retry", 1L, // the mail no rule knows
            "dlq", 1L); // the broken MIME mail

    private DemoLanes() {}
}
