package io.mailroute.topology.classify;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Bounce;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Severity;
import io.mailroute.avro.Stage;
import io.mailroute.avro.TicketAction;
import io.mailroute.avro.Verdict;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.Routed;
import io.mailroute.topology.bouncereport.BounceDetector;
import io.mailroute.topology.owner.ContactsLookup;
import io.mailroute.topology.owner.Owner;
import io.mailroute.topology.owner.OwnerLookup;
import io.mailroute.topology.parse.ParsedMail;
import io.mailroute.topology.rules.CompiledRule;
import io.mailroute.topology.rules.MailView;
import io.mailroute.topology.rules.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what one parsed mail becomes, in this order:
 * <ol>
 *   <li>a FAIL spam or virus verdict quarantines it, whatever the rules say;</li>
 *   <li>the first matching rule classifies it; none → UNCLASSIFIED retry plus a new-pattern sighting;</li>
 *   <li>a required extraction that finds nothing → UNCLASSIFIED retry;</li>
 *   <li>the rule's {@code requireAuth} not passed ({@link AuthRequirements}) → quarantine;</li>
 *   <li>owners: the accounts of its recipients, else the rule's owner fallback; none while the rule
 *       requires one → ACCOUNT_UNKNOWN retry;</li>
 *   <li>one record per owner and lane; no lanes → recorded in mail.status only. A notice (NOTIFY lane)
 *       carries its owner's contacts; without any, it is still written, and a NO_CONTACTS alert is
 *       raised with it ({@link NoContacts}).</li>
 * </ol>
 * Exactly one status record per attempt. Stateless and thread-safe.
 */
public final class Classifier {
    /** Category of verdict quarantines, which no rule decides. */
    static final String QUARANTINE_CATEGORY = "quarantine";
    /** Status detail of an owner whose notice has no contacts. */
    static final String NO_CONTACTS_DETAIL = "notice without contacts: nobody receives it";

    private final Outcomes outcomes;
    private final BounceDetector bounceDetector;
    private final int excerptChars;

    public Classifier(final Outcomes outcomes, final BounceDetector bounceDetector, final int excerptChars) {
        this.outcomes = outcomes;
        this.bounceDetector = bounceDetector;
        this.excerptChars = excerptChars;
    }

    /**
     * The decision on one parsed mail.
     *
     * @param owners   the owners by address and id
     * @param contacts the owners' contacts, which notices carry
     */
    public MailDecision classify(
            final ParsedAttempt parsed,
            final RuleSet rules,
            final OwnerLookup owners,
            final ContactsLookup contacts,
            final long now) {
        final MailAttempt attempt = parsed.attempt();
        final ParsedMail mail = parsed.mail();
        final MailView view = new MailView(mail, bounceDetector);
        final Outputs out = new Outputs(attempt, view, rules.version(), contacts, now);
        final String verdictFailure = verdictFailure(mail.auth());
        if (verdictFailure != null) {
            return out.quarantine(null, owners.ownersOf(mail.recipients()), verdictFailure, Map.of());
        }
        final Optional<CompiledRule> match = rules.firstMatch(view);
        if (match.isEmpty()) {
            final Routed.ToNewPattern sighting = newPattern(attempt, mail, now);
            return outcomes.retry(
                    attempt,
                    RetryReason.UNCLASSIFIED,
                    List.of(sighting.key()),
                    "no rule matches",
                    null,
                    mail,
                    rules.version(),
                    now,
                    List.of(sighting));
        }
        final CompiledRule rule = match.get();
        final Map<String, String> extracted = rule.extract(view);
        final List<String> missing = rule.missingRequired(extracted);
        if (!missing.isEmpty()) {
            return outcomes.retry(
                    attempt,
                    RetryReason.UNCLASSIFIED,
                    List.of(),
                    "rule " + rule.id() + " matched but found no " + String.join(", ", missing),
                    rule.id(),
                    mail,
                    rules.version(),
                    now,
                    List.of());
        }
        final List<Owner> found = new ArrayList<>(owners.ownersOf(mail.recipients()));
        final Optional<String> fallbackId = found.isEmpty() ? rule.fallbackOwnerId(view) : Optional.empty();
        fallbackId.flatMap(owners::byId).ifPresent(found::add);
        final String authFailure = AuthRequirements.failure(rule.rule().getRequireAuth(), mail.auth());
        if (authFailure != null) {
            return out.quarantine(rule, found, authFailure, extracted);
        }
        if (found.isEmpty() && rule.rule().getRequireOwner()) {
            final Set<String> waitingFor = new LinkedHashSet<>();
            mail.recipients().forEach(r -> waitingFor.add(r.getNormalized()));
            fallbackId.ifPresent(id -> waitingFor.add(Outcomes.ACCOUNT_PREFIX + id));
            return outcomes.retry(
                    attempt,
                    RetryReason.ACCOUNT_UNKNOWN,
                    List.copyOf(waitingFor),
                    "no owner for "
                            + (waitingFor.isEmpty() ? "a mail without recipients" : String.join(", ", waitingFor)),
                    rule.id(),
                    mail,
                    rules.version(),
                    now,
                    List.of());
        }
        return out.route(rule, found, extracted);
    }

