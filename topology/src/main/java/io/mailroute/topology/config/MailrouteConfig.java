package io.mailroute.topology.config;

import io.mailroute.s3.S3ConfigFragment;
import io.mailroute.s3.S3ConfigFragment.CallDefaults;
import io.mailroute.s3.S3Settings;
import io.mailroute.topology.parse.ParserSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The topology's own settings ({@code mailroute.*}). Topic names ({@code mailroute.topic.*}) are
 * read by {@link io.mailroute.schemas.topics.TopicNames}; Streams and serde settings pass through.
 * The claim-check fetch reads the S3 keys every part of mailroute has, under {@code mailroute.}
 * ({@link #S3}: {@code mailroute.s3.endpoint}, {@code mailroute.s3.access.key.id}, ...).
 */
public final class MailrouteConfig extends AbstractConfig {
    private static final String GROUP_TOPOLOGY = "Topology";
    private static final String GROUP_PARSER = "Parser";
    private static final String GROUP_AUTH = "Authentication";
    private static final String GROUP_RETRY = "Retry";
    private static final String GROUP_BOUNCE = "Bounces";
    private static final String GROUP_FLOOD = "Flood isolation";

    public static final String DEDUP_WINDOW_MS_CONFIG = "mailroute.dedup.window.ms";
    private static final String DEDUP_WINDOW_MS_DOC =
            "How long a mail id (with its re-publication attempt) is remembered, in "
                    + "milliseconds of its S3 arrival time; a re-delivery within this window is dropped as a duplicate.";
    public static final long DEDUP_WINDOW_MS_DEFAULT = Duration.ofDays(1).toMillis();

    public static final String RULES_FALLBACK_CONFIG = "mailroute.rules.fallback";
    private static final String RULES_FALLBACK_DOC =
            "Rules used while the rules topic is empty: 'default' for the pack in the jar, "
                    + "'none' for no rules (every mail then waits as UNCLASSIFIED).";
    public static final String RULES_FALLBACK_DEFAULT = "default";

    public static final String MAIL_BUDGET_MS_CONFIG = "mailroute.mail.budget.ms";
    private static final String MAIL_BUDGET_MS_DOC =
            "Longest time, in milliseconds, one mail may hold a stream thread while it "
                    + "is parsed and classified; past it the mail becomes a dead letter (errorClass mailroute:budget-exceeded) and the "
                    + "thread goes on with the next record.";
    public static final long MAIL_BUDGET_MS_DEFAULT = 2_000;

    public static final String PARSER_PROFILE_CONFIG = "mailroute.parser.profile";
    private static final String PARSER_PROFILE_DOC =
            "LENIENT reads what it can and records warnings; STRICT sends malformed or "
                    + "over-limit mail to the DLQ. The limits below override the profile's.";
    public static final String PARSER_PROFILE_DEFAULT = "LENIENT";

    public static final String PARSER_MAX_HEADER_COUNT_CONFIG = "mailroute.parser.max.header.count";
    private static final String PARSER_MAX_HEADER_COUNT_DOC =
            "Header fields read per header block; further fields are ignored.";

    public static final String PARSER_MAX_HEADER_BYTES_CONFIG = "mailroute.parser.max.header.bytes";
    private static final String PARSER_MAX_HEADER_BYTES_DOC =
            "Bytes of one header block; beyond it the rest is read as body.";

    public static final String PARSER_MAX_PART_DEPTH_CONFIG = "mailroute.parser.max.part.depth";
    private static final String PARSER_MAX_PART_DEPTH_DOC = "Nesting of multiparts walked; deeper parts are skipped.";

    public static final String PARSER_MAX_BODY_BYTES_CONFIG = "mailroute.parser.max.body.bytes";
    private static final String PARSER_MAX_BODY_BYTES_DOC =
            "Decoded bytes of the text body that BODY conditions and extractions see.";

    public static final String PARSER_EXCERPT_CHARS_CONFIG = "mailroute.parser.excerpt.chars";
    private static final String PARSER_EXCERPT_CHARS_DOC = "Characters of body text in ClassifiedMail.textExcerpt.";

    public static final String PARSER_MAX_BOUNCE_RECIPIENTS_CONFIG = "mailroute.parser.max.bounce.recipients";
    private static final String PARSER_MAX_BOUNCE_RECIPIENTS_DOC = "Failed recipients read from one bounce mail; "
            + "further ones are only counted (ClassifiedMail.bouncesOmitted), so that a bounce naming thousands "
            + "costs no more than one naming this many.";
    public static final int PARSER_MAX_BOUNCE_RECIPIENTS_DEFAULT = 100;

    public static final String AUTH_TRUSTED_AUTHSERV_IDS_CONFIG = "mailroute.auth.trusted.authserv.ids";
    private static final String AUTH_TRUSTED_AUTHSERV_IDS_DOC = "authserv-ids of the receiving servers whose "
            + "Authentication-Results are believed: only the topmost Authentication-Results field counts, and "
            + "only when its authserv-id is one of these; anything else may have been written by the sender "
            + "(docs/rules.md, Threat model).";
    public static final String AUTH_TRUSTED_AUTHSERV_IDS_DEFAULT = "amazonses.com";

    public static final String RETRY_MAX_ATTEMPTS_CONFIG = "mailroute.retry.max.attempts";
    private static final String RETRY_MAX_ATTEMPTS_DOC =
            "Processing attempts of a mail waiting for an owner, a rule or a transient "
                    + "fix; the attempt that reaches this number goes to the DLQ instead of mail.retry.";
    public static final int RETRY_MAX_ATTEMPTS_DEFAULT = 6;

    public static final String RETRY_BACKOFF_INITIAL_MS_CONFIG = "mailroute.retry.backoff.initial.ms";
    private static final String RETRY_BACKOFF_INITIAL_MS_DOC =
            "Wait before the first automatic retry, in milliseconds; doubled per attempt.";
    public static final long RETRY_BACKOFF_INITIAL_MS_DEFAULT =
            Duration.ofMinutes(5).toMillis();

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "mailroute.retry.backoff.max.ms";
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "Longest wait between automatic retries, in milliseconds.";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = Duration.ofHours(6).toMillis();

    public static final String RETRY_CHECK_INTERVAL_MS_CONFIG = "mailroute.retry.check.interval.ms";
    private static final String RETRY_CHECK_INTERVAL_MS_DOC =
            "How often (wall clock) waiting mails are checked for release: backoff "
                    + "elapsed, owner mapping arrived, or rule set changed; in milliseconds.";
    public static final long RETRY_CHECK_INTERVAL_MS_DEFAULT =
            Duration.ofSeconds(30).toMillis();

    public static final String FLOOD_WINDOW_MS_CONFIG = "mailroute.flood.window.ms";
    private static final String FLOOD_WINDOW_MS_DOC =
            "Tumbling window, in milliseconds of S3 arrival time, in which the mails of "
                    + "each sender and each owner are counted against the flood quota.";
    public static final long FLOOD_WINDOW_MS_DEFAULT = Duration.ofMinutes(1).toMillis();

    public static final String FLOOD_QUOTA_CONFIG = "mailroute.flood.quota";
    private static final String FLOOD_QUOTA_DOC =
            "Mails one sender or one owner may have per window; from the next one on it is a "
                    + "flooder: its mail goes to the overflow lane (mail.overflow, processed apart) and one FLOOD alert per window is raised.";
    public static final int FLOOD_QUOTA_DEFAULT = 10_000;

    public static final String FLOOD_FLAG_MS_CONFIG = "mailroute.flood.flag.ms";
    private static final String FLOOD_FLAG_MS_DOC =
            "How long a flooder stays flagged after it last went over its quota, in "
                    + "milliseconds of S3 arrival time; all its mail takes the overflow lane meanwhile.";
    public static final long FLOOD_FLAG_MS_DEFAULT = Duration.ofMinutes(10).toMillis();

    public static final String FLOOD_SENDER_KEY_CONFIG = "mailroute.flood.sender.key";
    private static final String FLOOD_SENDER_KEY_DOC =
            "What counts as one sender: 'address' (the From address) or 'domain' "
                    + "(its domain, so that a flood from many addresses of one domain is caught).";
    public static final String FLOOD_SENDER_KEY_DEFAULT = "address";

    /**
     * The S3 keys of the claim-check fetch, under {@code mailroute.}: a fetch blocks a stream
     * thread, so it tries 3 times within 10 s (keep the timeout well below
     * {@code max.poll.interval.ms}) before the mail waits in mail.retry as TRANSIENT.
     */
    public static final S3ConfigFragment S3 =
            new S3ConfigFragment("mailroute.", new CallDefaults(3, Duration.ofSeconds(10)));

    public static final String BOUNCE_TICKET_QUIET_MS_CONFIG = "mailroute.bounce.ticket.quiet.ms";
    private static final String BOUNCE_TICKET_QUIET_MS_DOC =
            "A bounce ticket with no further bounce for this long (wall clock) " + "is closed, in milliseconds.";
    public static final long BOUNCE_TICKET_QUIET_MS_DEFAULT = Duration.ofDays(3).toMillis();

    public static final String BOUNCE_CHECK_INTERVAL_MS_CONFIG = "mailroute.bounce.check.interval.ms";
    private static final String BOUNCE_CHECK_INTERVAL_MS_DOC =
            "How often (wall clock) open bounce tickets, soft-bounce counts "
                    + "and bounce rates are checked for expiry, in milliseconds.";
    public static final long BOUNCE_CHECK_INTERVAL_MS_DEFAULT =
            Duration.ofMinutes(1).toMillis();

    public static final String BOUNCE_SOFT_TO_HARD_CONFIG = "mailroute.bounce.soft.to.hard";
    private static final String BOUNCE_SOFT_TO_HARD_DOC =
            "Soft bounces of one address within the soft-bounce window that " + "suppress it like a hard bounce.";
    public static final int BOUNCE_SOFT_TO_HARD_DEFAULT = 3;

    public static final String BOUNCE_SOFT_WINDOW_MS_CONFIG = "mailroute.bounce.soft.window.ms";
    private static final String BOUNCE_SOFT_WINDOW_MS_DOC =
            "Window (of the bounces' arrival times) in which soft bounces of "
                    + "one address are counted, in milliseconds.";
    public static final long BOUNCE_SOFT_WINDOW_MS_DEFAULT = Duration.ofDays(7).toMillis();

    public static final String BOUNCE_UNVERIFIED_WINDOW_MS_CONFIG = "mailroute.bounce.unverified.window.ms";
    private static final String BOUNCE_UNVERIFIED_WINDOW_MS_DOC = "Window (of the bounces' arrival times) in which "
            + "unverified bounces of one address from two different reporting domains corroborate each other and count "
            + "like a verified bounce, in milliseconds.";
    public static final long BOUNCE_UNVERIFIED_WINDOW_MS_DEFAULT =
            Duration.ofDays(7).toMillis();

    public static final String BOUNCE_RATE_WINDOW_MS_CONFIG = "mailroute.bounce.rate.window.ms";
    private static final String BOUNCE_RATE_WINDOW_MS_DOC =
            "Sliding window (wall clock, in 60 steps) over which bounce rates "
                    + "per owner and domain are measured, in milliseconds.";
    public static final long BOUNCE_RATE_WINDOW_MS_DEFAULT = Duration.ofHours(1).toMillis();

    public static final String BOUNCE_RATE_WARNING_CONFIG = "mailroute.bounce.rate.warning";
    private static final String BOUNCE_RATE_WARNING_DOC =
            "Bounce rate (0..1, bounces per mail sent, from mail.sent-counts) at which a WARNING alert is raised.";
    public static final double BOUNCE_RATE_WARNING_DEFAULT = 0.05;

    public static final String BOUNCE_RATE_CRITICAL_CONFIG = "mailroute.bounce.rate.critical";
    private static final String BOUNCE_RATE_CRITICAL_DOC =
            "Bounce rate (0..1, bounces per mail sent, from mail.sent-counts) at which a CRITICAL alert is raised.";
    public static final double BOUNCE_RATE_CRITICAL_DEFAULT = 0.10;

    public static final String BOUNCE_RATE_MIN_VOLUME_CONFIG = "mailroute.bounce.rate.min.volume";
    private static final String BOUNCE_RATE_MIN_VOLUME_DOC =
            "Mails an owner or domain must have sent in the window (mail.sent-counts) before its bounce rate can "
                    + "raise an alert.";
    public static final int BOUNCE_RATE_MIN_VOLUME_DEFAULT = 20;

    public static final String BOUNCE_COUNT_WARNING_CONFIG = "mailroute.bounce.count.warning";
    private static final String BOUNCE_COUNT_WARNING_DOC = "Bounces in the bounce-rate window at which a WARNING "
            + "alert is raised for an owner or domain without sent counts for the window (no rate without them).";
    public static final int BOUNCE_COUNT_WARNING_DEFAULT = 25;

    public static final String BOUNCE_COUNT_CRITICAL_CONFIG = "mailroute.bounce.count.critical";
    private static final String BOUNCE_COUNT_CRITICAL_DOC = "Bounces in the bounce-rate window at which a CRITICAL "
            + "alert is raised for an owner or domain without sent counts for the window.";
    public static final int BOUNCE_COUNT_CRITICAL_DEFAULT = 100;

    private static final ConfigDef CONFIG_DEF = configDef();

    public MailrouteConfig(final Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    /** The {@code mailroute.*} keys with their defaults and documentation. */
    public static ConfigDef configDef() {
        int topology = 0;
        int parser = 0;
        int retry = 0;
        int flood = 0;
        return defineBounces(S3.define(new ConfigDef()
                .define(
                        DEDUP_WINDOW_MS_CONFIG,
                        Type.LONG,
                        DEDUP_WINDOW_MS_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        DEDUP_WINDOW_MS_DOC,
                        GROUP_TOPOLOGY,
                        ++topology,
                        ConfigDef.Width.SHORT,
                        "Dedup window")
                .define(
                        RULES_FALLBACK_CONFIG,
                        Type.STRING,
                        RULES_FALLBACK_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("default", "none"),
                        Importance.MEDIUM,
                        RULES_FALLBACK_DOC,
                        GROUP_TOPOLOGY,
                        ++topology,
                        ConfigDef.Width.SHORT,
                        "Fallback rules")
                .define(
                        MAIL_BUDGET_MS_CONFIG,
                        Type.LONG,
                        MAIL_BUDGET_MS_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        MAIL_BUDGET_MS_DOC,
                        GROUP_TOPOLOGY,
                        ++topology,
                        ConfigDef.Width.SHORT,
                        "Mail budget")
                .define(
                        PARSER_PROFILE_CONFIG,
                        Type.STRING,
                        PARSER_PROFILE_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("LENIENT", "STRICT"),
                        Importance.MEDIUM,
                        PARSER_PROFILE_DOC,
                        GROUP_PARSER,
                        ++parser,
                        ConfigDef.Width.SHORT,
                        "Parser profile")
                .define(
                        PARSER_MAX_HEADER_COUNT_CONFIG,
                        Type.INT,
                        null,
                        Importance.LOW,
                        PARSER_MAX_HEADER_COUNT_DOC,
                        GROUP_PARSER,
                        ++parser,
                        ConfigDef.Width.SHORT,
                        "Max header fields")
                .define(
                        PARSER_MAX_HEADER_BYTES_CONFIG,
                        Type.INT,
                        null,
                        Importance.LOW,
                        PARSER_MAX_HEADER_BYTES_DOC,
                        GROUP_PARSER,
                        ++parser,
                        ConfigDef.Width.SHORT,
                        "Max header bytes")
                .define(
                        PARSER_MAX_PART_DEPTH_CONFIG,
                        Type.INT,
                        null,
                        Importance.LOW,
                        PARSER_MAX_PART_DEPTH_DOC,
                        GROUP_PARSER,
                        ++parser,
                        ConfigDef.Width.SHORT,
                        "Max part depth")
                .define(
                        PARSER_MAX_BODY_BYTES_CONFIG,
                        Type.INT,
                        null,
                        Importance.LOW,
                        PARSER_MAX_BODY_BYTES_DOC,
                        GROUP_PARSER,
                        ++parser,
                        ConfigDef.Width.SHORT,
                        "Max body bytes")
                .define(
                        PARSER_EXCERPT_CHARS_CONFIG,
                        Type.INT,
                        null,
                        Importance.LOW,
                        PARSER_EXCERPT_CHARS_DOC,
                        GROUP_PARSER,
                        ++parser,
                        ConfigDef.Width.SHORT,
                        "Excerpt characters")
                .define(
                        PARSER_MAX_BOUNCE_RECIPIENTS_CONFIG,
                        Type.INT,
                        PARSER_MAX_BOUNCE_RECIPIENTS_DEFAULT,
                        Range.atLeast(1),
                        Importance.LOW,
                        PARSER_MAX_BOUNCE_RECIPIENTS_DOC,
                        GROUP_PARSER,
                        ++parser,
                        ConfigDef.Width.SHORT,
                        "Max bounce recipients")
                .define(
                        AUTH_TRUSTED_AUTHSERV_IDS_CONFIG,
                        Type.LIST,
                        AUTH_TRUSTED_AUTHSERV_IDS_DEFAULT,
                        MailrouteConfig::nonEmpty,
                        Importance.HIGH,
                        AUTH_TRUSTED_AUTHSERV_IDS_DOC,
                        GROUP_AUTH,
                        1,
                        ConfigDef.Width.LONG,
                        "Trusted authserv-ids")
                .define(
                        RETRY_MAX_ATTEMPTS_CONFIG,
                        Type.INT,
                        RETRY_MAX_ATTEMPTS_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        RETRY_MAX_ATTEMPTS_DOC,
                        GROUP_RETRY,
                        ++retry,
                        ConfigDef.Width.SHORT,
                        "Max attempts")
                .define(
                        RETRY_BACKOFF_INITIAL_MS_CONFIG,
                        Type.LONG,
                        RETRY_BACKOFF_INITIAL_MS_DEFAULT,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        RETRY_BACKOFF_INITIAL_MS_DOC,
                        GROUP_RETRY,
                        ++retry,
                        ConfigDef.Width.SHORT,
                        "Initial backoff")
                .define(
                        RETRY_BACKOFF_MAX_MS_CONFIG,
                        Type.LONG,
                        RETRY_BACKOFF_MAX_MS_DEFAULT,
                        Range.atLeast(0),
                        Importance.LOW,
                        RETRY_BACKOFF_MAX_MS_DOC,
                        GROUP_RETRY,
                        ++retry,
                        ConfigDef.Width.SHORT,
                        "Max backoff")
                .define(
                        RETRY_CHECK_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        RETRY_CHECK_INTERVAL_MS_DEFAULT,
                        Range.atLeast(1),
                        Importance.LOW,
                        RETRY_CHECK_INTERVAL_MS_DOC,
                        GROUP_RETRY,
                        ++retry,
                        ConfigDef.Width.SHORT,
                        "Check interval")
                .define(
                        FLOOD_WINDOW_MS_CONFIG,
                        Type.LONG,
                        FLOOD_WINDOW_MS_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        FLOOD_WINDOW_MS_DOC,
                        GROUP_FLOOD,
                        ++flood,
                        ConfigDef.Width.SHORT,
                        "Flood window")
                .define(
                        FLOOD_QUOTA_CONFIG,
                        Type.INT,
                        FLOOD_QUOTA_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        FLOOD_QUOTA_DOC,
                        GROUP_FLOOD,
                        ++flood,
                        ConfigDef.Width.SHORT,
                        "Flood quota")
                .define(
                        FLOOD_FLAG_MS_CONFIG,
                        Type.LONG,
                        FLOOD_FLAG_MS_DEFAULT,
                        Range.atLeast(0),
                        Importance.LOW,
                        FLOOD_FLAG_MS_DOC,
                        GROUP_FLOOD,
                        ++flood,
                        ConfigDef.Width.SHORT,
                        "Flooder flagged for")
                .define(
                        FLOOD_SENDER_KEY_CONFIG,
                        Type.STRING,
                        FLOOD_SENDER_KEY_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("address", "domain"),
                        Importance.LOW,
                        FLOOD_SENDER_KEY_DOC,
                        GROUP_FLOOD,
                        ++flood,
                        ConfigDef.Width.SHORT,
                        "Sender key")));
    }

    private static ConfigDef defineBounces(final ConfigDef def) {
        int order = 0;
        return def.define(
                        BOUNCE_TICKET_QUIET_MS_CONFIG,
                        Type.LONG,
                        BOUNCE_TICKET_QUIET_MS_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        BOUNCE_TICKET_QUIET_MS_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Ticket quiet period")
                .define(
                        BOUNCE_CHECK_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        BOUNCE_CHECK_INTERVAL_MS_DEFAULT,
                        Range.atLeast(1),
                        Importance.LOW,
                        BOUNCE_CHECK_INTERVAL_MS_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Check interval")
                .define(
                        BOUNCE_SOFT_TO_HARD_CONFIG,
                        Type.INT,
                        BOUNCE_SOFT_TO_HARD_DEFAULT,
                        Range.between(1, 1000),
                        Importance.MEDIUM,
                        BOUNCE_SOFT_TO_HARD_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Soft bounces to suppress")
                .define(
                        BOUNCE_SOFT_WINDOW_MS_CONFIG,
                        Type.LONG,
                        BOUNCE_SOFT_WINDOW_MS_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        BOUNCE_SOFT_WINDOW_MS_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Soft-bounce window")
                .define(
                        BOUNCE_UNVERIFIED_WINDOW_MS_CONFIG,
                        Type.LONG,
                        BOUNCE_UNVERIFIED_WINDOW_MS_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        BOUNCE_UNVERIFIED_WINDOW_MS_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Unverified-bounce window")
                .define(
                        BOUNCE_RATE_WINDOW_MS_CONFIG,
                        Type.LONG,
                        BOUNCE_RATE_WINDOW_MS_DEFAULT,
                        Range.atLeast(60),
                        Importance.MEDIUM,
                        BOUNCE_RATE_WINDOW_MS_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Bounce-rate window")
                .define(
                        BOUNCE_RATE_WARNING_CONFIG,
                        Type.DOUBLE,
                        BOUNCE_RATE_WARNING_DEFAULT,
                        Range.between(0, 1),
                        Importance.MEDIUM,
                        BOUNCE_RATE_WARNING_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Warning rate")
                .define(
                        BOUNCE_RATE_CRITICAL_CONFIG,
                        Type.DOUBLE,
                        BOUNCE_RATE_CRITICAL_DEFAULT,
                        Range.between(0, 1),
                        Importance.MEDIUM,
                        BOUNCE_RATE_CRITICAL_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Critical rate")
                .define(
                        BOUNCE_RATE_MIN_VOLUME_CONFIG,
                        Type.INT,
                        BOUNCE_RATE_MIN_VOLUME_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        BOUNCE_RATE_MIN_VOLUME_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Minimum volume")
                .define(
                        BOUNCE_COUNT_WARNING_CONFIG,
                        Type.INT,
                        BOUNCE_COUNT_WARNING_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        BOUNCE_COUNT_WARNING_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Warning count")
                .define(
                        BOUNCE_COUNT_CRITICAL_CONFIG,
                        Type.INT,
                        BOUNCE_COUNT_CRITICAL_DEFAULT,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        BOUNCE_COUNT_CRITICAL_DOC,
                        GROUP_BOUNCE,
                        ++order,
                        ConfigDef.Width.SHORT,
                        "Critical count");
    }

    /** The settings of the bounce stage: ticket expiry, suppressions and bounce-rate alerts. */
    public BounceSettings bounceSettings() {
        final double warning = getDouble(BOUNCE_RATE_WARNING_CONFIG);
        final double critical = getDouble(BOUNCE_RATE_CRITICAL_CONFIG);
        if (critical < warning) {
            throw new ConfigException(
                    BOUNCE_RATE_CRITICAL_CONFIG,
                    critical,
                    "must not be below " + BOUNCE_RATE_WARNING_CONFIG + " " + warning);
        }
        final int warningCount = getInt(BOUNCE_COUNT_WARNING_CONFIG);
        final int criticalCount = getInt(BOUNCE_COUNT_CRITICAL_CONFIG);
        if (criticalCount < warningCount) {
            throw new ConfigException(
                    BOUNCE_COUNT_CRITICAL_CONFIG,
                    criticalCount,
                    "must not be below " + BOUNCE_COUNT_WARNING_CONFIG + " " + warningCount);
        }
        return new BounceSettings(
                Duration.ofMillis(getLong(BOUNCE_TICKET_QUIET_MS_CONFIG)),
                Duration.ofMillis(getLong(BOUNCE_CHECK_INTERVAL_MS_CONFIG)),
                getInt(BOUNCE_SOFT_TO_HARD_CONFIG),
                Duration.ofMillis(getLong(BOUNCE_SOFT_WINDOW_MS_CONFIG)),
                Duration.ofMillis(getLong(BOUNCE_UNVERIFIED_WINDOW_MS_CONFIG)),
                Duration.ofMillis(getLong(BOUNCE_RATE_WINDOW_MS_CONFIG)),
                warning,
                critical,
                getInt(BOUNCE_RATE_MIN_VOLUME_CONFIG),
                warningCount,
                criticalCount);
    }

    public Duration dedupWindow() {
        return Duration.ofMillis(getLong(DEDUP_WINDOW_MS_CONFIG));
    }

    /** How long one mail may hold a stream thread. */
    public Duration mailBudget() {
        return Duration.ofMillis(getLong(MAIL_BUDGET_MS_CONFIG));
    }

    /** True when the default pack applies while mail.rules is empty. */
    public boolean defaultRulesFallback() {
        return getString(RULES_FALLBACK_CONFIG).equalsIgnoreCase("default");
    }

    /** The parser settings: the profile with any overridden limits. */
    public ParserSettings parserSettings() {
        final ParserSettings profile =
                getString(PARSER_PROFILE_CONFIG).toUpperCase(Locale.ROOT).equals("STRICT")
                        ? ParserSettings.STRICT
                        : ParserSettings.LENIENT;
        final ParserSettings.Builder builder = profile.toBuilder();
        override(PARSER_MAX_HEADER_COUNT_CONFIG, builder::maxHeaderCount);
        override(PARSER_MAX_HEADER_BYTES_CONFIG, builder::maxHeaderBytes);
        override(PARSER_MAX_PART_DEPTH_CONFIG, builder::maxPartDepth);
        override(PARSER_MAX_BODY_BYTES_CONFIG, builder::maxBodyBytes);
        override(PARSER_EXCERPT_CHARS_CONFIG, builder::excerptChars);
        return builder.maxBounceRecipients(getInt(PARSER_MAX_BOUNCE_RECIPIENTS_CONFIG))
                .trustedAuthservIds(Set.copyOf(getList(AUTH_TRUSTED_AUTHSERV_IDS_CONFIG)))
                .build();
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(
                getInt(RETRY_MAX_ATTEMPTS_CONFIG),
                Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_MS_CONFIG)),
                Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG)));
    }

    public Duration retryCheckInterval() {
        return Duration.ofMillis(getLong(RETRY_CHECK_INTERVAL_MS_CONFIG));
    }

    /** The flood isolation settings. */
    public FloodPolicy floodPolicy() {
        return new FloodPolicy(
                Duration.ofMillis(getLong(FLOOD_WINDOW_MS_CONFIG)),
                getInt(FLOOD_QUOTA_CONFIG),
                Duration.ofMillis(getLong(FLOOD_FLAG_MS_CONFIG)),
                getString(FLOOD_SENDER_KEY_CONFIG).equalsIgnoreCase("domain"));
    }

    /** How the claim-check fetch reaches S3 ({@code mailroute.s3.*}). */
    public S3Settings s3Settings() {
        return S3.settings(this);
    }

    private static void nonEmpty(final String key, final Object value) {
        if (value instanceof List<?> list
                && list.stream().allMatch(id -> id.toString().isBlank())) {
            throw new ConfigException(key, value, "name at least one receiving server");
        }
    }

    private void override(final String key, final IntConsumer setter) {
        final Integer value = getInt(key);
        if (value != null) {
            setter.accept(value);
        }
    }
}
