package io.mailroute.topology.match;

import com.google.re2j.Matcher;
import io.mailroute.topology.budget.MailBudget;

/**
 * The matches of a {@link LinearPattern} in one text, in the manner of
 * {@link java.util.regex.Matcher}: {@link #find()} moves to the next match, the group accessors
 * read the current one. One per text; not thread-safe. Every search checks the running
 * {@link MailBudget} of the thread.
 */
public final class LinearMatcher {
    private final Matcher matcher;

    LinearMatcher(final Matcher matcher) {
        this.matcher = matcher;
    }

    /**
     * Moves to the next match after the current one; false when there is none. Checks the mail's
     * budget first: a match costs time linear in the text, but a mail holds many texts.
     */
    public boolean find() {
        MailBudget.check();
        return matcher.find();
    }

    /** True when the pattern matches the whole text; the match is then the current one. Checks the budget first. */
    public boolean matches() {
        MailBudget.check();
        return matcher.matches();
    }

    /** The text of the current match. */
    public String group() {
        return matcher.group();
    }

    /** The text group {@code group} captured in the current match, or null when it took no part. */
    public String group(final int group) {
        return matcher.group(group);
    }

    /** The text the group named {@code name} captured in the current match, or null when it took no part. */
    public String group(final String name) {
        return matcher.group(name);
    }

    /** The number of capturing groups of the pattern. */
    public int groupCount() {
        return matcher.groupCount();
    }

    /** Where the current match starts. */
    public int start() {
        return matcher.start();
    }

    /** Where the current match ends (exclusive). */
    public int end() {
        return matcher.end();
    }

    /** Where group {@code group} of the current match starts, or -1 when it took no part. */
    public int start(final int group) {
        return matcher.start(group);
    }

    /** Where group {@code group} of the current match ends (exclusive), or -1 when it took no part. */
    public int end(final int group) {
        return matcher.end(group);
    }
}