    private static String verdictFailure(final AuthVerdicts auth) {
        final List<String> failures = new ArrayList<>(2);
        if (auth.getSpam() == Verdict.FAIL) {
            failures.add("spam verdict FAIL");
        }
        if (auth.getVirus() == Verdict.FAIL) {
            failures.add("virus verdict FAIL");
        }
        return failures.isEmpty() ? null : String.join(", ", failures);
    }

    private static Routed.ToNewPattern newPattern(final MailAttempt attempt, final ParsedMail mail, final long now) {
        final var alert = NewPatterns.sighting(attempt.mailId(), mail, now);
        return new Routed.ToNewPattern(alert.getAlertKey(), alert);
    }

    /** The records of one classified attempt, sharing what all owners and lanes have in common. */
    private final class Outputs {
        private final MailAttempt attempt;
        private final MailView view;
        private final String rulesVersion;
        private final ContactsLookup contacts;
        private final long now;
        private String excerpt;

        Outputs(
                final MailAttempt attempt,
                final MailView view,
                final String rulesVersion,
                final ContactsLookup contacts,
                final long now) {
            this.attempt = attempt;
            this.view = view;
            this.rulesVersion = rulesVersion;
            this.contacts = contacts;
            this.now = now;
        }

        MailDecision quarantine(
                final CompiledRule rule,
                final List<Owner> owners,
                final String reason,
                final Map<String, String> extracted) {
            final List<Routed> routes = new ArrayList<>();
            final List<OwnerOutcome> statuses = new ArrayList<>();
            final String category =
                    rule == null ? QUARANTINE_CATEGORY : rule.rule().getCategory();
            final String ruleId = rule == null ? null : rule.id();
            for (final Owner owner : ownersOrNobody(owners)) {
                routes.add(new Routed.ToLane(
                        attempt.mailId(),
                        Lane.QUARANTINE,
                        classified(owner, Lane.QUARANTINE, rule, category, reason, extracted, null)));
                statuses.add(OwnerOutcome.newBuilder()
                        .setOwnerId(ownerId(owner))
                        .setOutcome(Outcome.QUARANTINED)
                        .setLanes(List.of(Lane.QUARANTINE))
                        .setRuleId(ruleId)
                        .setCategory(category)
                        .setDetail(reason)
                        .build());
            }
            routes.add(outcomes.status(attempt, Stage.ROUTE, statuses, view.mail(), rulesVersion, now));
            return new MailDecision(routes);
        }

        MailDecision route(final CompiledRule rule, final List<Owner> owners, final Map<String, String> extracted) {
            final Rule r = rule.rule();
            final List<Routed> routes = new ArrayList<>();
            final List<Routed> alerts = new ArrayList<>();
            final List<OwnerOutcome> statuses = new ArrayList<>();
            final Outcome outcome = r.getLanes().isEmpty() ? Outcome.RECORDED : Outcome.ROUTED;
            for (final Owner owner : ownersOrNobody(owners)) {
                String detail = null;
                for (final Lane lane : r.getLanes()) {
                    final String key = lane == Lane.QUARANTINE || owner == null ? attempt.mailId() : owner.accountId();
                    OwnerContacts ownerContacts = null;
                    if (lane == Lane.NOTIFY) {
                        ownerContacts = contacts.contactsOf(ownerId(owner)).orElse(null);
                        if (ownerContacts == null) {
                            final Alert alert = NoContacts.alert(attempt.mailId(), owner, r.getCategory(), now);
                            alerts.add(new Routed.ToAlert(alert.getAlertKey(), alert));
                            detail = NO_CONTACTS_DETAIL;
                        }
                    }
                    routes.add(new Routed.ToLane(
                            key, lane, classified(owner, lane, rule, r.getCategory(), null, extracted, ownerContacts)));
                }
                statuses.add(OwnerOutcome.newBuilder()
                        .setOwnerId(ownerId(owner))
                        .setOutcome(outcome)
                        .setLanes(List.copyOf(r.getLanes()))
                        .setRuleId(rule.id())
                        .setCategory(r.getCategory())
                        .setDetail(detail)
                        .build());
            }
            routes.addAll(alerts);
            routes.add(outcomes.status(attempt, Stage.ROUTE, statuses, view.mail(), rulesVersion, now));
            return new MailDecision(routes);
        }

        private ClassifiedMail classified(
                final Owner owner,
                final Lane lane,
                final CompiledRule rule,
                final String category,
                final String quarantineReason,
                final Map<String, String> extracted,
                final OwnerContacts ownerContacts) {
            final ParsedMail mail = view.mail();
            final Severity severity =
                    rule == null ? Severity.MEDIUM : rule.rule().getSeverity();
            final boolean ticket = lane == Lane.TICKET;
            return ClassifiedMail.newBuilder()
                    .setMailId(attempt.mailId())
                    .setOwnerId(ownerId(owner))
                    .setOwnerName(owner == null ? null : owner.name())
                    .setLane(lane)
                    .setCategory(category)
                    .setSeverity(severity)
                    .setRuleId(rule == null ? null : rule.id())
                    .setRulesVersion(rulesVersion)
                    .setQuarantineReason(quarantineReason)
                    .setMessageId(mail.messageId())
                    .setSubject(mail.subject())
                    .setSubjectRaw(mail.subjectRaw())
                    .setFrom(mail.from())
                    .setRecipients(mail.recipients())
                    .setSentAt(mail.sentAt() == null ? null : Instant.ofEpochMilli(mail.sentAt()))
                    .setReceivedAt(attempt.mail().getReceivedAt())
                    .setClassifiedAt(Instant.ofEpochMilli(now))
                    .setTextExcerpt(excerpt(mail))
                    .setAttachments(mail.body().attachments())
                    .setAuth(mail.auth())
                    .setExtracted(Map.copyOf(extracted))
                    .setBounces(view.bounces())
                    .setBouncesOmitted(view.bouncesOmitted())
                    .setTicketAction(ticket ? ticketAction(rule) : null)
                    .setTicketKey(ticket ? ticketKey(extracted, view.bounces()) : null)
                    .setRaw(attempt.ref())
                    .setOwnerContacts(ownerContacts)
                    .build();
        }

        /** The start of the body text, computed once per attempt; null when there is no text. */
        private String excerpt(final ParsedMail mail) {
            if (excerpt == null) {
                final String text = mail.body().text().replace("\r\n", "\n").strip();
                excerpt = text.length() <= excerptChars ? text : text.substring(0, excerptChars);
            }
            return excerpt.isEmpty() ? null : excerpt;
        }

        private TicketAction ticketAction(final CompiledRule rule) {
            return rule == null || rule.rule().getTicketAction() == null
                    ? TicketAction.OPEN
                    : rule.rule().getTicketAction();
        }

        /** The ticket to open or update: an extracted ticketKey or caseId, else the bounced recipient, else the mail. */
        private String ticketKey(final Map<String, String> extracted, final List<Bounce> bounces) {
            if (extracted.containsKey("ticketKey")) {
                return extracted.get("ticketKey");
            }
            if (extracted.containsKey("caseId")) {
                return extracted.get("caseId");
            }
            return bounces.isEmpty() ? attempt.mailId() : bounces.get(0).getRecipient();
        }
    }

    private static List<Owner> ownersOrNobody(final List<Owner> owners) {
        if (owners.isEmpty()) {
            final List<Owner> nobody = new ArrayList<>(1);
            nobody.add(null);
            return nobody;
        }
        return owners;
    }

    private static String ownerId(final Owner owner) {
        return owner == null ? null : owner.accountId();
    }
}
